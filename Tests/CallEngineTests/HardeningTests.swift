import CallEngine
import Dialplan
import Foundation
import Testing

/// Issue 11: what a trunk or a caller can do to one call that used to be stored, ignored or
/// unbounded.
@Suite struct HardeningTests {
    /// Item 5: a trunk's "dialed" field can carry the caller's own number; only a number the plan
    /// declares is kept.
    @Test func onlyANumberThePlanDeclaresIsKept() {
        var call = Call(id: CallID(7), plan: TestPlan.plan)
        _ = call.handle(.callStarted(CallContext(dialedNumbers: ["5551234567", "8002"])), at: TestPlan.openTime)
        var end = call.handle(.remoteHungUp, at: TestPlan.openTime + 3)
        guard case .logOutcome(let kept)? = end.last else { Issue.record("no outcome"); return }
        #expect(kept.dialedNumber == "8002")
        #expect(kept.campaign == "posters")

        call = Call(id: CallID(8), plan: TestPlan.plan)
        _ = call.handle(.callStarted(CallContext(dialedNumbers: ["5551234567"])), at: TestPlan.openTime)
        end = call.handle(.remoteHungUp, at: TestPlan.openTime + 3)
        guard case .logOutcome(let dropped)? = end.last else { Issue.record("no outcome"); return }
        #expect(dropped.dialedNumber == nil)
        #expect(dropped.campaign == "other")
        #expect(!String(reflecting: dropped).contains("5551234567"))
    }

    /// Item 11: the emergency key in the recording instructions, which cannot be skipped.
    @Test func theEmergencyKeyWorksInTheRecordingInstructions() {
        var call = Driver()
        call.reachMainMenu()
        call.send(.digitsReceived("4"))
        #expect(call.actions.last == .play([prompt("record_instructions", "es")], escapeDigits: "0"))
        call.send(.promptFinished(interruptedBy: "0"))
        #expect(call.stateName == "emergency")
    }

    /// …and while the message is being recorded: what was said is kept, the call goes on to the
    /// emergency path.
    @Test func theEmergencyKeyEndsARecordingAndTakesItsPath() {
        var call = Driver()
        call.reachMainMenu()
        call.send(.digitsReceived("4"))
        let record = call.send(.promptFinished(interruptedBy: nil))
        #expect(record == [.record(RecordRequest(maxSeconds: 90, beep: true, terminator: "#", planKeys: "0"))])
        #expect(RecordRequest(maxSeconds: 90, beep: true, terminator: "#", planKeys: "0").escapeDigits == "#0")
        call.send(.recordingFinished(seconds: 12, endedBy: "0"), after: 12)
        #expect(call.stateName == "emergency")
        call.send(.promptFinished(interruptedBy: nil))
        call.send(.transferFinished(.answered(talkSeconds: 60)), after: 60)
        #expect(call.outcome?.ending == .emergency)
    }

    /// …and in the goodbye prompt of a hangup state.
    @Test func theEmergencyKeyWorksInTheGoodbyePrompt() {
        var call = Driver()
        call.reachMainMenu()
        call.send(.digitsReceived("2"))
        call.send(.digitsReceived(""))
        call.send(.digitsReceived(""))
        #expect(call.stateName == "bye")
        #expect(call.actions.last == .play([prompt("goodbye", "es")], escapeDigits: "0"))
        call.send(.promptFinished(interruptedBy: "0"))
        #expect(call.stateName == "emergency")
        #expect(call.outcome == nil)
    }

    /// Item 9: a caller going round the same states for ever is ended, its path bounded.
    @Test func aCallEndsWhenItsPathReachesTheLimit() throws {
        var call = Driver()
        call.reachMainMenu()
        var rounds = 0
        while call.outcome == nil, rounds < 1000 {
            call.send(.digitsReceived("3"))
            if call.outcome == nil { call.send(.transferFinished(.busy)) }
            rounds += 1
        }
        let outcome = try #require(call.outcome)
        #expect(outcome.ending == .error)
        #expect(outcome.path.count == Call.maximumPathLength)
        #expect(call.actions.suffix(2).first == .hangUp)
        #expect(rounds < 200)
    }
}
