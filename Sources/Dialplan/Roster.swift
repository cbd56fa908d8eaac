import Yams

/// The advocates the controller may ring: `roster.yaml` beside the plan. Read with positions,
/// like a plan, so a mistake points at its line.
public struct Roster: Hashable, Sendable {
    public struct Advocate: Hashable, Sendable {
        public var id: String
        public var endpoint: String
        public var languages: [String]
    }

    public var advocates: [Advocate]

    /// Parses a roster; returns it with every problem found (errors make it unusable).
    public static func parse(_ text: String, file: String, languages: [String]) -> (Roster, [Diagnostic]) {
        var parser = PlanParser(file: file)
        var advocates: [Advocate] = []
        if let problem = YAMLGuard.problem(in: text, file: file) { return (Roster(advocates: []), [problem]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return (Roster(advocates: []), [parser.yamlError(error)])
        }
        guard let mapping = root?.mapping else {
            return (Roster(advocates: []), [.error(SourceLocation(file: file, line: 1, column: 1), "a roster is a mapping with 'agents: [{id, endpoint, languages}]'")])
        }
        let top = MappingReader(mapping, context: "the roster", source: parser.source, diagnostics: &parser.diagnostics)
        top.reportUnknownFields(allowed: ["agents"], diagnostics: &parser.diagnostics)
        var seen: [String: SourceLocation] = [:]
        for item in top["agents"]?.sequence ?? [] {
            guard let fields = item.mapping else {
                parser.diagnostics.append(.error(parser.source.location(of: item), "an agent is a mapping: `{id: ana, endpoint: PJSIP/advocate-desk-1, languages: [en, es]}`"))
                continue
            }
            let reader = MappingReader(fields, context: "an agent", source: parser.source, diagnostics: &parser.diagnostics)
            reader.reportUnknownFields(allowed: ["id", "endpoint", "languages"], diagnostics: &parser.diagnostics)
            guard let id = parser.text(reader["id"], "the agent's id"), let endpoint = parser.text(reader["endpoint"], "the agent's endpoint") else {
                parser.diagnostics.append(.error(reader.location, "an agent needs 'id' and 'endpoint'"))
                continue
            }
            if let first = seen[id.value] {
                parser.diagnostics.append(.error(id.location, "agent '\(id.value)' is listed twice (first at line \(first.line))"))
                continue
            }
            seen[id.value] = id.location
            let spoken = parser.textList(field: reader["languages"], "the agent's languages") ?? []
            for language in spoken where !languages.contains(language.value) {
                parser.diagnostics.append(.warning(language.location, "agent '\(id.value)' speaks '\(language.value)', which the plan does not offer"))
            }
            if spoken.isEmpty { parser.diagnostics.append(.error(reader.location, "agent '\(id.value)' needs 'languages', e.g. [en, es]")) }
            advocates.append(Advocate(id: id.value, endpoint: endpoint.value, languages: spoken.map(\.value)))
        }
        if top["agents"] == nil { parser.diagnostics.append(.error(top.location, "the roster has no 'agents'")) }
        return (Roster(advocates: advocates), parser.diagnostics.sortedForDisplay())
    }
}
