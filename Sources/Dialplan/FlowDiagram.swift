/// The call flow as a Graphviz DOT graph: states as nodes shaped by what they do, edges labelled
/// with the key, timeout or branch that takes them, entries and plan-wide keys shown once.
public enum FlowDiagram {
    public static func dot(_ plan: Plan) -> String {
        var out = """
        digraph hotline {
          graph [rankdir=LR, fontname="Helvetica", label="\(escape(plan.name)) \(escape(plan.version))", labelloc=t, nodesep=0.3, ranksep=0.5];
          node [fontname="Helvetica", fontsize=10, style="filled", fillcolor="#f8fafc", color="#64748b"];
          edge [fontname="Helvetica", fontsize=9, color="#64748b"];

        """
        let entries = plan.entries.values.sorted { ($0.number ?? "") < ($1.number ?? "") } + [plan.defaultEntry]
        for (i, entry) in entries.enumerated() {
            let label = entry.number.map { "\($0)\\n(\(escape(entry.campaign)))" } ?? "other numbers\\n(\(escape(entry.campaign)))"
            out += "  entry\(i) [shape=cds, fillcolor=\"#dcfce7\", label=\"\(label)\"];\n"
            out += "  entry\(i) -> s\(entry.start.index) [style=bold];\n"
        }
        if !plan.planKeys.isEmpty {
            out += "  anywhere [shape=plaintext, style=\"\", label=\"in any menu\\nor prompt\"];\n"
            for (key, target) in plan.planKeys.sorted(by: { $0.key < $1.key }) {
                out += "  anywhere -> s\(target.index) [label=\"key \(escape(key))\", color=\"#dc2626\", fontcolor=\"#dc2626\", style=bold];\n"
            }
        }
        for (i, state) in plan.states.enumerated() {
            out += "  s\(i) [\(attributes(state))];\n"
            for transition in state.action.transitions {
                let style = transition.trigger.needsSomebody ? "" : ", style=dashed"
                out += "  s\(i) -> s\(transition.target.index) [label=\"\(escape(label(transition.trigger, state)))\"\(style)];\n"
            }
        }
        return out + "}\n"
    }

    static func attributes(_ state: PlanState) -> String {
        let kind = state.action.keyword
        let (shape, fill): (String, String) = switch state.action {
        case .menu, .collect: ("box", "#dbeafe")
        case .play: ("note", "#f8fafc")
        case .hours, .branch: ("diamond", "#fef9c3")
        case .set, .goto: ("ellipse", "#f1f5f9")
        case .record: ("cylinder", "#ede9fe")
        case .queue: ("doubleoctagon", "#bbf7d0")
        case .transfer: ("cds", "#bae6fd")
        case .hangup: ("octagon", "#fecaca")
        }
        var detail = ""
        switch state.action {
        case .play(let play): detail = play.prompts.map { $0.value.description }.joined(separator: ", ")
        case .menu(let menu): detail = menu.prompts.map { $0.value.description }.joined(separator: "\u{1}")
        case .collect(let collect): detail = "\(collect.minDigits)-\(collect.maxDigits) digits"
        case .hours(let hours): detail = hours.hours.value
        case .branch(let branch): detail = branch.attribute.value
        case .set(let set): detail = set.assignments.map { "\($0.attribute.value)=\($0.value.value)" }.joined(separator: ", ")
        case .goto: detail = ""
        case .record(let record): detail = "max \(record.maxSeconds) s"
        case .queue(let queue): detail = queue.queue.value + (queue.interpreter ? " (interpreter)" : "")
        case .transfer(let transfer): detail = transfer.label
        case .hangup(let hangup): detail = hangup.ending?.rawValue ?? ""
        }
        let ending = state.ending.map { "\\n→ \($0.rawValue)" } ?? ""
        let shown = escape(detail).replacingOccurrences(of: "\u{1}", with: "\\n")
        let label = "\(escape(state.name))\\n\(kind)\(detail.isEmpty ? "" : ": " + shown)\(ending)"
        return "shape=\(shape), fillcolor=\"\(fill)\", label=\"\(label)\""
    }

    static func label(_ trigger: Trigger, _ state: PlanState) -> String {
        if case .key(let key) = trigger, case .menu(let menu) = state.action,
           let choice = menu.choices.first(where: { $0.key.value == key }) {
            return "\(key): \(choice.meaning)"
        }
        return trigger.description
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
