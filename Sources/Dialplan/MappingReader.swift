import Yams

/// Reads one YAML mapping field by field, remembering which fields were used, so that unknown
/// and duplicated fields are reported with their position and a "did you mean" hint.
struct MappingReader {
    let pairs: [(key: String, keyLocation: SourceLocation, value: Node)]
    let location: SourceLocation
    /// How the mapping is named in messages, e.g. "menu state 'main_menu'".
    let context: String

    init(_ mapping: Node.Mapping, context: String, source: SourceFile, diagnostics: inout [Diagnostic]) {
        self.context = context
        location = source.location(of: mapping.mark)
        var firstSeen: [String: SourceLocation] = [:]
        var pairs: [(key: String, keyLocation: SourceLocation, value: Node)] = []
        for (key, value) in mapping {
            let keyLocation = source.location(of: key.mark)
            guard let name = key.scalar?.string else {
                diagnostics.append(.error(keyLocation, "\(context): a field name must be plain text"))
                continue
            }
            if let first = firstSeen[name] {
                diagnostics.append(.error(keyLocation, "\(context): duplicate field '\(name)' (first defined at line \(first.line)); remove one"))
                continue
            }
            firstSeen[name] = keyLocation
            pairs.append((name, keyLocation, value))
        }
        self.pairs = pairs
    }

    var keys: [String] { pairs.map(\.key) }

    subscript(key: String) -> Node? {
        pairs.first { $0.key == key }?.value
    }

    func keyLocation(_ key: String) -> SourceLocation? {
        pairs.first { $0.key == key }?.keyLocation
    }

    /// Reports every field not in `allowed`, suggesting the closest allowed one.
    func reportUnknownFields(allowed: [String], diagnostics: inout [Diagnostic]) {
        for pair in pairs where !allowed.contains(pair.key) {
            let hint = DidYouMean.hint(for: pair.key, among: allowed)
            let known = hint.isEmpty ? "; known fields: \(allowed.joined(separator: ", "))" : hint
            diagnostics.append(.error(pair.keyLocation, "unknown field '\(pair.key)' in \(context)\(known)"))
        }
    }
}

/// The text being parsed and its file name, for turning YAML marks into locations.
struct SourceFile {
    let name: String

    func location(of mark: Mark?) -> SourceLocation {
        SourceLocation(file: name, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func location(of node: Node) -> SourceLocation {
        location(of: node.mark)
    }
}
