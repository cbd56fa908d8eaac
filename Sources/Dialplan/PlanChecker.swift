import Foundation

/// The static checks a plan must pass before it serves calls. Every check reports all it finds.
public struct PlanChecker {
    let plan: PlanDefinition
    let prompts: PromptInventory?
    var diagnostics: [Diagnostic] = []

    /// `prompts` is what the prompts folder holds; nil skips the prompt checks.
    public init(plan: PlanDefinition, prompts: PromptInventory?) {
        self.plan = plan
        self.prompts = prompts
    }

    public mutating func check() -> [Diagnostic] {
        checkLanguagesAndTimeZone()
        checkEntries()
        checkReferences()
        checkPlanKeys()
        checkHours()
        checkAttributes()
        checkSwitches()
        let graph = FlowGraph(plan: plan)
        checkReachability(graph)
        checkEndings(graph)
        checkLoops(graph)
        checkPolicies(graph)
        checkTransfers()
        if let prompts { checkPrompts(prompts) }
        return diagnostics
    }

    var stateNames: [String] { plan.states.map(\.name.value) }
    var languageCodes: [String] { plan.languages.map(\.value) }

    private mutating func checkLanguagesAndTimeZone() {
        var seen: Set<String> = []
        for language in plan.languages {
            if !seen.insert(language.value).inserted {
                diagnostics.append(.warning(language.location, "language '\(language.value)' is listed twice"))
            }
            if !Self.looksLikeLanguageCode(language.value) {
                diagnostics.append(.error(language.location, "'\(language.value)' is not a language code; use the code the PBX and the prompts folder use, e.g. en, es, pt-BR"))
            }
        }
        if let language = plan.defaultLanguage, !seen.contains(language.value) {
            diagnostics.append(.error(language.location, "default language '\(language.value)' is not one of the plan's languages (\(languageCodes.joined(separator: ", ")))\(DidYouMean.hint(for: language.value, among: languageCodes))"))
        }
        if let zone = plan.timeZone, TimeZone(identifier: zone.value) == nil {
            let hint = DidYouMean.hint(for: zone.value, among: TimeZone.knownTimeZoneIdentifiers)
            diagnostics.append(.error(zone.location, "unknown time zone '\(zone.value)'" + (hint.isEmpty ? "; use an IANA name such as America/New_York" : hint)))
        } else if let zone = plan.timeZone, Self.isFixedOffset(zone.value) {
            diagnostics.append(.warning(zone.location, "time zone '\(zone.value)' is a fixed offset from UTC: it never changes for summer time, so opening hours would be an hour off half the year; use the region's name, e.g. Europe/Athens or America/New_York"))
        }
    }

    /// `GMT+2`, `UTC-05:00`, `Etc/GMT-2`: offsets, not places.
    static func isFixedOffset(_ zone: String) -> Bool {
        let upper = zone.uppercased()
        if upper.hasPrefix("ETC/") { return true }
        for prefix in ["GMT", "UTC", "UT"] where upper.hasPrefix(prefix) {
            let rest = upper.dropFirst(prefix.count)
            if let sign = rest.first, sign == "+" || sign == "-" { return true }
        }
        return false
    }

    static func looksLikeLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    private mutating func checkEntries() {
        var numbers: [String: SourceLocation] = [:]
        var defaultEntry: SourceLocation?
        for entry in plan.entries {
            if let number = entry.number {
                if let first = numbers[number.value] {
                    diagnostics.append(.error(number.location, "entry number \(number.value) is defined twice (first at line \(first.line)); a dialed number starts one flow"))
                } else {
                    numbers[number.value] = number.location
                }
            } else if let first = defaultEntry {
                diagnostics.append(.error(entry.location, "a second default entry (first at line \(first.line)); keep one"))
            } else {
                defaultEntry = entry.location
            }
        }
        if defaultEntry == nil, let first = plan.entries.first {
            diagnostics.append(.warning(first.location, "no default entry: calls to any other number start where the first entry starts; add `- {default: true, start: STATE}` to say so"))
        }
        if plan.entries.isEmpty && !plan.states.isEmpty {
            diagnostics.append(.error(SourceLocation(file: plan.file, line: 1, column: 1), "the plan has no entries, so no call can start; add `entries: [{default: true, start: STATE}]`"))
        }
    }

    /// Every state name used anywhere must be a state of the plan.
    private mutating func checkReferences() {
        let names = Set(stateNames)
        func check(_ reference: Located<String>, _ context: String) {
            guard !reference.value.isEmpty, !names.contains(reference.value) else { return }
            diagnostics.append(.error(reference.location, "\(context) goes to unknown state '\(reference.value)'\(DidYouMean.hint(for: reference.value, among: stateNames))"))
        }
        for entry in plan.entries { check(entry.start, "entry \(entry.number?.value ?? "default")") }
        for key in plan.planKeys { check(key.target, "plan-wide key \(key.key.value)") }
        for state in plan.states {
            for transition in state.action.transitions {
                check(transition.target, "state '\(state.name.value)' (\(transition.trigger))")
            }
        }
        for policy in plan.policies {
            for name in policy.require { check(name, "policy 'require'") }
            for name in policy.except { check(name, "policy 'except'") }
            for name in policy.before where !StateAction<Located<String>>.keywords.contains(name.value) && !names.contains(name.value) {
                let hint = DidYouMean.hint(for: name.value, among: StateAction<Located<String>>.keywords + stateNames)
                diagnostics.append(.error(name.location, "policy 'before' names '\(name.value)', which is neither a state kind (queue, transfer, record, …) nor a state\(hint)"))
            }
        }
    }

    private mutating func checkPlanKeys() {
        var keys: [String: SourceLocation] = [:]
        for key in plan.planKeys { keys[key.key.value] = key.key.location }
        for state in plan.states {
            let choices: [MenuChoice<Located<String>>]
            switch state.action {
            case .menu(let menu): choices = menu.choices
            case .queue(let queue): choices = queue.choices
            case .play, .collect, .set, .goto, .hours, .branch, .record, .transfer, .hangup: continue
            }
            for choice in choices {
                if let global = keys[choice.key.value] {
                    diagnostics.append(.error(choice.key.location, "key \(choice.key.value) of menu '\(state.name.value)' collides with the plan-wide key \(choice.key.value) (line \(global.line)), which works in every menu; pick another key"))
                }
            }
        }
    }

    private mutating func checkHours() {
        let defined = Set(plan.hours.map(\.name.value))
        for state in plan.states {
            guard case .hours(let branch) = state.action, !defined.contains(branch.hours.value) else { continue }
            diagnostics.append(.error(branch.hours.location, "state '\(state.name.value)' checks unknown hours '\(branch.hours.value)'\(DidYouMean.hint(for: branch.hours.value, among: defined))"))
        }
        if plan.timeZone == nil && !plan.hours.isEmpty { return }
        for hours in plan.hours {
            // One report per overlapping pair, naming every day it affects ("weekdays" is five).
            var overlaps: [(range: HoursDefinition.DayRange, earlier: HoursDefinition.DayRange, days: [String])] = []
            for day in Weekday.allCases {
                let ranges = hours.ranges.filter { $0.weekday == day }
                for (index, range) in ranges.enumerated() {
                    for earlier in ranges[..<index] where earlier.range.overlaps(range.range) {
                        if let i = overlaps.firstIndex(where: { $0.range.location == range.location && $0.range.range == range.range && $0.earlier.range == earlier.range && $0.earlier.location == earlier.location }) {
                            overlaps[i].days.append(day.name)
                        } else {
                            overlaps.append((range, earlier, [day.name]))
                        }
                    }
                }
            }
            for overlap in overlaps {
                diagnostics.append(.error(overlap.range.location, "hours '\(hours.name.value)': \(overlap.range.range) overlaps \(overlap.earlier.range) on \(overlap.days.joined(separator: ", ")) (line \(overlap.earlier.location.line)); make the ranges distinct"))
            }
            var dates: [CalendarDate: SourceLocation] = [:]
            for closure in hours.closures {
                if let first = dates[closure.value.date] {
                    diagnostics.append(.warning(closure.location, "hours '\(hours.name.value)': closure \(closure.value.date) is listed twice (first at line \(first.line))"))
                }
                dates[closure.value.date] = closure.location
            }
        }
    }

    /// Languages set or tested must be the plan's; queues used must be declared.
    private mutating func checkAttributes() {
        let languages = Set(languageCodes)
        func checkLanguage(_ value: Located<String>, _ context: String) {
            guard !languages.contains(value.value) else { return }
            diagnostics.append(.error(value.location, "\(context) uses language '\(value.value)', which is not one of the plan's languages (\(languageCodes.joined(separator: ", ")))\(DidYouMean.hint(for: value.value, among: languageCodes))"))
        }
        let queues = Set(plan.queues.map(\.name.value))
        for state in plan.states {
            switch state.action {
            case .set(let set):
                for assignment in set.assignments where assignment.attribute.value == "language" {
                    checkLanguage(assignment.value, "state '\(state.name.value)'")
                }
            case .menu(let menu):
                for choice in menu.choices {
                    for assignment in choice.assignments where assignment.attribute.value == "language" {
                        checkLanguage(assignment.value, "key \(choice.key.value) of menu '\(state.name.value)'")
                    }
                }
            case .branch(let branch) where branch.attribute.value == "language":
                for branchCase in branch.cases { checkLanguage(branchCase.value, "switch '\(state.name.value)'") }
            case .queue(let queue) where !queues.contains(queue.queue.value):
                let declared = queues.isEmpty ? "; declare it under 'queues:'" : DidYouMean.hint(for: queue.queue.value, among: queues)
                diagnostics.append(.error(queue.queue.location, "state '\(state.name.value)' uses unknown queue '\(queue.queue.value)'\(declared)"))
            case .collect(let collect) where collect.attribute.value == "language":
                diagnostics.append(.error(collect.attribute.location, "collected digits are private and cannot become the language; use a menu that sets it"))
            case .play, .collect, .goto, .hours, .branch, .record, .queue, .transfer, .hangup:
                break
            }
        }
        for queue in plan.queues {
            for language in queue.languages { checkLanguage(language, "queue '\(queue.name.value)'") }
        }
    }
}
