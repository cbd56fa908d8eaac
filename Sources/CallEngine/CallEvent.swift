/// What happened on a call: past-tense facts a channel reports to the engine.
public enum CallEvent: Hashable, Sendable {
    /// The PBX handed the call over.
    case callStarted(CallContext)
    /// The prompts of a `play` finished, or a key in its escape digits cut them short.
    case promptFinished(interruptedBy: Character?)
    /// The caller entered digits for a `collect` (a menu key or several digits).
    case digitsReceived(String)
    /// The caller entered nothing before the timeout of a `collect`.
    case inputTimedOut
    /// The queue resolved the wait for an advocate.
    case queueResult(QueueResult)
    /// The queue says where the caller stands (and their own estimated wait, when honest).
    case queueAnnouncement(position: Int, estimatedWaitSeconds: Int?)
    /// The advocate or transferred conversation ended while the caller's channel is still up.
    case conversationEnded
    /// A transfer's dial finished.
    case transferFinished(DialStatus)
    /// A recording finished; `seconds` of audio were kept (0 when nothing was recorded).
    case recordingFinished(seconds: Double)
    /// The caller hung up (or the PBX said the channel is gone).
    case remoteHungUp
    /// The channel cannot go on (the PBX stopped answering, a protocol error, a failed command).
    case channelFailed(String)
}

/// How waiting in a queue ended.
public enum QueueResult: Hashable, Sendable {
    /// An advocate answered; the conversation begins.
    case answered
    /// An advocate who does not speak the caller's language answered, with an interpreter.
    case answeredWithInterpreter
    /// The maximum wait passed.
    case timedOut
    /// No advocate who could take the call is logged in.
    case noAdvocates
}

/// How a dial ended, in Asterisk's `DIALSTATUS` words.
public enum DialStatus: String, Hashable, Sendable, CaseIterable {
    /// Answered, and the conversation is over.
    case answer = "ANSWER"
    case busy = "BUSY"
    case noAnswer = "NOANSWER"
    case unavailable = "CHANUNAVAIL"
    case congestion = "CONGESTION"
    case cancel = "CANCEL"
    case invalid = "INVALIDARGS"
}
