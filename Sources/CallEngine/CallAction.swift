import Dialplan

/// What the engine asks a channel to do. Plain values: tests compare arrays of them. An action
/// whose result the engine waits for is always the last of its batch.
public enum CallAction: Hashable, Sendable {
    /// Answer the call (always the first action).
    case answer
    /// Play prompts in order. A key in `escapeDigits` stops playback and is reported in
    /// `promptFinished(interruptedBy:)`.
    case play([Prompt], escapeDigits: String)
    /// Play prompts, then collect up to `maxDigits` digits. Reply with `digitsReceived` or
    /// `inputTimedOut`.
    case collect(CollectRequest)
    /// Ask the queue for an advocate. It answers with `queueAnnouncement`, `advocateOffered` and
    /// finally `queueResult`, or an offer that ends `answered`.
    case joinQueue(QueueRequest)
    /// Music on hold. Until the next action the channel listens for keys and reports each as
    /// `digitsReceived`; nothing else answers it.
    case hold(music: String)
    /// Stop the music on hold.
    case stopHold
    /// Tell a waiting caller where they stand (music already stopped). A key in `escapeDigits`
    /// cuts it short; so does news from the queue, between two parts, so that an offer never
    /// waits for a whole announcement. Reply with `announcementFinished`.
    case announce([AnnouncementPart], escapeDigits: String)
    /// Ring an advocate for the waiting caller (with music while it rings, and the whisper:
    /// the caller's language and whether an interpreter is needed); bridge them on answer.
    /// Reply with `offerFinished` once the ringing or the conversation is over.
    case offer(QueueOffer, music: String)
    /// Tell the queue what came of its offer.
    case reportOffer(DialResult)
    /// The caller left the queue (a key, a hang-up): the queue must forget them.
    case leaveQueue
    /// Dial a referral line and bridge the caller; reply with `transferFinished` once the
    /// ringing or the conversation is over.
    case transfer(destination: String, label: String)
    /// Record a message; reply with `recordingFinished`. The channel names the file from the call id.
    case record(RecordRequest)
    /// Hang up the caller's channel.
    case hangUp
    /// Write this call's one outcome to the call log (always the last action of a call).
    case logOutcome(CallOutcome)
}

/// A piece of a queue announcement: a prompt, or a number the PBX says in the call's language.
public enum AnnouncementPart: Hashable, Sendable {
    case prompt(Prompt)
    case number(Int, language: String)
}

public struct CollectRequest: Hashable, Sendable {
    public var prompts: [Prompt]
    public var maxDigits: Int
    public var timeoutSeconds: Double
    /// The key that ends entry early, if any.
    public var terminator: String?

    public init(prompts: [Prompt], maxDigits: Int, timeoutSeconds: Double, terminator: String?) {
        self.prompts = prompts
        self.maxDigits = maxDigits
        self.timeoutSeconds = timeoutSeconds
        self.terminator = terminator
    }
}

public struct QueueRequest: Hashable, Sendable {
    public var queue: String
    public var language: String
    public var priority: Int
    public var maxWaitSeconds: Int
    public var music: String
    /// The caller asked for an advocate with an interpreter.
    public var interpreter: Bool

    public init(queue: String, language: String, priority: Int, maxWaitSeconds: Int, music: String, interpreter: Bool = false) {
        self.queue = queue
        self.language = language
        self.priority = priority
        self.maxWaitSeconds = maxWaitSeconds
        self.music = music
        self.interpreter = interpreter
    }
}

public struct RecordRequest: Hashable, Sendable {
    public var maxSeconds: Int
    public var beep: Bool
    /// The key that ends the recording.
    public var terminator: String
    /// Plan-wide keys: they end the recording too, and take the caller on their path.
    public var planKeys: String

    public init(maxSeconds: Int, beep: Bool, terminator: String, planKeys: String = "") {
        self.maxSeconds = maxSeconds
        self.beep = beep
        self.terminator = terminator
        self.planKeys = planKeys.filter { !terminator.contains($0) }
    }

    /// Every key that ends the recording.
    public var escapeDigits: String { terminator + planKeys }
}
