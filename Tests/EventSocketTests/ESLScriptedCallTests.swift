import CallEngine
import Dialplan
import EventSocket
import Foundation
import Simulator
import TestSupport
import Testing

/// Issue 16: the shipped plan, unchanged, over the Event Socket and over FastAGI. Each script of
/// the default plan's branch tests (every language, open, evening, night and holiday, every menu
/// option, the emergency key from the menus and during a prompt, the queue's announcement, keys on
/// hold, its timeout and an empty queue, busy and unreachable advocates, messages, hang-ups) is
/// played against a FreeSWITCH that answers as its transcripts show and against an Asterisk that
/// answers as its own do, with the same scripted queue, and both must end exactly as the
/// simulator says: the same path, ending, choices, language, retries, interpreter and overflow,
/// and the same time with an advocate (over ESL from the bridge's events, over AGI from the
/// whisper's notes).
@Suite struct ESLScriptedCallTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let plan: Plan = {
        let text = try! String(contentsOf: root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)
        return Dialplan.compile(text, file: "Dialplans/hotline.yaml", prompts: nil).plan!
    }()

    static func local(_ day: Int, _ hour: Int) -> Date {
        plan.calendar.date(from: DateComponents(year: 2026, month: 12, day: day, hour: hour))!
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var keys: String
        var at: Date
        var switches: Set<String> = []
        var testDescription: String { "\(keys) at \(at)\(switches.isEmpty ? "" : " \(switches.sorted())")" }
    }

    static let open = local(1, 10), evening = local(1, 19), night = local(1, 23), christmas = local(25, 12)

    static let cases: [Case] = [
        Case(keys: "1,1", at: open), Case(keys: "2,1", at: open), Case(keys: "3,1", at: open), Case(keys: "4,1", at: open),
        Case(keys: "3,3", at: evening), Case(keys: "4,3", at: evening), Case(keys: "2,1", at: evening),
        Case(keys: "1,1,1,record:30", at: night), Case(keys: "3,1,1,record:30", at: night),
        Case(keys: "1,2,-,-,-", at: christmas),
        Case(keys: "1,2", at: open), Case(keys: "1,3,1", at: open), Case(keys: "1,3,9,1", at: open),
        Case(keys: "1,4,1,record:40", at: open), Case(keys: "1,4,2,1", at: open), Case(keys: "1,9,1", at: open),
        Case(keys: "1,4,1,record:0,1,record:10", at: open),
        Case(keys: "1,0", at: open), Case(keys: "1,1,queue-timeout,0", at: open), Case(keys: "1,3,0", at: open), Case(keys: "1,4,0", at: open),
        Case(keys: "interrupt:0,unavailable", at: open), Case(keys: "interrupt:0", at: open),
        Case(keys: "", at: open), Case(keys: "1,7,8,6", at: open),
        Case(keys: "2,1,queue-timeout,1,1,record:45", at: open), Case(keys: "2,1,queue-timeout,2,answer", at: open),
        Case(keys: "1,1,no-advocates,1,1,record:20", at: open),
        Case(keys: "1,1,2,1,record:30", at: open), Case(keys: "1,1,busy,answer", at: open), Case(keys: "1,1,unavailable,noanswer,answer", at: open),
        Case(keys: "1,1,hangup", at: open), Case(keys: "1,hangup", at: open), Case(keys: "1,4,1,hangup", at: open),
        Case(keys: "2,1", at: open, switches: ["announcement"]), Case(keys: "1,1,1", at: open, switches: ["outage"]),
        Case(keys: "1,0", at: open, switches: ["outage"]), Case(keys: "1", at: open, switches: ["closed_today"]),
    ]

    @Test(arguments: cases)
    func endsAsTheSimulatorSays(_ c: Case) throws {
        let number = "8883737888"
        let expected = try Simulation(plan: Self.plan).run(try CallScript(parsing: c.keys), startingAt: c.at,
                                                           context: CallContext(dialedNumber: number), switchesOn: c.switches).outcome
        var fs = try ScriptedFreeSWITCH(plan: Self.plan, script: c.keys, at: c.at, switchesOn: c.switches)
        let outcome = try #require(try fs.play(dialed: number), "no outcome: \(fs.sent.suffix(5))")
        #expect(outcome.path == expected.path, "\(fs.sent.suffix(8))")
        #expect(outcome.ending == expected.ending)
        #expect(outcome.endedIn == expected.endedIn)
        #expect(outcome.choices == expected.choices)
        #expect(outcome.language == expected.language)
        #expect(outcome.retries == expected.retries)
        #expect(outcome.interpreter == expected.interpreter)
        #expect(outcome.overflowed == expected.overflowed)
        #expect(outcome.campaign == expected.campaign && outcome.dialedNumber == expected.dialedNumber)
        #expect(outcome.secondsWithAdvocate == expected.secondsWithAdvocate && !outcome.talkTimeUnknown)
        #expect(fs.steps.isEmpty, "steps left over: \(fs.steps)")
        #expect(fs.sent.last == "exit\n\n")

        var asterisk = try ScriptedAsterisk(plan: Self.plan, script: c.keys, at: c.at, switchesOn: c.switches)
        let overAGI = try #require(try asterisk.play(dialed: number), "no outcome over FastAGI: \(asterisk.sent.suffix(5))")
        #expect(overAGI.path == outcome.path && overAGI.ending == outcome.ending && overAGI.endedIn == outcome.endedIn, "FastAGI: \(overAGI.path)")
        #expect(overAGI.choices == outcome.choices && overAGI.language == outcome.language && overAGI.retries == outcome.retries)
        #expect(overAGI.interpreter == outcome.interpreter && overAGI.overflowed == outcome.overflowed)
        #expect(overAGI.secondsWithAdvocate == outcome.secondsWithAdvocate && overAGI.talkTimeUnknown == outcome.talkTimeUnknown)
        #expect(asterisk.steps.isEmpty, "FastAGI steps left over: \(asterisk.steps)")
        // Nothing of the caller's identity in anything the session put out.
        let text = fs.outputs.filter { if case .send = $0 { false } else { true } }.map { "\($0)" }.joined(separator: "\n")
        for needle in ["5550199723", "CANARY", "NAMEQX", "42#7", "42%237", "198.51.100.77", "canary-call-id"] { #expect(!text.contains(needle), "\(needle)") }
        #expect(!fs.sent.joined().contains("5550199723") && !fs.sent.joined().contains("CANARY"))
    }

    /// Found on a real FreeSWITCH 1.10.12 (the closing note of issue 16): an advocate who answers
    /// and hangs up during the whisper fails the bridge with NORMAL_CLEARING. That is a missed
    /// offer (as on Asterisk: answered, never bridged), not an unreachable phone, which would
    /// pause the advocate as `phone_unreachable`.
    @Test func anAdvocateWhoHangsUpDuringTheWhisperMissedTheOffer() throws {
        var fs = try ScriptedFreeSWITCH(plan: Self.plan, script: "1,1", at: Self.open)
        fs.advocateHangsUpDuringWhisper = true
        let outcome = try #require(try fs.play(dialed: "8883737888"))
        let offers = fs.outputs.compactMap { if case .offerFinished(let result) = $0 { result } else { nil } }
        #expect(offers == [.noAnswer, .answered(talkSeconds: 300)], "\(offers)")
        #expect(outcome.ending == .advocate && outcome.secondsWithAdvocate == 300)
    }

    /// Review of issue 16: the queue says where a caller stands as soon as they join, whether or
    /// not the plan announces it. In a plan without `announce:` that news changes nothing, and the
    /// music must still begin: never silence on hold.
    @Test func aCallerOnHoldHearsMusicWhenTheNewsChangesNothing() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "    announce: {position: queue_position, wait: queue_wait, minutes: queue_minutes}\n", with: "")
        let plan = try #require(Dialplan.compile(text, file: "hotline.yaml", prompts: nil).plan)
        var fs = try ScriptedFreeSWITCH(plan: plan, script: "1,1,answer", at: Self.open)
        fs.queueAnnouncesRegardless = true
        let outcome = try #require(try fs.play(dialed: "8883737888"))
        #expect(outcome.ending == .advocate)
        #expect(ScriptedFreeSWITCH.executes(fs.sent).contains("playback local_stream://default"), "\(ScriptedFreeSWITCH.executes(fs.sent).suffix(6))")
    }
}
