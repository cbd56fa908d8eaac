import CallEngine
import Foundation

/// An advocate as the roster names them: who, which phone to ring, which languages they take.
public struct AgentProfile: Hashable, Sendable, Codable {
    public var id: String
    /// The PBX dial string of the advocate's phone, e.g. `PJSIP/advocate-desk-1`.
    public var endpoint: String
    public var languages: Set<String>

    public init(id: String, endpoint: String, languages: Set<String>) {
        self.id = id
        self.endpoint = endpoint
        self.languages = languages
    }
}

/// An advocate's live state in the queue.
struct Agent: Sendable {
    var profile: AgentProfile
    var status: AgentStatus = .loggedOut
    /// When they last became free (longest-idle goes first).
    var freeSince = Date.distantPast
    var wrapUpUntil: Date?
    /// The call being offered, and when the offer started.
    var offer: (call: CallID, since: Date)?
    /// Recent conversation lengths, for the callers' own wait estimates.
    var recentTalkSeconds: [Double] = []
    var callsTaken = 0
    /// After an offer the advocate did not take, they are not offered another until then
    /// (Asterisk's `retry`): a busy phone is not rung again and again.
    var restUntil: Date?
    /// Logged out while an offer was ringing: the offer finishes first.
    var logoutPending = false
    /// Why they are paused (while paused).
    var pauseReason: PauseReason?
    /// What the call being offered, or talked to, is about: its language and whether an
    /// interpreter is needed. Nothing about the caller.
    var offerSummary: QueueStatus.OfferSummary?
    /// Since when the time in the current status has not been counted in the staff figures.
    var statusSince = Date.distantPast

    init(profile: AgentProfile) {
        self.profile = profile
    }

    var isLoggedIn: Bool { status != .loggedOut }
}

