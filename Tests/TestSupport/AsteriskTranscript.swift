import Foundation

/// A byte-exact recording of Asterisk speaking FastAGI, from ../shared/interop/asterisk/.
public struct AsteriskTranscript: Sendable {
    public enum Side: Sendable { case pbx, app }

    public struct Line: Sendable {
        public var side: Side
        /// The line without its terminator.
        public var text: String
        /// The bytes as sent, terminator included.
        public var bytes: [UInt8]
    }

    public let name: String
    public let lines: [Line]

    public static let folder = InteropFolder.root.appendingPathComponent("asterisk")

    public static func all() throws -> [AsteriskTranscript] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { try AsteriskTranscript(name: String($0.dropLast(4))) }
    }

    public init(name: String) throws {
        self.name = name
        let text = try String(contentsOf: Self.folder.appendingPathComponent("\(name).txt"), encoding: .utf8)
        var lines: [Line] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let side: Side
            if raw.hasPrefix("PBX> ") { side = .pbx } else if raw.hasPrefix("APP> ") { side = .app } else { continue }
            guard let close = raw.firstIndex(of: "]") else { continue }
            let escaped = raw[raw.index(close, offsetBy: 2)...]
            let bytes = Self.unescape(escaped)
            var body = bytes
            if body.last == UInt8(ascii: "\n") { body.removeLast() }
            lines.append(Line(side: side, text: String(decoding: body, as: UTF8.self), bytes: bytes))
        }
        self.lines = lines
    }

    /// `\n \r \t \\ \xNN` back to bytes.
    static func unescape(_ text: Substring) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "\\"), let next = bytes.popFirst() else { out.append(byte); continue }
            switch next {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "x"):
                let hex = String(decoding: bytes.prefix(2), as: UTF8.self)
                bytes = bytes.dropFirst(2)
                out.append(UInt8(hex, radix: 16) ?? 0)
            default: out.append(next)
            }
        }
        return out
    }

    /// The environment block's lines (up to, not including, the empty line).
    public var environment: [Line] {
        Array(lines.prefix { $0.side == .pbx && !$0.text.isEmpty })
    }

    /// Every PBX line after the environment block.
    public var pbxAfterEnvironment: [Line] {
        Array(lines.drop { !($0.side == .pbx && $0.text.isEmpty) }.dropFirst().filter { $0.side == .pbx })
    }
}
