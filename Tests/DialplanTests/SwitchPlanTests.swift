import Dialplan
import Foundation
import Testing

/// Issue 14: run-time switches a plan declares and tests with a branch on `switch.NAME`.
struct SwitchPlanTests {
    static func plan(_ switches: String = "closed_today: {label: \"Closed today\", flip: supervisor}",
                     _ branch: String = "{switch: switch.closed_today, cases: {on: closed}, default: open}", extra: String = "") -> String {
        """
        name: switch test
        version: "s1"
        languages: [en]
        time_zone: UTC
        entries: [{default: true, start: start}]
        switches:
          \(switches)
        states:
          start: \(branch)
          open: {hangup: , prompt: goodbye}
          closed: {hangup: , prompt: holiday_closed}\(extra)
        """
    }

    static func errors(_ yaml: String) -> [String] {
        Dialplan.compile(yaml, file: "s.yaml", prompts: nil).diagnostics.map(\.description)
    }

    @Test func aDeclaredAndTestedSwitchCompiles() throws {
        let compilation = Dialplan.compile(Self.plan(), file: "s.yaml", prompts: nil)
        let plan = try #require(compilation.plan, "\(compilation.diagnostics)")
        #expect(!compilation.diagnostics.contains { $0.description.contains("switch") }, "\(compilation.diagnostics)")
        #expect(plan.switches == [PlanSwitch(name: "closed_today", label: "Closed today", flip: "supervisor")])
    }

    @Test(arguments: [
        (plan(), "", nil as String?),
        (plan("closed_today: {label: x, flip: advocate}"), "s.yaml:7:", "'flip' is supervisor or administrator"),
        (plan("closed_today: {label: x}"), "s.yaml:7:", "needs 'flip'"),
        (plan(), "", nil),
        (plan("closed_today: {label: x, flip: supervisor}", "{switch: switch.closed_todya, cases: {on: closed}, default: open}"), "s.yaml:9:", "unknown switch 'closed_todya'; did you mean 'closed_today'?"),
        (plan("closed_today: {label: x, flip: supervisor}", "{switch: switch.closed_today, cases: {yes: closed}, default: open}"), "s.yaml:9:", "is 'on' or 'off', never 'yes'"),
        (plan("closed_today: {label: x, flip: supervisor}", "{set: {switch.closed_today: \"on\"}, next: open}"), "s.yaml:9:", "never by the plan"),
        (plan("closed_today: {label: x, flip: supervisor}\n  spare: {label: y, flip: administrator}"), "s.yaml:8:", "switch 'spare' is declared but no state tests it"),
    ])
    func mistakesPointAtTheirLine(yaml: String, place: String, message: String?) {
        let found = Self.errors(yaml)
        guard let message else {
            #expect(!found.contains { $0.contains("switch") }, "\(found)")
            return
        }
        #expect(found.contains { $0.hasPrefix(place) && $0.contains(message) }, "\(found)")
    }
}
