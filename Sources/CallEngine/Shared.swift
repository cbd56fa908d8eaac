/// One value many holders read and none changes, kept once behind a reference: a server's AGI
/// settings for all its calls, a queue's settings as they were when each caller joined. Each
/// holder keeps 8 bytes instead of its own copy, which for every caller on hold added up.
public final class Shared<Value: Sendable>: Sendable {
    public let value: Value

    public init(_ value: Value) {
        self.value = value
    }
}
