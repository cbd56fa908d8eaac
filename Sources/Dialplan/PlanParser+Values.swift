import Yams

/// Readers for single values, each reporting a clear error at the value when it has the wrong shape.
extension PlanParser {
    mutating func text(_ node: Node, _ what: String) -> Located<String>? {
        guard let scalar = node.scalar else {
            diagnostics.append(.error(source.location(of: node), "expected text for \(what), found a \(shape(of: node))"))
            return nil
        }
        return Located(scalar.string, at: source.location(of: node))
    }

    /// A single text or a list of texts.
    mutating func textList(_ node: Node, _ what: String) -> [Located<String>] {
        if node.scalar != nil { return text(node, what).map { [$0] } ?? [] }
        guard let sequence = node.sequence else {
            diagnostics.append(.error(source.location(of: node), "expected a list for \(what), found a \(shape(of: node))"))
            return []
        }
        return sequence.compactMap { text($0, what) }
    }

    mutating func prompts(_ node: Node, _ what: String) -> [Located<PromptReference>] {
        textList(node, what).compactMap { item in
            guard let reference = PromptReference(parsing: item.value) else {
                diagnostics.append(.error(item.location, "'\(item.value)' is not a prompt name: use letters, digits, _ and -, optionally @language (e.g. lang_es@es)"))
                return nil
            }
            return Located(reference, at: item.location)
        }
    }

    /// Seconds within `range`: every duration of the grammar is bounded, so no value `check`
    /// accepts can overflow a command's milliseconds.
    mutating func seconds(_ node: Node, _ what: String, range: ClosedRange<Double>) -> Double? {
        guard let scalar = node.scalar, let value = Double(scalar.string), value.isFinite else {
            diagnostics.append(.error(source.location(of: node), "expected a number of seconds for \(what), e.g. 5"))
            return nil
        }
        guard range.contains(value) else {
            diagnostics.append(.error(source.location(of: node), "\(what) is \(scalar.string) seconds; give from \(Self.written(range.lowerBound)) to \(Self.written(range.upperBound)) seconds"))
            return nil
        }
        return value
    }

    static func written(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    mutating func count(_ node: Node, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard let scalar = node.scalar, let value = Int(scalar.string), range.contains(value) else {
            diagnostics.append(.error(source.location(of: node), "expected a whole number from \(range.lowerBound) to \(range.upperBound) for \(what)"))
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            diagnostics.append(.error(source.location(of: node), "expected true or false for \(what)"))
            return nil
        }
    }

    /// One DTMF key: 0-9, * or #.
    mutating func dtmfKey(_ text: String, at location: SourceLocation) -> Located<String>? {
        guard text.count == 1, let key = text.first, key.isASCII, key.isNumber || key == "*" || key == "#" else {
            diagnostics.append(.error(location, "'\(text)' is not a phone key; use one of 0-9, * or # (quote it: \"1\")"))
            return nil
        }
        return Located(text, at: location)
    }

    func shape(of node: Node) -> String {
        switch node {
        case .scalar: "text"
        case .mapping: "mapping"
        case .sequence: "list"
        }
    }
}

/// The same readers for a field that may be absent: absent gives nil, with no diagnostic.
extension PlanParser {
    mutating func text(_ node: Node?, _ what: String) -> Located<String>? {
        guard let node else { return nil }
        return text(node, what)
    }

    mutating func textList(field node: Node?, _ what: String) -> [Located<String>]? {
        guard let node else { return nil }
        return textList(node, what)
    }

    mutating func prompts(field node: Node?, _ what: String) -> [Located<PromptReference>]? {
        guard let node else { return nil }
        return prompts(node, what)
    }

    mutating func seconds(_ node: Node?, _ what: String, range: ClosedRange<Double>) -> Double? {
        guard let node else { return nil }
        return seconds(node, what, range: range)
    }

    mutating func count(_ node: Node?, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        return count(node, what, range: range)
    }

    mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node else { return nil }
        return bool(node, what)
    }
}
