import Dialplan
import Foundation

/// The one record a call leaves: how it ended, where, in which language, and how long each part
/// took. It carries no caller identifier; key presses appear only as the meaning the plan gave them.
public struct CallOutcome: Hashable, Sendable, Codable {
    public var callID: String
    /// The exact start; the call log stores it coarsened.
    public var startedAt: Date
    /// The hotline number dialed (the hotline's own number), nil when the PBX did not say.
    public var dialedNumber: String?
    public var campaign: String
    public var language: String
    public var ending: CallEnding
    /// The state the call was in when it ended.
    public var endedIn: String
    /// Every state the call passed through, in order.
    public var path: [String]
    /// What the caller chose, as the plan names it ("language=es", "main_menu=advocate").
    public var choices: [String]
    public var secondsInIVR: Double
    public var secondsWaiting: Double
    public var secondsWithAdvocate: Double
    /// How many times a menu or collect was offered again after no input or an invalid key.
    public var retries: Int
    public var planVersion: String
    /// The advocate did not speak the caller's language: an interpreter was needed.
    public var interpreter: Bool = false
    /// The caller waited a queue's maximum wait and was sent on (overflow).
    public var overflowed: Bool = false
    /// The advocate conversation happened but the PBX could not say how long it lasted:
    /// `secondsWithAdvocate` is 0 and counts in no average.
    public var talkTimeUnknown: Bool = false

    public init(callID: String, startedAt: Date, dialedNumber: String?, campaign: String, language: String, ending: CallEnding,
                endedIn: String, path: [String], choices: [String], secondsInIVR: Double, secondsWaiting: Double,
                secondsWithAdvocate: Double, retries: Int, planVersion: String, interpreter: Bool = false, overflowed: Bool = false,
                talkTimeUnknown: Bool = false) {
        self.talkTimeUnknown = talkTimeUnknown
        self.interpreter = interpreter
        self.overflowed = overflowed
        self.callID = callID
        self.startedAt = startedAt
        self.dialedNumber = dialedNumber
        self.campaign = campaign
        self.language = language
        self.ending = ending
        self.endedIn = endedIn
        self.path = path
        self.choices = choices
        self.secondsInIVR = secondsInIVR
        self.secondsWaiting = secondsWaiting
        self.secondsWithAdvocate = secondsWithAdvocate
        self.retries = retries
        self.planVersion = planVersion
    }
}
