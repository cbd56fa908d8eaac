import Yams

/// Turns dialplan YAML into a `PlanDefinition`, reporting every problem it meets with its position
/// and carrying on, so one run of `hotline check` shows them all.
struct PlanParser {
    let source: SourceFile
    var diagnostics: [Diagnostic] = []

    static let topLevelFields = [
        "format", "name", "version", "languages", "default_language", "time_zone", "prompts",
        "hours", "entries", "global_keys", "policies", "queues", "switches", "messages", "states",
    ]

    init(file: String) {
        source = SourceFile(name: file)
    }

    mutating func parse(_ yaml: String) -> PlanDefinition {
        var plan = PlanDefinition(file: source.name)
        if let problem = YAMLGuard.problem(in: yaml, file: source.name) {
            diagnostics.append(problem)
            return plan
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            diagnostics.append(yamlError(error))
            return plan
        }
        guard let root, let mapping = root.mapping else {
            diagnostics.append(.error(source.location(of: root?.mark), "a dialplan is a YAML mapping with 'languages', 'entries' and 'states'; see docs/dialplan.md"))
            return plan
        }
        let top = MappingReader(mapping, context: "the plan", source: source, diagnostics: &diagnostics)
        top.reportUnknownFields(allowed: Self.topLevelFields, diagnostics: &diagnostics)

        if let format = top["format"], format.int != Plan.format {
            diagnostics.append(.error(source.location(of: format), "unsupported dialplan format '\(format.scalar?.string ?? "?")'; this controller reads format \(Plan.format)"))
        }
        plan.name = text(top["name"], "the plan name")?.value ?? ""
        plan.version = text(top["version"], "the plan version")?.value ?? ""
        plan.promptsDirectory = text(top["prompts"], "the prompts folder")?.value
        plan.timeZone = text(required(top, "time_zone", example: "time_zone: America/New_York"), "the time zone")
        if let languages = required(top, "languages", example: "languages: [en, es]") {
            plan.languages = textList(languages, "the languages")
        }
        plan.defaultLanguage = text(top["default_language"], "the default language")
        if let hours = top["hours"] { plan.hours = parseHours(hours) }
        if let entries = required(top, "entries", example: "entries: [{number: \"8883737888\", start: welcome}]") {
            plan.entries = parseEntries(entries)
        }
        if let keys = top["global_keys"] { plan.planKeys = parsePlanKeys(keys) }
        if let policies = top["policies"] { plan.policies = parsePolicies(policies) }
        if let queues = top["queues"] { plan.queues = parseQueues(queues) }
        if let switches = top["switches"] { plan.switches = parseSwitches(switches) }
        if let messages = top["messages"] { plan.messageRetentionDays = parseMessages(messages) }
        if let states = required(top, "states", example: "states: {welcome: {play: welcome, next: menu}}") {
            plan.states = parseStates(states)
        }
        return plan
    }

    func yamlError(_ error: any Error) -> Diagnostic {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return .error(source.location(of: mark), "not valid YAML: \(detail)\(problem)\(Self.hint(forYAMLProblem: problem))")
        case .reader(let problem, _, _, _):
            return .error(source.location(of: nil), "not readable as UTF-8 YAML: \(problem)")
        default:
            return .error(source.location(of: nil), "not valid YAML: \(error)")
        }
    }

    /// What the YAML parser's words usually mean in a plan an administrator edited.
    static func hint(forYAMLProblem problem: String) -> String {
        if problem.contains("mapping values are not allowed") || problem.contains("did not find expected key")
            || problem.contains("did not find expected '-' indicator") || problem.contains("could not find expected ':'") {
            return "; check this line's indentation against the lines above: fields of one state line up, 2 spaces deeper than its name, with spaces, not tabs"
        }
        if problem.contains("found character that cannot start any token") {
            return "; a tab, or a character such as @ or ` at the start of a value: indent with spaces and quote such values"
        }
        return ""
    }

    private mutating func required(_ reader: MappingReader, _ key: String, example: String) -> Node? {
        if let node = reader[key] { return node }
        diagnostics.append(.error(reader.location, "\(reader.context) has no '\(key)'; add it, e.g. `\(example)`"))
        return nil
    }

    private mutating func parseEntries(_ node: Node) -> [EntryDefinition] {
        guard let sequence = node.sequence else {
            diagnostics.append(.error(source.location(of: node), "'entries' is a list: `- {number: \"8883737888\", start: welcome}` and `- {default: true, start: welcome}`"))
            return []
        }
        var entries: [EntryDefinition] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                diagnostics.append(.error(source.location(of: item), "an entry is a mapping with 'number' (or 'default: true') and 'start'"))
                continue
            }
            let reader = MappingReader(mapping, context: "an entry", source: source, diagnostics: &diagnostics)
            reader.reportUnknownFields(allowed: ["number", "default", "campaign", "start"], diagnostics: &diagnostics)
            let number = text(reader["number"], "the entry number")
            let isDefault = bool(reader["default"], "'default'") ?? false
            if let number, !number.value.allSatisfy({ $0.isASCII && ($0.isNumber || "+*#".contains($0)) }) {
                diagnostics.append(.error(number.location, "entry number '\(number.value)' may hold only digits, +, * and #"))
            }
            if number == nil && !isDefault {
                diagnostics.append(.error(reader.location, "an entry needs 'number: \"…\"' or 'default: true'"))
                continue
            }
            if number != nil && isDefault {
                diagnostics.append(.error(reader.location, "an entry has either 'number' or 'default: true', not both"))
            }
            guard let start = text(reader["start"], "the entry's start state") else {
                if reader["start"] == nil {
                    diagnostics.append(.error(reader.location, "an entry needs 'start: STATE', the state its calls begin in"))
                }
                continue
            }
            let campaign = text(reader["campaign"], "the campaign")?.value ?? (number?.value ?? "default")
            entries.append(EntryDefinition(number: isDefault ? nil : number, campaign: campaign, start: start, location: reader.location))
        }
        return entries
    }

    private mutating func parsePlanKeys(_ node: Node) -> [PlanKey] {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "'global_keys' maps a key to a state, e.g. `\"0\": emergency`"))
            return []
        }
        let reader = MappingReader(mapping, context: "'global_keys'", source: source, diagnostics: &diagnostics)
        return reader.pairs.compactMap { pair in
            guard let key = dtmfKey(pair.key, at: pair.keyLocation), let target = text(pair.value, "the target of key \(pair.key)") else { return nil }
            return PlanKey(key: key, target: target)
        }
    }

    private mutating func parsePolicies(_ node: Node) -> [Policy] {
        guard let sequence = node.sequence else {
            diagnostics.append(.error(source.location(of: node), "'policies' is a list: `- {require: notice, before: [queue, transfer]}`"))
            return []
        }
        var policies: [Policy] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                diagnostics.append(.error(source.location(of: item), "a policy is a mapping with 'require' and 'before'"))
                continue
            }
            let reader = MappingReader(mapping, context: "a policy", source: source, diagnostics: &diagnostics)
            reader.reportUnknownFields(allowed: ["require", "before", "except"], diagnostics: &diagnostics)
            guard let require = textList(field: required(reader, "require", example: "require: confidentiality_notice"), "'require'"),
                  let before = required(reader, "before", example: "before: [queue, transfer]").map({ textList($0, "'before'") })
            else { continue }
            let except = textList(field: reader["except"], "'except'") ?? []
            policies.append(Policy(require: require, before: before, except: except, location: reader.location))
        }
        return policies
    }

    private mutating func parseSwitches(_ node: Node) -> [SwitchDefinition] {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "'switches' maps a switch name to its label and who may flip it, e.g. `closed_today: {label: \"Closed today\", flip: supervisor}`"))
            return []
        }
        let reader = MappingReader(mapping, context: "'switches'", source: source, diagnostics: &diagnostics)
        return reader.pairs.compactMap { pair in
            guard PromptReference.isValidName(Substring(pair.key)) else {
                diagnostics.append(.error(pair.keyLocation, "a switch name uses letters, digits, _ and -"))
                return nil
            }
            guard let settings = pair.value.mapping else {
                diagnostics.append(.error(source.location(of: pair.value), "switch '\(pair.key)' is a mapping, e.g. `{label: \"Closed today\", flip: supervisor}`"))
                return nil
            }
            let fields = MappingReader(settings, context: "switch '\(pair.key)'", source: source, diagnostics: &diagnostics)
            fields.reportUnknownFields(allowed: ["label", "flip"], diagnostics: &diagnostics)
            let label = text(fields["label"], "the switch's label")?.value ?? pair.key
            guard let flip = text(fields["flip"], "who may flip the switch") else {
                diagnostics.append(.error(fields.location, "switch '\(pair.key)' needs 'flip': supervisor or administrator (the least role that may flip it)"))
                return nil
            }
            if !PlanSwitch.roles.contains(flip.value) {
                diagnostics.append(.error(flip.location, "switch '\(pair.key)': 'flip' is supervisor or administrator, not '\(flip.value)'"))
            }
            return SwitchDefinition(name: Located(pair.key, at: pair.keyLocation), label: label, flip: flip)
        }
    }

    private mutating func parseQueues(_ node: Node) -> [QueueDefinition] {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "'queues' maps a queue name to its settings, e.g. `advocates: {languages: [en, es]}`"))
            return []
        }
        let reader = MappingReader(mapping, context: "'queues'", source: source, diagnostics: &diagnostics)
        return reader.pairs.map { pair in
            var languages: [Located<String>] = []
            var configuration = QueueConfiguration()
            if let settings = pair.value.mapping {
                let fields = MappingReader(settings, context: "queue '\(pair.key)'", source: source, diagnostics: &diagnostics)
                fields.reportUnknownFields(allowed: ["languages", "ring_seconds", "wrap_up_seconds", "retry_seconds", "announce_every", "interpreter_after", "alert_after"], diagnostics: &diagnostics)
                languages = textList(field: fields["languages"], "the queue's languages") ?? []
                configuration.ringSeconds = count(fields["ring_seconds"], "'ring_seconds'", range: PlanLimits.ringSeconds) ?? configuration.ringSeconds
                configuration.wrapUpSeconds = count(fields["wrap_up_seconds"], "'wrap_up_seconds'", range: PlanLimits.wrapUpSeconds) ?? configuration.wrapUpSeconds
                configuration.retrySeconds = count(fields["retry_seconds"], "'retry_seconds'", range: PlanLimits.retrySeconds) ?? configuration.retrySeconds
                if let every = count(fields["announce_every"], "'announce_every' (0: never)", range: PlanLimits.announceEverySeconds) { configuration.announceEverySeconds = every == 0 ? nil : every }
                if let after = count(fields["interpreter_after"], "'interpreter_after' (0: never)", range: PlanLimits.interpreterAfterSeconds) { configuration.interpreterAfterSeconds = after == 0 ? nil : after }
                if let after = count(fields["alert_after"], "'alert_after' (0: never)", range: PlanLimits.alertAfterSeconds) { configuration.alertAfterSeconds = after == 0 ? nil : after }
            } else if !(pair.value.scalar?.string.isEmpty ?? false) {
                diagnostics.append(.error(source.location(of: pair.value), "queue '\(pair.key)' settings are a mapping, e.g. `{languages: [en, es]}`"))
            }
            configuration.languages = languages.map(\.value)
            return QueueDefinition(name: Located(pair.key, at: pair.keyLocation), languages: languages, configuration: configuration)
        }
    }

    /// `messages: {retention_days: 30}`: how long a message a caller left is kept at most.
    private mutating func parseMessages(_ node: Node) -> Int? {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "'messages' is a mapping, e.g. `messages: {retention_days: 30}`"))
            return nil
        }
        let fields = MappingReader(mapping, context: "'messages'", source: source, diagnostics: &diagnostics)
        fields.reportUnknownFields(allowed: ["retention_days"], diagnostics: &diagnostics)
        return count(fields["retention_days"], "'retention_days'", range: PlanLimits.messageRetentionDays)
    }
}
