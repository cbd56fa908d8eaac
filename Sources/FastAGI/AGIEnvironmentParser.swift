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
    enum Field: CaseIterable {
        case network, networkScript, request, language, type, version, dialedNumber, context, extensionName, priority, enhanced

        var name: String {
            switch self {
            case .network: "agi_network"
            case .networkScript: "agi_network_script"
            case .request: "agi_request"
            case .language: "agi_language"
            case .type: "agi_type"
            case .version: "agi_version"
            case .dialedNumber: "agi_dnid"
            case .context: "agi_context"
            case .extensionName: "agi_extension"
            case .priority: "agi_priority"
            case .enhanced: "agi_enhanced"
            }
        }

        /// The field a line's name bytes name, if it is one kept; compared as bytes, without
        /// making a string of a name that is thrown away.
        static func named(_ name: UnsafeRawBufferPointer) -> Field? {
            for (field, bytes) in names where bytes.count == name.count {
                if bytes.withUnsafeBytes({ $0.elementsEqual(name) }) { return field }
            }
            return nil
        }

        static let names = allCases.map { ($0, Array($0.name.utf8)) }
    }

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

    /// One line as text (the tests' way in); the same rules as the bytes.
    public mutating func consume(_ line: Substring) -> Progress {
        var text = String(line)
        return text.withUTF8 { consume(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// One raw line, from the channel's buffer (every call's environment block passes here).
    /// Read as bytes: a string is made only of a kept field's value.
    public mutating func consume(bytes line: UnsafeRawBufferPointer) -> Progress {
        if line.isEmpty { return .complete(environment) }
        lines += 1
        guard lines <= maximumLines else { return .invalid("the environment block is longer than \(maximumLines) lines") }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            return .invalid("line \(lines) of the environment block is not 'agi_name: value'")
        }
        let name = UnsafeRawBufferPointer(rebasing: line[..<colon])
        guard name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .invalid("line \(lines) of the environment block has a field name that is not plain ASCII")
        }
        guard name.starts(with: Self.prefix) else { return .invalid("line \(lines) of the environment block is not 'agi_name: value'") }
        var valueStart = colon + 1
        if valueStart < line.count, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let valueBytes = UnsafeRawBufferPointer(rebasing: line[valueStart...])
        if name.starts(with: Self.argumentPrefix) {
            guard let index = Self.number(UnsafeRawBufferPointer(rebasing: name[Self.argumentPrefix.count...])), index == environment.arguments.count + 1 else {
                return .invalid("line \(lines) of the environment block has an argument out of order")
            }
            guard let value = Self.text(valueBytes) else { return unreadable(name) }
            environment.arguments.append(value)
            return .needMore
        }
        // Any other field is counted and dropped unread: the value may be a caller identifier.
        guard let field = Field.named(name) else { return .needMore }
        guard let value = Self.text(valueBytes) else { return unreadable(name) }
        switch field {
        case .networkScript: environment.networkScript = value
        case .language: environment.language = value.isEmpty ? nil : value
        case .type: environment.channelType = value
        case .version: environment.version = value
        case .dialedNumber: environment.dialedNumber = (value == "unknown" || value.isEmpty) ? nil : value
        case .context: environment.context = value
        case .extensionName: environment.extensionName = value
        case .priority: environment.priority = value
        case .network, .request, .enhanced: break
        }
        return .needMore
    }

    static let prefix = Array("agi_".utf8)
    static let argumentPrefix = Array("agi_arg_".utf8)

    private func unreadable(_ name: UnsafeRawBufferPointer) -> Progress {
        .invalid("line \(lines) of the environment block (\(String(decoding: name, as: UTF8.self))) holds a NUL byte or invalid UTF-8")
    }

    private static func text(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard !bytes.contains(0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A positive decimal number of at most nine digits (an argument's index).
    private static func number(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
