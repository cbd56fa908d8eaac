/// Where a caller waits for an advocate (the controller's own queue, owned by one actor).
/// Channels call it from their event loops; it answers through `signal`, from any thread, as
/// many times as needed until a `.resolved` or an answered offer ends the wait.
public protocol AdvocateQueue: Sendable {
    func wait(_ request: QueueRequest, call: CallID, signal: @escaping @Sendable (QueueSignal) -> Void)
    /// What came of an offer (for an answered one the conversation is already over).
    func offerFinished(call: CallID, result: DialResult)
    /// The caller hung up or left by a key.
    func leave(call: CallID)
}

/// What the queue tells a waiting caller's channel; the channel hands each to the engine.
public enum QueueSignal: Hashable, Sendable {
    /// The caller is in line: nobody is free for them now.
    case waiting
    case announce(position: Int, estimatedWaitSeconds: Int?)
    /// Ring this advocate and bridge the caller when they answer.
    case offer(QueueOffer)
    /// The wait ended without an advocate.
    case resolved(QueueResult)

    /// The engine event that carries this signal.
    public var event: CallEvent {
        switch self {
        case .waiting: .queueWaiting
        case .announce(let position, let wait): .queueAnnouncement(position: position, estimatedWaitSeconds: wait)
        case .offer(let offer): .advocateOffered(offer)
        case .resolved(let result): .queueResult(result)
        }
    }
}

/// An advocate to ring for a caller.
public struct QueueOffer: Hashable, Sendable {
    public var endpoint: String
    public var ringSeconds: Int
    /// The caller's language, whispered to the advocate.
    public var language: String
    /// The advocate does not speak it.
    public var interpreter: Bool

    public init(endpoint: String, ringSeconds: Int, language: String, interpreter: Bool) {
        self.endpoint = endpoint
        self.ringSeconds = ringSeconds
        self.language = language
        self.interpreter = interpreter
    }
}

/// The queue of a controller with no advocate logged in: every caller is sent at once to the
/// queue's no-advocates branch (Asterisk's `joinempty`), never parked in an empty queue.
public struct NoAdvocatesQueue: AdvocateQueue {
    public init() {}

    public func wait(_ request: QueueRequest, call: CallID, signal: @escaping @Sendable (QueueSignal) -> Void) {
        signal(.resolved(.noAdvocates))
    }

    public func offerFinished(call: CallID, result: DialResult) {}

    public func leave(call: CallID) {}
}
