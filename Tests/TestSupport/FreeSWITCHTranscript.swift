import Foundation

/// One transcript of `../shared/interop/freeswitch/`: the bytes FreeSWITCH sent, line by line as
/// recorded (a line ends where a read or a Content-Length boundary ended it), and the names of the
/// events the recorder summarised (`# [t] ^ NAME …`).
public struct FreeSWITCHTranscript: Sendable {
    public let name: String
    /// FreeSWITCH's bytes, one chunk per transcript line.
    public let chunks: [[UInt8]]
    /// The controller's bytes (the recorder's), one chunk per transcript line.
    public let appChunks: [[UInt8]]
    public let summarisedEvents: [String]

    public static let folder = AsteriskTranscript.folder.deletingLastPathComponent().appendingPathComponent("freeswitch")

    /// Every transcript, both recordings, or none when the shared folder is not beside the clone.
    public static func all() -> [FreeSWITCHTranscript] {
        var found: [FreeSWITCHTranscript] = []
        for sub in ["", "second-run/"] {
            let dir = folder.appendingPathComponent(sub)
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() where file.hasSuffix(".txt") {
                if let text = try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8) {
                    found.append(FreeSWITCHTranscript(name: sub + file, text: text))
                }
            }
        }
        return found
    }

    init(name: String, text: String) {
        self.name = name
        var chunks: [[UInt8]] = [], events: [String] = [], app: [[UInt8]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("FS>  [") || line.hasPrefix("FS> ["), let close = line.firstIndex(of: "]") {
                chunks.append(AsteriskTranscript.unescape(line[line.index(close, offsetBy: 2)...]))
            } else if line.hasPrefix("APP> ["), let close = line.firstIndex(of: "]") {
                app.append(AsteriskTranscript.unescape(line[line.index(close, offsetBy: 2)...]))
            } else if line.hasPrefix("# ["), let caret = line.range(of: "] ^ ") {
                events.append(String(line[caret.upperBound...].prefix { $0 != " " }))
            }
        }
        self.chunks = chunks
        appChunks = app
        summarisedEvents = events
    }
}
