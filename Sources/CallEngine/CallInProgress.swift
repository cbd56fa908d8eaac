import Foundation

/// What the call log needs to count a call that never ends — the controller was killed or the
/// machine lost power while it was up: the same anonymous fields a statistics cell has, nothing
/// that could identify the caller. The call id only pairs it with its outcome in memory.
public struct CallInProgress: Hashable, Sendable {
    public var callID: String
    public var startedAt: Date
    /// One of the plan's own numbers, or nil.
    public var dialedNumber: String?
    public var campaign: String
    public var language: String

    public init(callID: String, startedAt: Date, dialedNumber: String?, campaign: String, language: String) {
        self.callID = callID
        self.startedAt = startedAt
        self.dialedNumber = dialedNumber
        self.campaign = campaign
        self.language = language
    }
}

extension Call {
    /// The call as the start journal keeps it, once it has started.
    public var inProgress: CallInProgress? {
        guard phase != .notStarted else { return nil }
        return CallInProgress(callID: id.description, startedAt: startedAt, dialedNumber: dialedNumber,
                              campaign: entry.campaign, language: language)
    }
}
