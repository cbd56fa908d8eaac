/// The call flow as a Graphviz DOT graph: states as nodes shaped by what they do, edges labelled
/// with the key, timeout or branch that takes them, entries and plan-wide keys shown once.
public enum FlowDiagram {
    /// The whole flow as one graph.
    public static func dot(_ plan: Plan) -> String {
        pages(plan, partOf: [Int](repeating: 0, count: plan.states.count)).first ?? ""
    }

    /// The flow's sections: what hangs together once the states several others lead to
    /// (goodbye, the main menu, the message menu, the queue, the emergency path: hubs) are cut off
    /// from the states that lead to them. Each hub heads its own section with what follows it. In the order calls
    /// first reach them.
    public static func sections(_ plan: Plan) -> [[Int]] {
        let count = plan.states.count
        var sources = [Set<Int>](repeating: [], count: count)
        for (i, state) in plan.states.enumerated() {
            for transition in state.action.transitions where transition.target.index != i { sources[transition.target.index].insert(i) }
        }
        // A key that works anywhere leads to its state from every prompt: a hub too.
        let hubs = Set((0..<count).filter { sources[$0].count >= hubSources } + plan.planKeys.values.map(\.index))
        var parent = Array(0..<count)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for (i, state) in plan.states.enumerated() {
            for transition in state.action.transitions where !hubs.contains(transition.target.index) {
                parent[root(i)] = root(transition.target.index)
            }
        }
        var order: [Int] = []
        var seen = Set<Int>()
        var queue = (plan.entries.values.sorted { ($0.number ?? "") < ($1.number ?? "") }.map(\.start) + [plan.defaultEntry.start] + plan.planKeys.values.sorted { $0.index < $1.index }).map(\.index)
        var head = 0
        while head < queue.count {
            let i = queue[head]
            head += 1
            guard seen.insert(i).inserted else { continue }
            order.append(i)
            queue += plan.states[i].action.transitions.map(\.target.index)
        }
        order += (0..<count).filter { !seen.contains($0) }
        var sections: [[Int]] = [], index: [Int: Int] = [:]
        for i in order {
            let r = root(i)
            if let at = index[r] { sections[at].append(i) } else { index[r] = sections.count; sections.append([i]) }
        }
        return sections
    }

    /// A state that this many others lead to is drawn in its own section, not beside each.
    static let hubSources = 3

    /// The flow with each state in part `partOf[state]`: one graph per part. An arrow to a state
    /// of another part ends at that state's name and part; the states of other parts that lead
    /// to one of this part are named beside it. Every part carries the title and the legend.
    /// `acrossParts[part]`: true to draw that part left to right (the default), false top to bottom.
    /// `measuring`: a part drawn only to measure it, while other states have no part yet: drawn
    /// as one part of many (the legend's line about parts included), as it will be in the end.
    public static func pages(_ plan: Plan, partOf: [Int], acrossParts: [Bool] = [], measuring: Bool = false) -> [String] {
        let parts = max((partOf.max() ?? 0) + 1, measuring ? 10 : 1)
        let entries = plan.entries.values.sorted { ($0.number ?? "") < ($1.number ?? "") } + [plan.defaultEntry]
        return (0..<parts).map { page in
            let title = "\(plan.name) \(plan.version)" + (parts > 1 ? " — part \(page + 1) of \(parts)" : "")
            var out = """
            digraph hotline {
              graph [rankdir=\(page < acrossParts.count && !acrossParts[page] ? "TB" : "LR"), fontname="Helvetica", label=<\(legend(title, parts: parts))>, labelloc=t, fontsize=11, nodesep=0.25, ranksep=0.45, pad=0.2];
              node [fontname="Helvetica", fontsize=11, style="filled", fillcolor="#f8fafc", color="#64748b"];
              edge [fontname="Helvetica", fontsize=10, color="#64748b"];

            """
            for (i, entry) in entries.enumerated() where partOf[entry.start.index] == page {
                let label = entry.number.map { "\($0)\\n(\(escape(entry.campaign)))" } ?? "other numbers\\n(\(escape(entry.campaign)))"
                out += "  entry\(i) [shape=cds, fillcolor=\"#dcfce7\", label=\"\(label)\"];\n"
                out += "  entry\(i) -> s\(entry.start.index) [style=bold];\n"
            }
            let keys = plan.planKeys.sorted(by: { $0.key < $1.key }).filter { partOf[$0.value.index] == page }
            if !keys.isEmpty {
                out += "  anywhere [shape=plaintext, style=\"\", label=\"in any menu\\nor prompt\"];\n"
                for (key, target) in keys {
                    out += "  anywhere -> s\(target.index) [label=\"key \(escape(key))\", color=\"#dc2626\", fontcolor=\"#dc2626\", style=bold];\n"
                }
            }
            var arrivals: [Int: [Int]] = [:]
            for (i, state) in plan.states.enumerated() {
                for transition in state.action.transitions {
                    let target = transition.target.index
                    if partOf[i] != page {
                        if partOf[target] == page, !(arrivals[target] ?? []).contains(i) { arrivals[target, default: []].append(i) }
                        continue
                    }
                    let style = transition.trigger.needsSomebody ? "" : ", style=dashed"
                    var to = "s\(target)"
                    if partOf[target] != page {
                        to = "to\(i)_\(target)"
                        out += "  \(to) [shape=plaintext, style=\"\", fontcolor=\"#475569\", label=\"→ \(escape(plan.states[target].name))\\n(part \(partOf[target] + 1))\"];\n"
                    }
                    out += "  s\(i) -> \(to) [label=\"\(escape(label(transition.trigger, state)))\"\(style)];\n"
                }
                if partOf[i] == page { out += "  s\(i) [\(attributes(state))];\n" }
            }
            for (target, from) in arrivals.sorted(by: { $0.key < $1.key }) {
                let names = from.map { "\(escape(plan.states[$0].name)) (part \(partOf[$0] + 1))" }
                let text = names.count > 4 ? names.prefix(3).joined(separator: "\\n") + "\\nand \(names.count - 3) more" : names.joined(separator: "\\n")
                out += "  from\(target) [shape=plaintext, style=\"\", fontcolor=\"#475569\", label=\"from \(text)\"];\n"
                out += "  from\(target) -> s\(target) [style=dotted];\n"
            }
            return out + "}\n"
        }
    }

    /// The title and a key to the shapes, colours and lines, as a Graphviz HTML-like label.
    static func legend(_ title: String, parts: Int) -> String {
        let shapes = [("#dcfce7", "entry: a number called"), ("#dbeafe", "box: menu, collect"), ("#f8fafc", "note: prompt"),
                      ("#fef9c3", "diamond: hours, branch"), ("#ede9fe", "cylinder: message"), ("#bbf7d0", "double octagon: queue"),
                      ("#bae6fd", "tag: transfer"), ("#fecaca", "octagon: hang up"), ("#f1f5f9", "ellipse: set, go to")]
        let rows = stride(from: 0, to: shapes.count, by: 3).map { row in
            "<tr>" + shapes[row..<min(row + 3, shapes.count)].map { "<td bgcolor=\"\($0.0)\" align=\"left\">\(html($0.1))</td>" }.joined() + "</tr>"
        }.joined()
        let lines = ["—— the caller pressed or said", "- - - on its own: timeout, a branch", "<font color=\"#dc2626\">—— a key that works anywhere</font>"]
            .map { "<td align=\"left\">\($0)</td>" }.joined()
        return "<table border=\"0\" cellspacing=\"3\" cellpadding=\"2\"><tr><td colspan=\"3\"><font point-size=\"15\"><b>\(html(title))</b></font></td></tr>"
            + rows + "<tr>\(lines)</tr>" + (parts > 1 ? "<tr><td colspan=\"3\" align=\"left\">→ name (part n): continues in part n; ····· from name (part n): arrives from part n</td></tr>" : "") + "</table>"
    }

    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
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
