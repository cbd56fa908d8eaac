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

    /// Counts nesting as the parser would: open indentation levels, `- ` and `? ` opened on one
    /// line, and open flow brackets (which may span lines). Like YAML itself, a quote or a
    /// bracket opens something only where a value can start (a line's start, after `: `, `- `,
    /// `[`, `{` or `,`): the apostrophe of "New Year's Day" is text. Quoted text (with its
    /// escapes, across lines), comments and the lines of a block scalar (`|`, `>-`, `|2`…) do not
    /// count.
    struct DepthScanner {
        private var indents: [Int] = []
        private var flowDepth = 0
        private var quote: UInt8?
        private var blockScalarIndent: Int?
        private(set) var deepest = 0

        private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), cr = UInt8(ascii: "\r")

        /// Scans one line; returns the column where the depth first exceeded the limit, if it did.
        mutating func scan(_ line: Substring) -> Int? {
            let bytes = Array(line.utf8)
            var index = 0
            var depth = indents.count + flowDepth
            if quote == nil {
                let indent = bytes.prefix { $0 == Self.space }.count
                let isBlank = indent == bytes.count || bytes[indent] == UInt8(ascii: "#") || bytes[indent] == Self.cr || bytes[indent] == Self.tab
                if let scalarIndent = blockScalarIndent {
                    if isBlank || indent > scalarIndent { return nil }
                    blockScalarIndent = nil
                }
                if isBlank { return nil }
                if flowDepth == 0 {
                    while let last = indents.last, last >= indent { indents.removeLast() }
                    indents.append(indent)
                }
                depth = indents.count + flowDepth
                index = indent
            }
            var valueCanStart = quote == nil
            var afterSpace = true
            var blockHeader = false
            var headerClosed = false
            let lineIndent = indents.last ?? 0
            while index < bytes.count {
                let byte = bytes[index]
                let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
                let nextIsBreak = next == nil || next == Self.space || next == Self.tab || next == Self.cr
                if let open = quote {
                    if open == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
                        index += 2
                        continue
                    }
                    if byte == open {
                        if open == UInt8(ascii: "'") && next == open {
                            index += 2
                            continue
                        }
                        quote = nil
                        valueCanStart = false
                    }
                    index += 1
                    continue
                }
                if byte == Self.space || byte == Self.tab || byte == Self.cr {
                    afterSpace = true
                    if blockHeader { headerClosed = true }
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "#"), afterSpace { break }
                if blockHeader, !headerClosed, byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                    index += 1
                    continue
                }
                blockHeader = false
                switch byte {
                // (A `where` binds to the one pattern before it: each pattern carries its own.)
                case UInt8(ascii: "\"") where valueCanStart, UInt8(ascii: "'") where valueCanStart:
                    quote = byte
                case UInt8(ascii: "[") where valueCanStart || flowDepth > 0, UInt8(ascii: "{") where valueCanStart || flowDepth > 0:
                    flowDepth += 1
                    depth += 1
                    valueCanStart = true
                case UInt8(ascii: "]") where flowDepth > 0, UInt8(ascii: "}") where flowDepth > 0:
                    flowDepth -= 1
                    depth -= 1
                    valueCanStart = false
                case UInt8(ascii: ",") where flowDepth > 0:
                    valueCanStart = true
                case UInt8(ascii: ":") where nextIsBreak || flowDepth > 0:
                    valueCanStart = true
                case UInt8(ascii: "-") where valueCanStart && nextIsBreak, UInt8(ascii: "?") where valueCanStart && nextIsBreak:
                    // `- - x`, `? ? x`: each opens a level.
                    depth += 1
                case UInt8(ascii: "|") where valueCanStart && flowDepth == 0, UInt8(ascii: ">") where valueCanStart && flowDepth == 0:
                    blockHeader = true
                    headerClosed = false
                    valueCanStart = false
                default:
                    valueCanStart = false
                }
                afterSpace = false
                deepest = max(deepest, depth)
                if deepest > YAMLGuard.maximumDepth { return index + 1 }
                index += 1
            }
            deepest = max(deepest, depth)
            if blockHeader, quote == nil, flowDepth == 0 {
                blockScalarIndent = lineIndent
            }
            return deepest > YAMLGuard.maximumDepth ? max(1, bytes.count) : nil
        }
    }
}
