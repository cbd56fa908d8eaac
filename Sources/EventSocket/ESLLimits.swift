/// Bounds on what one Event Socket connection may send, so a broken or hostile peer cannot make
/// the controller hold unbounded memory. The transcripts' largest message is the `connect`
/// reply (111 headers, 3.8 KB) and events measure 2.0-6.5 KB.
public struct ESLLimits: Hashable, Sendable {
    /// Header lines in one block (the outer block or an event body's).
    public var maximumHeaders = 1024
    /// Bytes in one header line.
    public var maximumLineBytes = 16 * 1024
    /// Bytes in one body (FreeSWITCH 1.11 caps incoming commands at 16 MiB; events are KBs).
    public var maximumBodyBytes = 4 * 1024 * 1024

    public init() {}
}
