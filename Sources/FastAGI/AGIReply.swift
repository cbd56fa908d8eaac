import Foundation

/// One reply line from the PBX: `200 result=<n>[ (<detail>)][ endpos=<n>]`, `510 …`, `511 …`.
/// (`520` usage replies span lines; the session reads them to their end.)
public struct AGIReply: Hashable, Sendable {
    public var code: Int
    /// The text after `result=` up to the first space (may be empty: `result= (timeout)`).
    public var result: String
    /// What stands in parentheses: a variable's value (to the last `)`) or a flag like `timeout`.
    public var detail: String?
    /// `endpos=`: samples (or ms for CONTROL STREAM FILE) played or recorded.
    public var endpos: Int?

    public init(code: Int, result: String, detail: String? = nil, endpos: Int? = nil) {
        self.code = code
        self.result = result
        self.detail = detail
        self.endpos = endpos
    }

    /// `520-…`: the first line of a multi-line usage reply.
    public var isUsageStart = false

    /// The result as a number, when it is one.
    public var number: Int? { Int(result) }

    /// Parses a reply line (without its `\n`); nil when the line is not a reply.
    public init?(parsing line: Substring) {
        let bytes = line.utf8
        guard bytes.count >= 3, let code = Int(line.prefix(3)), code >= 100, code <= 599 else { return nil }
        let rest = line.dropFirst(3)
        self.code = code
        result = ""
        if code == 520, rest.first == "-" {
            isUsageStart = true
            return
        }
        guard rest.isEmpty || rest.first == " " else { return nil }
        guard code == 200 else { return }
        var body = rest.dropFirst()
        guard body.hasPrefix("result=") else { return nil }
        body = body.dropFirst(7)
        let resultEnd = body.firstIndex(of: " ") ?? body.endIndex
        result = String(body[..<resultEnd])
        var tail = body[resultEnd...]
        if let range = tail.range(of: " endpos=", options: .backwards), let value = Int(tail[range.upperBound...]) {
            endpos = value
            tail = tail[..<range.lowerBound]
        }
        if let open = tail.firstIndex(of: "("), let close = tail.lastIndex(of: ")"), open < close {
            detail = String(tail[tail.index(after: open)..<close])
        }
    }
}
