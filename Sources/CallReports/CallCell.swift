import Foundation
import CallEngine
import Dialplan

/// One statistics cell: a coarse time bucket × campaign × dialed hotline number × language ×
/// ending. Nothing finer is ever needed for the reports, so the strict mode keeps only these.
public struct CallCellKey: Hashable, Sendable, Codable {
    /// Start of the time bucket, in seconds since 1970 (UTC).
    public var bucket: Int64
    public var campaign: String
    public var dialedNumber: String
    public var language: String
    public var ending: CallEnding

    /// The dialed number of a call whose number is none of the plan's: only declared hotline
    /// numbers are ever stored (a trunk's "dialed" field can be the caller's own number).
    public static let otherNumber = "other"

    public init(bucket: Int64, campaign: String, dialedNumber: String, language: String, ending: CallEnding) {
        self.bucket = bucket
        self.campaign = campaign
        self.dialedNumber = dialedNumber
        self.language = language
        self.ending = ending
    }
}

/// What is summed in a cell.
public struct CallCell: Hashable, Sendable, Codable {
    public var count = 0
    public var secondsInIVR = 0.0
    public var secondsWaiting = 0.0
    public var secondsWithAdvocate = 0.0
    public var retries = 0
    /// Conversations held through an interpreter.
    public var interpreted = 0
    /// Calls sent on after a queue's maximum wait.
    public var overflowed = 0
    /// Conversations whose length the PBX could not give (their 0 s is in no average).
    public var talkTimeUnknown = 0
    public var waitHistogram = [Int](repeating: 0, count: WaitHistogram.binCount)

    public init() {}

    public mutating func add(_ outcome: CallOutcome) {
        count += 1
        secondsInIVR += outcome.secondsInIVR
        secondsWaiting += outcome.secondsWaiting
        secondsWithAdvocate += outcome.secondsWithAdvocate
        retries += outcome.retries
        if outcome.interpreter { interpreted += 1 }
        if outcome.overflowed { overflowed += 1 }
        if outcome.talkTimeUnknown { talkTimeUnknown += 1 }
        waitHistogram[WaitHistogram.bin(outcome.secondsWaiting)] += 1
    }

    public mutating func merge(_ other: CallCell) {
        count += other.count
        secondsInIVR += other.secondsInIVR
        secondsWaiting += other.secondsWaiting
        secondsWithAdvocate += other.secondsWithAdvocate
        retries += other.retries
        interpreted += other.interpreted
        overflowed += other.overflowed
        talkTimeUnknown += other.talkTimeUnknown
        for i in waitHistogram.indices where i < other.waitHistogram.count { waitHistogram[i] += other.waitHistogram[i] }
    }
}

extension CallCellKey {
    /// The cell an outcome falls in, its start time cut down to `granularity` seconds.
    public init(_ outcome: CallOutcome, granularity: Int64) {
        self.init(bucket: Self.bucket(outcome.startedAt, granularity), campaign: outcome.campaign,
                  dialedNumber: outcome.dialedNumber ?? CallCellKey.otherNumber, language: outcome.language, ending: outcome.ending)
    }

    /// The cell a call still in progress falls in if the controller stops before it ends.
    public init(interrupted call: CallInProgress, granularity: Int64) {
        self.init(bucket: Self.bucket(call.startedAt, granularity), campaign: call.campaign,
                  dialedNumber: call.dialedNumber ?? CallCellKey.otherNumber, language: call.language, ending: .interrupted)
    }

    /// The start of the `granularity`-second bucket `start` falls in (seconds since 1970).
    public static func bucket(_ start: Date, _ granularity: Int64) -> Int64 {
        let seconds = Int64(start.timeIntervalSince1970.rounded(.down))
        return seconds - ((seconds % granularity) + granularity) % granularity
    }
}
