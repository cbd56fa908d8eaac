/// A prompt named in a dialplan. Without a language it is played in the call's language;
/// `name@lang` pins it to one language (e.g. "para español, oprima 2" in a language menu).
public struct PromptReference: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var language: String?

    public init(name: String, language: String? = nil) {
        self.name = name
        self.language = language
    }

    /// Parses `name` or `name@lang`; nil when the text is not a valid prompt name.
    public init?(parsing text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count <= 2, let first = parts.first, Self.isValidName(first) else { return nil }
        if parts.count == 2 {
            guard Self.isValidName(parts[1]) else { return nil }
            language = String(parts[1])
        } else {
            language = nil
        }
        name = String(first)
    }

    public var description: String { language.map { "\(name)@\($0)" } ?? name }

    static func isValidName(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}

/// A prompt resolved for one call: which recording, in which language.
public struct Prompt: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var language: String

    public init(name: String, language: String) {
        self.name = name
        self.language = language
    }

    /// The path Asterisk plays, relative to the prompts root and without extension: `es/welcome`.
    public var path: String { path(under: "") }

    /// The path under a folder of the PBX's sounds (`hotline/es/welcome`; none when empty),
    /// written into one string: every prompt of every call is named this way.
    public func path(under folder: String) -> String {
        var path = ""
        path.reserveCapacity(folder.utf8.count + language.utf8.count + name.utf8.count + 2)
        if !folder.isEmpty {
            path.append(folder)
            path.append("/")
        }
        path.append(language)
        path.append("/")
        path.append(name)
        return path
    }
    public var description: String { path }
}
