import CallEngine

/// What the ESL session asks its connection handler to do.
public enum ESLOutput: Hashable, Sendable {
    /// Write this command; if nothing answers it (its reply, or its execute's completion) within
    /// `timeoutSeconds`, call `timerFired`.
    case send(String, timeoutSeconds: Double)
    /// Ask the queue for an advocate; it answers through `ESLSession.queueSignal`.
    case joinQueue(QueueRequest)
    /// Tell the queue what came of an offer.
    case offerFinished(DialResult)
    /// The caller left the queue (a key, a hang-up, a failure).
    case leaveQueue
    /// The staff line asks the desk (who is dialling in; change their shift); the answer goes to
    /// `ESLStaffLineSession.deskAnswered`.
    case askDesk(StaffLineDeskRequest)
    /// The PBX wrote a caller's message: seal it.
    case messageRecorded(MessageRecording)
    /// The call's one outcome, for the call log.
    case outcome(CallOutcome)
    /// Something worth a log line; never holds a caller identifier or raw protocol bytes.
    case note(String)
    /// Close the connection.
    case close
}
