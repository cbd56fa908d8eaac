import CallEngine

/// Where a caller waits for an advocate. `wait` answers once through `resolve`, on any thread;
/// `leave` is called when the caller hangs up while waiting.
public protocol AdvocateQueue: Sendable {
    func wait(_ request: QueueRequest, call: CallID, resolve: @escaping @Sendable (QueueResult) -> Void)
    func leave(call: CallID)
}

/// The queue of a controller with no advocate logged in: every caller is sent at once to the
/// queue's no-advocates branch (Asterisk's `joinempty`), never parked in an empty queue.
public struct NoAdvocatesQueue: AdvocateQueue {
    public init() {}

    public func wait(_ request: QueueRequest, call: CallID, resolve: @escaping @Sendable (QueueResult) -> Void) {
        resolve(.noAdvocates)
    }

    public func leave(call: CallID) {}
}
