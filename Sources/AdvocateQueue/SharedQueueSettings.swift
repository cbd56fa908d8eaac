/// One queue's settings as they were when a caller joined, shared by everyone who joined under
/// them: a waiting caller keeps a reference, not its own copy (80 bytes for every caller on hold).
/// A reload makes a new one for the callers who join after it.
final class SharedQueueSettings: Sendable {
    let value: QueueSettings

    init(_ value: QueueSettings) {
        self.value = value
    }
}
