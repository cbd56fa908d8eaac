/// Limits that keep one misbehaving peer from hurting the server or other calls.
public struct ServerLimits: Hashable, Sendable {
    /// Longest line accepted from the PBX (Asterisk cuts its own at 8191 bytes).
    public var maximumLineLength = 8192
    /// Most lines in an environment block (Asterisk sends about 25 plus the arguments).
    public var maximumEnvironmentLines = 128
    /// Time from connect to the end of the environment block.
    public var environmentTimeoutSeconds = 10.0
    /// How long a graceful stop waits for calls in progress before closing them.
    public var drainSeconds = 30.0
    /// Most calls in progress at once. A connection beyond it is closed at once (the PBX's
    /// fallback answers the caller) instead of waiting for file descriptors that are not there.
    public var maximumCalls = 5000

    public init() {}
}
