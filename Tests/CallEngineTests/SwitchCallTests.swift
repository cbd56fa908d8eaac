import CallEngine
import Dialplan
import Foundation
import Testing

/// Issue 14: a call takes the branch of a run-time switch as it stood when the call started.
struct SwitchCallTests {
    static let yaml = """
    name: switch test
    version: "s1"
    languages: [en]
    time_zone: UTC
    entries: [{default: true, start: start}]
    switches:
      closed_today: {label: "Closed today", flip: supervisor}
    states:
      start: {switch: switch.closed_today, cases: {"on": closed}, default: open}
      open: {hangup: , prompt: goodbye}
      closed: {hangup: , prompt: holiday_closed}
    """

    @Test func aCallTakesTheBranchOfTheSwitchAsItWasWhenItStarted() throws {
        let plan = try #require(Dialplan.compile(Self.yaml, file: "s.yaml", prompts: nil).plan)
        for (on, end) in [(Set<String>(), "open"), (["closed_today"], "closed"), (["not_declared"], "open")] {
            var call = Call(id: CallID(1), plan: plan, switchesOn: on)
            _ = call.handle(.callStarted(CallContext()), at: Date())
            #expect(call.currentState.map { plan[$0].name } == end, "\(on)")
        }
    }
}
