import CallEngine

/// What the per-call conversation asks its channel handler to do.
public enum AGIOutput: Hashable, Sendable {
    /// Write this command line (it ends in `\n`); if no reply arrives within `timeoutSeconds`,
    /// report `pbxTimedOut`.
    case send(String, timeoutSeconds: Double)
    /// Wait for an advocate; the queue answers with `queueSignal`.
    case enqueue(QueueRequest)
    /// Tell the queue what came of an offer.
    case offerFinished(DialStatus, talkSeconds: Double)
    /// The caller left the queue by a key.
    case leaveQueue
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
    case commandRejected(verb: String, code: Int)
    case pbxTimedOut(verb: String)
    case unexpectedLine
    case invalidCommand(String)
    case recordingFailed

    public var description: String {
        switch self {
        case .promptUnplayable(let path): "prompt \(path) could not be played (missing or not 8 kHz 16-bit mono on the PBX?)"
        case .commandRejected(let verb, let code): "the PBX rejected \(verb) with \(code)"
        case .pbxTimedOut(let verb): "the PBX did not answer \(verb) in time"
        case .unexpectedLine: "the PBX sent a line that is not a reply"
        case .invalidCommand(let reason): "a command could not be sent: \(reason)"
        case .recordingFailed: "the PBX could not write the recording (does the recordings folder exist?)"
        }
    }
}
