/// One server's `AGISettings`, shared by all its calls: each session keeps a reference to it
/// instead of its own copy (120 bytes for every caller on hold).
public final class SharedAGISettings: Sendable {
    public let value: AGISettings

    public init(_ value: AGISettings) {
        self.value = value
    }
}
