/// Reads the environment block line by line, keeping only the allowed fields. Caller
/// identifiers are dropped here, at the boundary, and are never stored anywhere.
public struct AGIEnvironmentParser: Sendable {
    public enum Progress: Hashable, Sendable {
        case needMore
        case complete(AGIEnvironment)
        /// The block is not an AGI environment; the reason never quotes the line.
        case invalid(String)
    }

    /// Fields that are read into `AGIEnvironment`. Every other field — `agi_callerid`,
    /// `agi_calleridname`, `agi_callingpres`, `agi_callingani2`, `agi_callington`,
    /// `agi_callingtns`, `agi_rdnis`, `agi_channel`, `agi_uniqueid`, linked ids,
    /// `agi_accountcode`, `agi_threadid`, and anything unknown — is discarded unread.
    static let kept: Set<String> = [
        "agi_network", "agi_network_script", "agi_request", "agi_language", "agi_type", "agi_version",
        "agi_dnid", "agi_context", "agi_extension", "agi_priority", "agi_enhanced",
    ]

    public let maximumLines: Int
    private var environment = AGIEnvironment()
    private var lines = 0

    public init(maximumLines: Int = 128) {
        self.maximumLines = maximumLines
    }

    /// One raw line. Only the fields kept must be UTF-8 text without NUL bytes: a Latin-1
    /// caller name in `agi_calleridname` is thrown away unread, never a reason to refuse a call.
    public mutating func consume(bytes line: some Collection<UInt8>) -> Progress {
        line.withContiguousStorageIfAvailable { consume(bytes: UnsafeRawBufferPointer($0)) } ?? consume(bytes: Array(line))
    }

    /// One raw line, from the channel's buffer (every call's environment block passes here).
    public mutating func consume(bytes line: UnsafeRawBufferPointer) -> Progress {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            guard let text = Self.text(line) else { return .invalid("line \(lines + 1) of the environment block is not 'agi_name: value'") }
            return consume(Substring(text))
        }
        let keyBytes = UnsafeRawBufferPointer(rebasing: line[..<colon])
        guard keyBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .invalid("line \(lines + 1) of the environment block has a field name that is not plain ASCII")
        }
        let key = String(decoding: keyBytes, as: UTF8.self)
        if !Self.kept.contains(key), !key.hasPrefix("agi_arg_") {
            // Counted and dropped unread: the value may be a caller identifier.
            lines += 1
            guard lines <= maximumLines else { return .invalid("the environment block is longer than \(maximumLines) lines") }
            guard key.hasPrefix("agi_") else { return .invalid("line \(lines) of the environment block is not 'agi_name: value'") }
            return .needMore
        }
        guard let text = Self.text(line) else {
            return .invalid("line \(lines + 1) of the environment block (\(key)) holds a NUL byte or invalid UTF-8")
        }
        return consume(Substring(text))
    }

    private static func text(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard !bytes.contains(0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    public mutating func consume(_ line: Substring) -> Progress {
        if line.isEmpty { return .complete(environment) }
        lines += 1
        guard lines <= maximumLines else { return .invalid("the environment block is longer than \(maximumLines) lines") }
        guard line.hasPrefix("agi_"), let colon = line.firstIndex(of: ":") else {
            return .invalid("line \(lines) of the environment block is not 'agi_name: value'")
        }
        let key = line[..<colon]
        var value = line[line.index(after: colon)...]
        if value.first == " " { value = value.dropFirst() }
        if key.hasPrefix("agi_arg_") {
            guard let index = Int(key.dropFirst(8)), index == environment.arguments.count + 1 else {
                return .invalid("line \(lines) of the environment block has an argument out of order")
            }
            environment.arguments.append(String(value))
            return .needMore
        }
        guard Self.kept.contains(String(key)) else { return .needMore }
        let text = String(value)
        switch key {
        case "agi_network_script": environment.networkScript = text
        case "agi_language": environment.language = text.isEmpty ? nil : text
        case "agi_type": environment.channelType = text
        case "agi_version": environment.version = text
        case "agi_dnid": environment.dialedNumber = (text == "unknown" || text.isEmpty) ? nil : text
        case "agi_context": environment.context = text
        case "agi_extension": environment.extensionName = text
        case "agi_priority": environment.priority = text
        default: break
        }
        return .needMore
    }
}
