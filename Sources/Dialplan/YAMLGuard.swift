/// Checks a YAML text before it reaches the YAML parser, whose composer recurses once per
/// nesting level: 200 KB of `[` overflows the stack and kills the process. A plan needs a few
/// levels; anything deeper than `maximumDepth`, or longer than `maximumBytes`, is refused with
/// its position instead of being parsed.
public enum YAMLGuard {
    /// Far beyond any plan (the default plan nests 6 deep), far below what overflows a stack.
    public static let maximumDepth = 64
    /// A plan, roster or catalogue is a few tens of KB.
    public static let maximumBytes = 1 << 20

    /// The first reason `text` may not be parsed, with its position; nil when it is safe.
    public static func problem(in text: String, file: String) -> Diagnostic? {
        if text.utf8.count > maximumBytes {
            return .error(SourceLocation(file: file, line: 1, column: 1),
                          "the file is \(text.utf8.count) bytes; the most a YAML file may hold is \(maximumBytes) bytes (1 MiB)")
        }
        var scanner = DepthScanner()
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if let column = scanner.scan(line), scanner.deepest > maximumDepth {
                return .error(SourceLocation(file: file, line: lineNumber, column: column),
                              "the YAML nests more than \(maximumDepth) levels deep here; a plan needs a few levels — look for brackets that never close")
            }
        }
        return nil
    }

    /// Counts nesting as the parser would: open indentation levels, `- ` items started on one
    /// line, and open flow brackets (which may span lines). Quoted text, comments and the lines of
    /// a block scalar (`|`, `>`) do not count.
    struct DepthScanner {
        private var indents: [Int] = []
        private var flowDepth = 0
        private var blockScalarIndent: Int?
        private(set) var deepest = 0

        /// Scans one line; returns the column where the depth first exceeded the limit, if it did.
        mutating func scan(_ line: Substring) -> Int? {
            let bytes = Array(line.utf8)
            let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
            let isBlank = indent == bytes.count || bytes[indent] == UInt8(ascii: "#") || bytes[indent] == UInt8(ascii: "\r")
            if let scalarIndent = blockScalarIndent {
                if isBlank || indent > scalarIndent { return nil }
                blockScalarIndent = nil
            }
            if isBlank { return nil }
            if flowDepth == 0 {
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
            }
            var depth = indents.count + flowDepth
            var index = indent
            // `- - - x`: each dash opens a sequence.
            while index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: " ") {
                depth += 1
                index += 2
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            }
            var quote: UInt8?
            var previous: UInt8 = UInt8(ascii: " ")
            var lastSignificant: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "'"):
                        quote = byte
                    case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t"):
                        index = bytes.count
                        continue
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        flowDepth += 1
                        depth += 1
                    case UInt8(ascii: "]"), UInt8(ascii: "}"):
                        flowDepth = max(0, flowDepth - 1)
                        depth -= 1
                    default:
                        break
                    }
                    if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\r") { lastSignificant = byte }
                }
                deepest = max(deepest, depth)
                if deepest > YAMLGuard.maximumDepth { return index + 1 }
                previous = byte
                index += 1
            }
            deepest = max(deepest, depth)
            if flowDepth == 0, quote == nil, lastSignificant == UInt8(ascii: "|") || lastSignificant == UInt8(ascii: ">") {
                blockScalarIndent = indent
            }
            return deepest > YAMLGuard.maximumDepth ? max(1, bytes.count) : nil
        }
    }
}
