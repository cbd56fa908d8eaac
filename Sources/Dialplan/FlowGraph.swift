/// The call flow as a graph over state indices: the plan's own transitions plus the plan-wide keys
/// from every state that accepts them. Unknown names are left out (the checker reports them).
struct FlowGraph {
    struct Edge {
        var target: Int
        var trigger: Trigger
        /// Where the plan writes this edge (the target's name).
        var location: SourceLocation
    }

    let names: [String]
    let edges: [[Edge]]
    /// Where calls start: entry states first, then plan-wide key targets.
    let entryStates: [Int]

    init(plan: PlanDefinition) {
        names = plan.states.map(\.name.value)
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        let planKeys = plan.planKeys.compactMap { key in index[key.target.value].map { Edge(target: $0, trigger: .planKey(key.key.value), location: key.target.location) } }
        edges = plan.states.map { state in
            let own = state.action.transitions.compactMap { t in index[t.target.value].map { Edge(target: $0, trigger: t.trigger, location: t.target.location) } }
            return own + (state.action.acceptsPlanKeys ? planKeys : [])
        }
        entryStates = plan.entries.compactMap { index[$0.start.value] }
    }

    /// States reachable from `starts`, never entering `blocked`. Each reached state maps to the
    /// state it was first reached from, so a shortest path can be read back.
    func reach(from starts: [Int], blocked: Set<Int> = []) -> [Int: Int?] {
        var parent: [Int: Int?] = [:]
        var queue: [Int] = []
        for start in starts where parent[start] == nil && !blocked.contains(start) {
            parent[start] = .some(nil)
            queue.append(start)
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for edge in edges[state] where parent[edge.target] == nil && !blocked.contains(edge.target) {
                parent[edge.target] = state
                queue.append(edge.target)
            }
        }
        return parent
    }

    func path(to state: Int, in parents: [Int: Int?]) -> [String] {
        statePath(to: state, in: parents).map { names[$0] }
    }

    func statePath(to state: Int, in parents: [Int: Int?]) -> [Int] {
        var path: [Int] = []
        var current: Int? = state
        while let node = current {
            path.append(node)
            current = parents[node] ?? nil
        }
        return path.reversed()
    }

    /// States from which some path reaches one of `targets`.
    func canReach(_ targets: Set<Int>) -> Set<Int> {
        var incoming = [[Int]](repeating: [], count: names.count)
        for (from, list) in edges.enumerated() { for edge in list { incoming[edge.target].append(from) } }
        var reached = targets
        var queue = Array(targets)
        while let state = queue.popLast() {
            for from in incoming[state] where reached.insert(from).inserted { queue.append(from) }
        }
        return reached
    }

    /// Strongly connected groups of states joined only by edges that need nobody to act: each
    /// one with a cycle is a call that would loop forever. Tarjan's algorithm, iteratively.
    func loopsWithoutInput() -> [[Int]] {
        let automatic = edges.map { $0.filter { !$0.trigger.needsSomebody }.map(\.target) }
        var index = [Int?](repeating: nil, count: names.count)
        var low = [Int](repeating: 0, count: names.count)
        var onStack = [Bool](repeating: false, count: names.count)
        var stack: [Int] = []
        var counter = 0
        var loops: [[Int]] = []
        for root in names.indices where index[root] == nil {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let (node, next) = work.last {
                if next < automatic[node].count {
                    work[work.count - 1].next += 1
                    let target = automatic[node][next]
                    if index[target] == nil {
                        index[target] = counter; low[target] = counter; counter += 1
                        stack.append(target); onStack[target] = true
                        work.append((target, 0))
                    } else if onStack[target] {
                        low[node] = min(low[node], index[target]!)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[node]) }
                guard low[node] == index[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                if component.count > 1 || automatic[node].contains(node) {
                    loops.append(component.sorted())
                }
            }
        }
        return loops
    }
}
