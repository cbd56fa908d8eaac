/// Run-time switches: a branch on `switch.NAME` must name a declared switch and test `on` or
/// `off`; nothing in the plan may set one (only staff flip them); a switch nothing tests is
/// flipped for nothing. Both positions of a tested switch are branches of the flow graph, so
/// the reachability and ending checks cover them like any other branch.
extension PlanChecker {
    mutating func checkSwitches() {
        var seen: [String: SourceLocation] = [:]
        for declared in plan.switches {
            if let first = seen[declared.name.value] {
                diagnostics.append(.error(declared.name.location, "switch '\(declared.name.value)' is declared twice (first at line \(first.line))"))
            }
            seen[declared.name.value] = declared.name.location
        }
        let names = Set(seen.keys)
        var tested: Set<String> = []
        func isSwitch(_ attribute: String) -> Bool { attribute.hasPrefix(PlanSwitch.attributePrefix) }
        func setRefused(_ attribute: Located<String>, _ context: String) {
            diagnostics.append(.error(attribute.location, "\(context) sets '\(attribute.value)'; a switch is flipped by staff in the console or the API, never by the plan"))
        }
        for state in plan.states {
            switch state.action {
            case .branch(let branch) where isSwitch(branch.attribute.value):
                let name = String(branch.attribute.value.dropFirst(PlanSwitch.attributePrefix.count))
                guard names.contains(name) else {
                    let hint = names.isEmpty ? "; declare it under 'switches:'" : DidYouMean.hint(for: name, among: names)
                    diagnostics.append(.error(branch.attribute.location, "state '\(state.name.value)' tests unknown switch '\(name)'\(hint)"))
                    continue
                }
                tested.insert(name)
                for branchCase in branch.cases where !["on", "off"].contains(branchCase.value.value) {
                    diagnostics.append(.error(branchCase.value.location, "switch '\(name)' is 'on' or 'off', never '\(branchCase.value.value)'"))
                }
            case .set(let set):
                for assignment in set.assignments where isSwitch(assignment.attribute.value) { setRefused(assignment.attribute, "state '\(state.name.value)'") }
            case .menu(let menu):
                for choice in menu.choices {
                    for assignment in choice.assignments where isSwitch(assignment.attribute.value) { setRefused(assignment.attribute, "key \(choice.key.value) of menu '\(state.name.value)'") }
                }
            case .collect(let collect) where isSwitch(collect.attribute.value):
                setRefused(collect.attribute, "state '\(state.name.value)'")
            case .play, .collect, .goto, .hours, .branch, .record, .queue, .transfer, .hangup:
                break
            }
        }
        for declared in plan.switches where !tested.contains(declared.name.value) && seen[declared.name.value] == declared.name.location {
            diagnostics.append(.warning(declared.name.location, "switch '\(declared.name.value)' is declared but no state tests it; add `{switch: \(PlanSwitch.attributePrefix)\(declared.name.value), cases: {on: …}, default: …}`"))
        }
    }
}
