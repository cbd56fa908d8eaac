import CallEngine
import CallReports
import GRDB

/// One row of the `call` table: a call's anonymous outcome. Its columns are the whole of what
/// is kept about a call; none can hold a caller identifier.
struct CallRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "call"

    var id: String
    /// Start of the coarse time bucket, seconds since 1970 UTC.
    var startBucket: Int64
    var dialedNumber: String
    var campaign: String
    var language: String
    var ending: String
    var endedIn: String
    /// States passed, joined by " > ".
    var path: String
    /// Choices as the plan names them, joined by ", ".
    var choices: String
    var secondsInIVR: Double
    var secondsWaiting: Double
    var secondsWithAdvocate: Double
    var retries: Int
    var planVersion: String
    var interpreter: Bool
    var overflowed: Bool
    var talkTimeUnknown: Bool

    init(_ outcome: CallOutcome, granularity: Int64) {
        let key = CallCellKey(outcome, granularity: granularity)
        id = outcome.callID
        startBucket = key.bucket
        dialedNumber = key.dialedNumber
        campaign = outcome.campaign
        language = outcome.language
        ending = outcome.ending.rawValue
        endedIn = outcome.endedIn
        path = outcome.path.joined(separator: " > ")
        choices = outcome.choices.joined(separator: ", ")
        secondsInIVR = outcome.secondsInIVR
        secondsWaiting = outcome.secondsWaiting
        secondsWithAdvocate = outcome.secondsWithAdvocate
        retries = outcome.retries
        planVersion = outcome.planVersion
        interpreter = outcome.interpreter
        overflowed = outcome.overflowed
        talkTimeUnknown = outcome.talkTimeUnknown
    }
}

