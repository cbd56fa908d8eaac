import Foundation

/// Asterisk's configuration syntax as its config loader reads it (main/config.c): `[name]`,
/// `[name](!)` for a template, `[name](tmpl1,tmpl2)` or `[name](!,tmpl)` to inherit a template's
/// lines, `key = value` or `key => value`, `;` to the end of a line. A category's lines are its
/// templates' lines (in order) followed by its own. Enough to check shipped files, not a parser
/// for every construct (no #include, no `+` appends).
struct AsteriskConfigFile {
    struct Section {
        var name: String
        var isTemplate: Bool
        var templates: [String]
        var lines: [(key: String, value: String, line: Int)]
        var line: Int

        func values(_ key: String) -> [String] { lines.filter { $0.key == key }.map(\.value) }
        func value(_ key: String) -> String? { values(key).last }
    }

    let path: String
    private(set) var sections: [Section] = []
    private(set) var problems: [String] = []

    init(_ url: URL) throws {
        path = url.lastPathComponent
        let text = try String(contentsOf: url, encoding: .utf8)
        for (index, raw) in text.components(separatedBy: "\n").enumerated() {
            let number = index + 1
            let line = raw.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { problems.append("\(path):\(number): '[' without ']'"); continue }
                let name = String(line[line.index(after: line.startIndex)..<close])
                var rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
                var parents: [String] = []
                if rest.hasPrefix("("), rest.hasSuffix(")") {
                    parents = rest.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    rest = ""
                }
                if !rest.isEmpty { problems.append("\(path):\(number): unexpected '\(rest)' after [\(name)]") }
                let isTemplate = parents.contains("!")
                let templates = parents.filter { $0 != "!" }
                var inherited: [(key: String, value: String, line: Int)] = []
                for parent in templates {
                    guard let template = sections.last(where: { $0.name == parent }) else {
                        problems.append("\(path):\(number): [\(name)] inherits [\(parent)], which is not defined above it")
                        continue
                    }
                    if !template.isTemplate {
                        problems.append("\(path):\(number): [\(name)] inherits [\(parent)], which is a real section, not a template (its names come along: the mistake desk 2 once had)")
                    }
                    inherited += template.lines
                }
                sections.append(Section(name: name, isTemplate: isTemplate, templates: templates, lines: inherited, line: number))
                continue
            }
            guard !sections.isEmpty else { problems.append("\(path):\(number): a line before any [section]"); continue }
            let separator = line.range(of: "=>") ?? line.range(of: "=")
            guard let separator else { problems.append("\(path):\(number): '\(line)' is neither a section nor key = value"); continue }
            let key = line[..<separator.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = line[separator.upperBound...].trimmingCharacters(in: .whitespaces)
            sections[sections.count - 1].lines.append((key, value, number))
        }
    }

    /// Real (non-template) sections of a PJSIP `type`.
    func objects(ofType type: String) -> [Section] {
        sections.filter { !$0.isTemplate && $0.value("type") == type }
    }

    /// Names of the sections of a `type`.
    func names(ofType type: String) -> Set<String> { Set(objects(ofType: type).map(\.name)) }

    /// The section's name (dialplan contexts).
    var sectionNames: Set<String> { Set(sections.map(\.name)) }
}
