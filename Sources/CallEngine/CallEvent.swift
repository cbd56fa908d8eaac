/// What happened on a call: past-tense facts a channel reports to the engine.
public enum CallEvent: Hashable, Sendable {
    /// The PBX handed the call over.
    case callStarted(CallContext)
    /// The prompts of a `play` finished, or a key in its escape digits cut them short.
    case promptFinished(interruptedBy: Character?)
    /// The caller entered digits for a `collect` (a menu key or several digits), or pressed a
    /// key while on hold.
    case digitsReceived(String)
    /// The caller entered nothing before the timeout of a `collect`.
    case inputTimedOut
    /// The queue has the caller in line: no advocate is free for them now.
    case queueWaiting
    /// The queue says where the caller stands (and their own estimated wait, when honest).
    case queueAnnouncement(position: Int, estimatedWaitSeconds: Int?)
    /// The queue chose an advocate to ring for this caller.
    case advocateOffered(QueueOffer)
    /// The queue ended the wait without an advocate.
    case queueResult(QueueResult)
    /// An `announce` finished, or a key in its escape digits cut it short.
    case announcementFinished(interruptedBy: Character?)
    /// An `offer` to an advocate finished (for `answered`, the conversation is over).
    case offerFinished(DialResult)
    /// A transfer's dial finished (for `answered`, the conversation is over).
    case transferFinished(DialResult)
    /// A recording finished; `seconds` of audio were kept (0 when nothing was recorded).
    /// `endedBy` is the plan-wide key that ended it, if one did.
    case recordingFinished(seconds: Double, endedBy: Character? = nil)
    /// The caller hung up (or the PBX said the channel is gone).
    case remoteHungUp
    /// The channel cannot go on (the PBX stopped answering, a protocol error, a failed command).
    case channelFailed(String)
}

/// How waiting in a queue ended without an advocate.
public enum QueueResult: Hashable, Sendable {
    /// The maximum wait passed.
    case timedOut
    /// No advocate who could take the call is logged in.
    case noAdvocates
}

/// How ringing an advocate or a partner line ended, in the hotline's words (each PBX adapter
/// translates its own: Asterisk's DIALSTATUS, FreeSWITCH's hangup causes).
public enum DialResult: Hashable, Sendable {
    /// Answered, and the conversation is over. `talkSeconds` is how long it lasted, nil when the
    /// PBX could not say (never a guess).
    case answered(talkSeconds: Double?)
    case busy
    /// Rang until the ring time ran out.
    case noAnswer
    /// The phone or line could not be reached (unknown, offline, network congestion).
    case unreachable
    /// The caller hung up while it rang.
    case callerGone
}
