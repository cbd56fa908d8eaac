import CallEngine

/// What the per-call conversation asks its channel handler to do.
public enum AGIOutput: Hashable, Sendable {
    /// Write this command line (it ends in `\n`); if no reply arrives within `timeoutSeconds`,
    /// call `timerFired`.
    case send(String, timeoutSeconds: Double)
    /// Nothing to send, but a line is owed (the hang-up notice after a `-1`, a nudge's reply):
    /// if none arrives within `seconds`, call `timerFired`.
    case awaitLine(seconds: Double)
    /// Ask the queue for an advocate; it answers with `queueSignal`.
    case joinQueue(QueueRequest)
    /// Tell the queue what came of an offer.
    case offerFinished(DialResult)
    /// The caller left the queue (a key, a hang-up, a failure).
    case leaveQueue
    /// The staff line asks the desk (who is dialling in; change their shift); the answer goes to
    /// `AGIStaffLineSession.deskAnswered`.
    case askDesk(StaffLineDeskRequest)
    /// The PBX wrote a caller's message (whole, or cut short by their hang-up): seal it.
    case messageRecorded(MessageRecording)
    /// The call's one outcome, for the call log.
    case outcome(CallOutcome)
    /// Something worth a log line; never holds a caller identifier or a raw protocol line.
    case note(AGINote)
    /// Close the connection (Asterisk never closes it first).
    case close
}

/// Log-worthy happenings on a call, in words that carry no caller data.
public enum AGINote: Hashable, Sendable, CustomStringConvertible {
    case promptUnplayable(String)
    case commandFailed(verb: String)
    case commandRejected(verb: String, code: Int)
    case pbxTimedOut(verb: String)
    case unexpectedLine
    case invalidCommand(String)
    case recordingFailed
    /// The call reached the most commands one call may send and was ended.
    case commandLimit(Int)

    public var description: String {
        switch self {
        case .promptUnplayable(let path): "prompt \(path) could not be played (missing or not 8 kHz 16-bit mono on the PBX?)"
        case .commandFailed(let verb): "the PBX could not carry out \(verb) (result -1 without a hang-up)"
        case .commandRejected(let verb, let code): "the PBX rejected \(verb) with \(code)"
        case .pbxTimedOut(let verb): "the PBX did not answer \(verb) in time"
        case .unexpectedLine: "the PBX sent a line that is not a reply"
        case .invalidCommand(let reason): "a command could not be sent: \(reason)"
        case .recordingFailed: "the PBX could not write the recording (does the recordings folder exist?)"
        case .commandLimit(let limit): "the call was ended after \(limit) commands, the most one call may send outside the queue: a caller repeating a menu endlessly, or a plan that loops"
        }
    }
}
