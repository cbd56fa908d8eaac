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

    /// Parses a reply line (without its `\n`); nil when the line is not a reply. It reads the
    /// line's bytes once, without Foundation: every reply of every call passes through here.
    public init?(parsing line: Substring) {
        let bytes = line.utf8
        var index = bytes.startIndex
        var code = 0
        for _ in 0..<3 {
            guard index != bytes.endIndex, let digit = Self.digit(bytes[index]) else { return nil }
            code = code * 10 + digit
            index = bytes.index(after: index)
        }
        guard code >= 100, code <= 599 else { return nil }
        self.code = code
        result = ""
        let rest = bytes[index...]
        if code == 520, rest.first == UInt8(ascii: "-") {
            isUsageStart = true
            return
        }
        guard rest.isEmpty || rest.first == UInt8(ascii: " ") else { return nil }
        guard code == 200 else { return }
        let body = rest.dropFirst()
        guard body.starts(with: "result=".utf8) else { return nil }
        let value = body.dropFirst(7)
        let resultEnd = value.firstIndex(of: UInt8(ascii: " ")) ?? value.endIndex
        result = String(Substring(value[..<resultEnd]))
        var tail = value[resultEnd...]
        if let marker = Self.lastEndpos(in: tail), let number = Self.integer(tail[marker.upperBound...]) {
            endpos = number
            tail = tail[..<marker.lowerBound]
        }
        if let open = tail.firstIndex(of: UInt8(ascii: "(")), let close = tail.lastIndex(of: UInt8(ascii: ")")), open < close {
            detail = String(Substring(tail[tail.index(after: open)..<close]))
        }
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// Where the last ` endpos=` in `bytes` stands. (Searched in the line's contiguous bytes:
    /// stepping a `Substring`'s indices back one at a time took a tenth of the reply's parse.)
    private static func lastEndpos(in bytes: Substring.UTF8View) -> Range<Substring.UTF8View.Index>? {
        let marker = " endpos=".utf8
        let offset = bytes.withContiguousStorageIfAvailable { buffer -> Int? in
            var start = buffer.count - marker.count
            while start >= 0 {
                if buffer[start] == UInt8(ascii: " "), buffer[start ..< start + marker.count].elementsEqual(marker) { return start }
                start -= 1
            }
            return nil
        }
        if let offset {
            guard let offset else { return nil }
            let start = bytes.index(bytes.startIndex, offsetBy: offset)
            return start ..< bytes.index(start, offsetBy: marker.count)
        }
        var end = bytes.endIndex
        while bytes.distance(from: bytes.startIndex, to: end) >= marker.count {
            let start = bytes.index(end, offsetBy: -marker.count)
            if bytes[start..<end].elementsEqual(marker) { return start..<end }
            end = bytes.index(before: end)
        }
        return nil
    }

    /// A whole optionally signed decimal number, as `Int(_:)` reads one.
    private static func integer(_ bytes: Substring.UTF8View) -> Int? {
        Int(Substring(bytes))
    }
}
