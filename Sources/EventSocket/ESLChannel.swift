/// The caller's channel on the FreeSWITCH side (its `Unique-ID`), needed for the one command that
/// must name it: `api uuid_break`, which stops music on hold (10). It is not a caller identifier
/// by itself, but FreeSWITCH's own log and CDRs print it beside the caller's number, so a copy of
/// it anywhere on our side would link a call to a caller. It lives only in the connection's
/// memory: it prints as a placeholder, and only `breakCommand` reads it.
public struct ESLChannel: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let uuid: String

    /// A uuid as FreeSWITCH writes them: hex digits and dashes, nothing that could start another
    /// command or header.
    public init?(_ uuid: String) {
        guard (8...64).contains(uuid.utf8.count), uuid.utf8.allSatisfy({ $0 == 0x2D || (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }) else {
            return nil
        }
        self.uuid = uuid
    }

    public var description: String { "<channel>" }
    public var debugDescription: String { "<channel>" }

    /// `api uuid_break <uuid>`: stops the playback the channel is running (the music on hold).
    var breakCommand: ESLCommand { .api("uuid_break \(uuid)") }
}
