/// Checks over the call-flow graph: reachability, endings, loops without input, policies.
extension PlanChecker {
    mutating func checkReachability(_ graph: FlowGraph) {
        let reached = graph.reach(from: graph.entryStates)
        let keyTargets = Set(plan.planKeys.map(\.target.value))
        for (i, state) in plan.states.enumerated() where reached[i] == nil {
            let note = keyTargets.contains(state.name.value) ? " (its plan-wide key works only in menus and interruptible prompts, and none is reached)" : ""
            diagnostics.append(.warning(state.name.location, "state '\(state.name.value)' can never be reached from any entry\(note); remove it or send a call to it"))
        }
    }

    /// A reachable state from which no path reaches a person, a transfer or a hang-up.
    mutating func checkEndings(_ graph: FlowGraph) {
        // A state missing a target was already reported; do not pile "can never end" on it.
        var canEnd = plan.states.map { $0.action.canEndCall || $0.action.transitions.contains { $0.target.value.isEmpty } }
        var changed = true
        while changed {
            changed = false
            for i in plan.states.indices where !canEnd[i] && graph.edges[i].contains(where: { canEnd[$0.target] }) {
                canEnd[i] = true
                changed = true
            }
        }
        let reached = graph.reach(from: graph.entryStates)
        for (i, state) in plan.states.enumerated() where !canEnd[i] && reached[i] != nil {
            diagnostics.append(.error(state.name.location, "state '\(state.name.value)' can never end: no path from it reaches a queue, a transfer or a hangup, so a caller would be stuck; give it a way out"))
        }
    }

    mutating func checkLoops(_ graph: FlowGraph) {
        for loop in graph.loopsWithoutInput() {
            let names = loop.map { graph.names[$0] }
            let first = plan.states[loop[0]]
            let cycle = names.count == 1 ? "'\(names[0])' leads back to itself" : "states \(names.map { "'\($0)'" }.joined(separator: ", ")) lead back to each other"
            diagnostics.append(.error(first.name.location, "\(cycle) without any caller input: a silent caller would loop forever; give the loop an exit that ends the call (e.g. exhausted: goodbye)"))
        }
    }

    /// Where an offending path leaves the way to the required state for good: the last edge
    /// out of a state from which the required state could still be reached. When no state on
    /// the path could reach it, the edge that starts the path (its entry).
    private func skippingEdge(_ states: [Int], towardRequired: Set<Int>, _ graph: FlowGraph) -> (SourceLocation, String)? {
        if let i = states.indices.dropLast().last(where: { towardRequired.contains(states[$0]) }),
           let edge = graph.edges[states[i]].first(where: { $0.target == states[i + 1] }) {
            return (edge.location, "; here '\(graph.names[states[i]])' goes on to '\(graph.names[states[i + 1]])'")
        }
        guard let first = states.first else { return nil }
        if let entry = plan.entries.first(where: { $0.start.value == graph.names[first] }) {
            return (entry.start.location, "; the call starts there")
        }
        if let key = plan.planKeys.first(where: { $0.target.value == graph.names[first] }) {
            return (key.target.location, "; plan-wide key \(key.key.value) leads there")
        }
        return nil
    }

    /// Proves "every path from an entry to a guarded state passes the required state", or prints
    /// the shortest offending path.
    mutating func checkPolicies(_ graph: FlowGraph) {
        if plan.policies.isEmpty, let guarded = plan.states.first(where: { ["queue", "transfer"].contains($0.action.keyword) }) {
            diagnostics.append(.warning(guarded.name.location, "the plan has no 'policies', so nothing proves that callers hear the confidentiality notice before \(guarded.action.keyword) '\(guarded.name.value)'; add `policies: [{require: NOTICE_STATE, before: [queue, transfer]}]`"))
        }
        let index = Dictionary(graph.names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for policy in plan.policies {
            // A misspelled required state is reported as such (checkReferences); proving the
            // policy without it would only pile false "policy broken" errors on top.
            guard policy.require.allSatisfy({ index[$0.value] != nil }) else { continue }
            let required = Set(policy.require.compactMap { index[$0.value] })
            guard !required.isEmpty else { continue }
            let towardRequired = graph.canReach(required)
            let names = policy.require.map { "'\($0.value)'" }.joined(separator: " or ")
            let kinds = Set(policy.before.map(\.value))
            let exempt = Set(policy.except.map(\.value))
            let parents = graph.reach(from: graph.entryStates, blocked: required)
            for (i, state) in plan.states.enumerated() where parents[i] != nil && !exempt.contains(state.name.value) {
                guard kinds.contains(state.action.keyword) || kinds.contains(state.name.value) else { continue }
                let states = graph.statePath(to: i, in: parents)
                let path = states.map { graph.names[$0] }.joined(separator: " → ")
                let (location, edge) = skippingEdge(states, towardRequired: towardRequired, graph) ?? (policy.location, "")
                diagnostics.append(.error(location, "policy broken: the path \(path) reaches \(state.action.keyword) '\(state.name.value)' without passing \(names)\(edge); send it through \(names) first (policy at line \(policy.location.line))"))
            }
        }
    }
}
