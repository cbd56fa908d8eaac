import Yams

/// The `states:` section: each state is a mapping with exactly one keyword saying what it does.
extension PlanParser {
    static let fieldsByKind: [String: [String]] = [
        "play": ["play", "interruptible", "next"],
        "menu": ["menu", "keys", "timeout", "retries", "no_input", "invalid", "exhausted"],
        "collect": ["collect", "into", "min_digits", "max_digits", "terminator", "timeout", "retries", "no_input", "invalid", "next", "exhausted"],
        "set": ["set", "next"],
        "goto": ["goto"],
        "hours": ["hours", "open", "closed", "holiday"],
        "switch": ["switch", "cases", "default"],
        "record": ["record", "max_seconds", "beep", "next", "on_fail"],
        "queue": ["queue", "priority", "max_wait", "music", "interpreter", "keys", "announce", "on_timeout", "on_no_advocates", "after"],
        "transfer": ["transfer", "name", "on_fail"],
        "hangup": ["hangup", "prompt"],
    ]

    mutating func parseStates(_ node: Node) -> [StateDefinition] {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "'states' maps each state name to what it does"))
            return []
        }
        var states: [StateDefinition] = []
        var firstSeen: [String: SourceLocation] = [:]
        for (key, value) in mapping {
            let keyLocation = source.location(of: key)
            guard let name = key.scalar?.string, PromptReference.isValidName(Substring(name)) else {
                diagnostics.append(.error(keyLocation, "a state name uses letters, digits, _ and -"))
                continue
            }
            if let first = firstSeen[name] {
                diagnostics.append(.error(keyLocation, "duplicate state '\(name)' (first defined at line \(first.line)); rename one"))
                continue
            }
            firstSeen[name] = keyLocation
            let located = Located(name, at: keyLocation)
            if let state = parseState(located, value) { states.append(state) }
        }
        return states
    }

    private mutating func parseState(_ name: Located<String>, _ node: Node) -> StateDefinition? {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "state '\(name.value)' is a mapping with one of: \(StateAction<Located<String>>.keywords.joined(separator: ", "))"))
            return nil
        }
        let kinds = mapping.compactMap { $0.key.scalar?.string }.filter { Self.fieldsByKind[$0] != nil }
        guard let kind = kinds.first else {
            let fields = mapping.compactMap { $0.key.scalar?.string }
            let guess = fields.compactMap { DidYouMean.suggestion(for: $0, among: Self.fieldsByKind.keys.sorted()) }.first
            let hint = guess.map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.append(.error(name.location, "state '\(name.value)' does not say what it does: give it one of \(StateAction<Located<String>>.keywords.joined(separator: ", "))\(hint)"))
            return nil
        }
        let reader = MappingReader(mapping, context: "\(kind) state '\(name.value)'", source: source, diagnostics: &diagnostics)
        if kinds.count > 1 {
            diagnostics.append(.error(reader.keyLocation(kinds[1]) ?? name.location,
                                      "state '\(name.value)' has both '\(kinds[0])' and '\(kinds[1])'; a state does one thing: split it into two states joined by 'next'"))
        }
        reader.reportUnknownFields(allowed: (Self.fieldsByKind[kind] ?? []) + ["outcome"] + kinds.dropFirst(), diagnostics: &diagnostics)
        let ending = reader["outcome"].map { self.ending($0) } ?? nil
        guard let action = parseAction(kind, reader, name: name) else { return nil }
        return StateDefinition(name: name, action: action, ending: ending)
    }

    private mutating func parseAction(_ kind: String, _ r: MappingReader, name: Located<String>) -> StateAction<Located<String>>? {
        let context = "\(kind) state '\(name.value)'"
        switch kind {
        case "play":
            return .play(Play(prompts: prompts(field: r["play"], "'play' of \(context)") ?? [],
                              interruptible: bool(r["interruptible"], "'interruptible'") ?? true,
                              next: target(r, "next", context, "where the call goes after the prompt")))
        case "menu":
            return .menu(Menu(prompts: prompts(field: r["menu"], "'menu' of \(context)") ?? [],
                              choices: r["keys"].map { self.menuChoices($0, menu: name.value) } ?? missingKeys(r, context),
                              timeoutSeconds: seconds(r["timeout"], "'timeout'", range: PlanLimits.menuTimeoutSeconds) ?? 5,
                              retries: count(r["retries"], "'retries'", range: PlanLimits.retries) ?? 2,
                              noInputPrompts: prompts(field: r["no_input"], "'no_input' of \(context)") ?? [],
                              invalidPrompts: prompts(field: r["invalid"], "'invalid' of \(context)") ?? [],
                              exhausted: target(r, "exhausted", context, "where the call goes once retries run out")))
        case "collect":
            let minDigits = count(r["min_digits"], "'min_digits'", range: PlanLimits.digits) ?? 1
            let maxDigits = count(r["max_digits"], "'max_digits'", range: PlanLimits.digits) ?? 16
            if minDigits > maxDigits, let location = r.keyLocation("min_digits") {
                diagnostics.append(.error(location, "'min_digits' (\(minDigits)) is more than 'max_digits' (\(maxDigits))"))
            }
            var terminator: String? = "#"
            if let node = r["terminator"], let text = text(node, "'terminator'") {
                terminator = text.value == "none" ? nil : dtmfKey(text.value, at: text.location)?.value
            }
            guard let attribute = text(r["into"], "'into'") else {
                diagnostics.append(.error(r.location, "\(context) needs 'into: NAME', the private call attribute the digits go into"))
                return nil
            }
            return .collect(Collect(prompts: prompts(field: r["collect"], "'collect' of \(context)") ?? [], attribute: attribute,
                                    minDigits: minDigits, maxDigits: maxDigits, terminator: terminator,
                                    timeoutSeconds: seconds(r["timeout"], "'timeout'", range: PlanLimits.collectTimeoutSeconds) ?? 10,
                                    retries: count(r["retries"], "'retries'", range: PlanLimits.retries) ?? 2,
                                    noInputPrompts: prompts(field: r["no_input"], "'no_input' of \(context)") ?? [], invalidPrompts: prompts(field: r["invalid"], "'invalid' of \(context)") ?? [],
                                    next: target(r, "next", context, "where the call goes with the digits"),
                                    exhausted: target(r, "exhausted", context, "where the call goes once retries run out")))
        case "set":
            return .set(SetAttributes(assignments: r["set"].map { self.assignments($0, context) } ?? [],
                                      next: target(r, "next", context, "where the call goes next")))
        case "goto":
            return .goto(target(r, "goto", context, "the state to go to"))
        case "hours":
            guard let hours = text(r["hours"], "'hours'") else { return nil }
            return .hours(HoursBranch(hours: hours,
                                      open: target(r, "open", context, "where the call goes when open"),
                                      closed: target(r, "closed", context, "where the call goes when closed"),
                                      holiday: text(r["holiday"], "'holiday'")))
        case "switch":
            guard let attribute = text(r["switch"], "'switch'") else { return nil }
            return .branch(Branch(attribute: attribute, cases: r["cases"].map { self.branchCases($0, context) } ?? [],
                                  otherwise: target(r, "default", context, "where the call goes when no case matches")))
        case "record":
            return .record(Record(prompts: prompts(field: r["record"], "'record' of \(context)") ?? [],
                                  maxSeconds: count(r["max_seconds"], "'max_seconds'", range: PlanLimits.recordSeconds) ?? 120,
                                  beep: bool(r["beep"], "'beep'") ?? true,
                                  next: target(r, "next", context, "where the call goes after the message"),
                                  failed: target(r, "on_fail", context, "where the call goes when nothing was recorded")))
        case "queue":
            guard let queue = text(r["queue"], "'queue'") else { return nil }
            return .queue(QueueStep(queue: queue,
                                    priority: count(r["priority"], "'priority'", range: PlanLimits.priority) ?? 0,
                                    maxWaitSeconds: count(r["max_wait"], "'max_wait'", range: PlanLimits.maxWaitSeconds) ?? 600,
                                    music: text(r["music"], "'music'")?.value ?? "default",
                                    interpreter: bool(r["interpreter"], "'interpreter'") ?? false,
                                    choices: r["keys"].map { self.menuChoices($0, menu: name.value) } ?? [],
                                    announcement: r["announce"].flatMap { self.announcement($0, context) },
                                    timedOut: target(r, "on_timeout", context, "where the call goes after the maximum wait"),
                                    noAdvocates: target(r, "on_no_advocates", context, "where the call goes when no advocate is logged in"),
                                    after: text(r["after"], "'after'")))
        case "transfer":
            guard let destination = text(r["transfer"], "'transfer'") else { return nil }
            return .transfer(Transfer(destination: destination,
                                      label: text(r["name"], "'name'")?.value ?? destination.value,
                                      failed: target(r, "on_fail", context, "where the call goes when the line does not answer")))
        case "hangup":
            var ending: CallEnding?
            if let node = r["hangup"], !["", "~", "null", "true", "yes"].contains(node.scalar?.string.lowercased()) {
                ending = self.ending(node)?.value
            }
            return .hangup(Hangup(prompts: prompts(field: r["prompt"], "'prompt' of \(context)") ?? [], ending: ending))
        default:
            preconditionFailure("state kind '\(kind)' is listed in fieldsByKind but not parsed")
        }
    }

    /// A state name the state goes to; a missing one is reported and left empty for the checker.
    private mutating func target(_ r: MappingReader, _ key: String, _ context: String, _ purpose: String) -> Located<String> {
        guard let node = r[key] else {
            diagnostics.append(.error(r.location, "\(context) needs '\(key): STATE', \(purpose)"))
            return Located("", at: r.location)
        }
        return text(node, "'\(key)'") ?? Located("", at: source.location(of: node))
    }

    private mutating func missingKeys(_ r: MappingReader, _ context: String) -> [MenuChoice<Located<String>>] {
        diagnostics.append(.error(r.location, "\(context) needs 'keys', e.g. `keys: {\"1\": advocate}`"))
        return []
    }

    private mutating func menuChoices(_ node: Node, menu: String) -> [MenuChoice<Located<String>>] {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "'keys' maps a key to a state, e.g. `\"1\": advocate`"))
            return []
        }
        let reader = MappingReader(mapping, context: "'keys' of menu '\(menu)'", source: source, diagnostics: &diagnostics)
        return reader.pairs.compactMap { pair in
            guard let key = dtmfKey(pair.key, at: pair.keyLocation) else { return nil }
            if pair.value.scalar != nil {
                guard let next = text(pair.value, "the target of key \(pair.key)") else { return nil }
                return MenuChoice(key: key, next: next, assignments: [], meaning: "\(menu)=\(next.value)")
            }
            guard let mapping = pair.value.mapping else {
                diagnostics.append(.error(source.location(of: pair.value), "key \(pair.key) goes to a state name or `{next: STATE, set: {language: es}}`"))
                return nil
            }
            let choice = MappingReader(mapping, context: "key \(pair.key) of menu '\(menu)'", source: source, diagnostics: &diagnostics)
            choice.reportUnknownFields(allowed: ["next", "set", "meaning"], diagnostics: &diagnostics)
            let next = target(choice, "next", "key \(pair.key) of menu '\(menu)'", "where the call goes")
            let assignments = choice["set"].map { self.assignments($0, "key \(pair.key) of menu '\(menu)'") } ?? []
            let defaultMeaning = assignments.first.map { "\($0.attribute.value)=\($0.value.value)" } ?? "\(menu)=\(next.value)"
            let meaning = text(choice["meaning"], "'meaning'")?.value ?? defaultMeaning
            return MenuChoice(key: key, next: next, assignments: assignments, meaning: meaning)
        }
    }

    /// `announce: {position: queue_position, wait: queue_wait, minutes: queue_minutes}`.
    private mutating func announcement(_ node: Node, _ context: String) -> QueueAnnouncementPrompts? {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "'announce' of \(context) names three prompts: `{position: queue_position, wait: queue_wait, minutes: queue_minutes}`"))
            return nil
        }
        let reader = MappingReader(mapping, context: "'announce' of \(context)", source: source, diagnostics: &diagnostics)
        reader.reportUnknownFields(allowed: ["position", "wait", "minutes"], diagnostics: &diagnostics)
        var found: [Located<PromptReference>] = []
        for key in ["position", "wait", "minutes"] {
            guard let prompt = prompts(field: reader[key], "'\(key)' of the announcement")?.first else {
                diagnostics.append(.error(reader.location, "'announce' of \(context) needs '\(key): PROMPT'"))
                return nil
            }
            found.append(prompt)
        }
        return QueueAnnouncementPrompts(position: found[0], wait: found[1], minutes: found[2])
    }

    private mutating func assignments(_ node: Node, _ context: String) -> [Assignment] {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "'set' of \(context) maps attributes to values, e.g. `{language: es}`"))
            return []
        }
        let reader = MappingReader(mapping, context: "'set' of \(context)", source: source, diagnostics: &diagnostics)
        return reader.pairs.compactMap { pair in
            text(pair.value, "the value of '\(pair.key)'").map { Assignment(attribute: Located(pair.key, at: pair.keyLocation), value: $0) }
        }
    }

    private mutating func branchCases(_ node: Node, _ context: String) -> [BranchCase<Located<String>>] {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "'cases' of \(context) maps values to states, e.g. `{es: spanish_hours}`"))
            return []
        }
        let reader = MappingReader(mapping, context: "'cases' of \(context)", source: source, diagnostics: &diagnostics)
        return reader.pairs.compactMap { pair in
            text(pair.value, "the state for '\(pair.key)'").map { BranchCase(value: Located(pair.key, at: pair.keyLocation), next: $0) }
        }
    }

    private mutating func ending(_ node: Node) -> Located<CallEnding>? {
        let names = CallEnding.declarable.map(\.rawValue)
        guard let text = text(node, "an outcome") else { return nil }
        guard let ending = CallEnding(rawValue: text.value), CallEnding.declarable.contains(ending) else {
            diagnostics.append(.error(text.location, "unknown outcome '\(text.value)'\(DidYouMean.hint(for: text.value, among: names)); use one of \(names.joined(separator: ", "))"))
            return nil
        }
        return Located(ending, at: text.location)
    }
}
