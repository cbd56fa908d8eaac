import CallEngine
import EventSocket
import Foundation
import TestSupport
import Testing

/// Issue 16 with issue 14's staff line: a desk phone's `*55` over the Event Socket. The connect
/// reply's `variable_hotline_script=staff` marks it; prompts play whole, questions end in
/// play_and_get_digits (up to `#`), the digits' variable is unset at once, the desk is asked
/// between executes, and the call ends with hangup and exit. FreeSWITCH's side is the scripted
/// one (the transcripts' connect reply and event bodies, the canary caller id in them).
@Suite struct ESLStaffLineSessionTests {
    static let maria = StaffLineIdentity(account: "maria", advocate: "ana", status: .paused)

    struct Line {
        var fs: ScriptedFreeSWITCH
        var session = ESLStaffLineSession(settings: ESLSettings(), uuidPrefix: "p")
        var outputs: [ESLOutput] = []
        var inbox: [ESLMessage] = []
        var answers: [StaffLineDeskAnswer]
        var deskRequests = 0
        var sent: [String] = []

        init(keys: String, answers: [StaffLineDeskAnswer]) throws {
            fs = try ScriptedFreeSWITCH(plan: ESLSessionTests.plan, script: keys, at: Date(timeIntervalSince1970: 1_800_000_000))
            self.answers = answers
            var reply = try fs.connect("*55")
            reply.headers.insert(ESLHeader("variable_hotline_script", "staff"), at: 3)
            #expect(ESLStaffLineSession.isStaffLine(reply))
            #expect(!ESLStaffLineSession.isStaffLine(try fs.connect("8885550100")))
            handle(session.connected(at: Date()))
            var rounds = 0
            while !session.closed, rounds < 1000 {
                rounds += 1
                if !inbox.isEmpty {
                    handle(session.receive(inbox.removeFirst(), at: Date()))
                } else if deskRequests > 0, !answers.isEmpty {
                    deskRequests -= 1
                    handle(session.deskAnswered(self.answers.removeFirst()))
                } else {
                    break
                }
            }
        }

        mutating func handle(_ batch: [ESLOutput]) {
            outputs += batch
            for output in batch {
                if case .send(let text, _) = output {
                    sent.append(text)
                    inbox += fs.answer(text)
                }
                if case .askDesk = output { deskRequests += 1 }
            }
        }

        var executes: [String] { ScriptedFreeSWITCH.executes(sent) }
        var asked: [StaffLineDeskRequest] { outputs.compactMap { if case .askDesk(let request) = $0 { request } else { nil } } }
    }

    @Test func aResumeFromTheDeskPhone() throws {
        let line = try Line(keys: "4107,246810,3", answers: [.recognised(Self.maria), .done(.available)])
        let p = "/usr/share/freeswitch/sounds/hotline/staff"
        #expect(line.executes == [
            "answer", "set playback_terminators=none",
            "play_and_get_digits 1 8 1 8000 # \(p)/enter-number.wav silence_stream://250 hotline_digits ^[0-9]+$ 8000", "unset hotline_digits",
            "play_and_get_digits 1 8 1 8000 # \(p)/enter-pin.wav silence_stream://250 hotline_digits ^[0-9]+$ 8000", "unset hotline_digits",
            "playback \(p)/state-paused.wav",
            "play_and_get_digits 1 1 1 6000 # \(p)/menu.wav silence_stream://250 hotline_digits ^[0-9]+$ 6000", "unset hotline_digits",
            "playback \(p)/state-available.wav", "playback \(p)/goodbye.wav", "hangup NORMAL_CLEARING",
        ], "\(line.executes)")
        #expect(line.asked == [.check(StaffLineCredentials(number: "4107", pin: "246810")), .perform(.resume, for: Self.maria)])
        #expect(line.sent.first == "myevents\n\n" && line.sent.last == "exit\n\n" && line.session.closed)
        #expect(line.fs.steps.isEmpty)
        // The PIN goes to the desk and nowhere else: not in a command, a note or any other output.
        #expect(!line.sent.joined().contains("246810"))
        let text = line.outputs.filter { if case .askDesk = $0 { false } else { true } }.map { "\($0)" }.joined()
        for needle in ["246810", "5550199723", "CANARY"] { #expect(!text.contains(needle), "\(needle)") }
    }

    @Test func aHangUpMidDialogueClosesWithNothingMore() throws {
        let line = try Line(keys: "4107,hangup", answers: [])
        #expect(line.executes.last?.hasPrefix("play_and_get_digits") == true && line.executes.last?.contains("enter-pin") == true, "\(line.executes)")
        #expect(line.session.closed && line.outputs.last == .close && line.asked.isEmpty)
    }

    @Test func refusedThreeTimesTheLineSaysSoAndHangsUp() throws {
        let line = try Line(keys: "4107,111111,4107,222222,4107,333333", answers: [.refused, .refused, .refused])
        #expect(line.asked.count == 3)
        #expect(line.executes.suffix(2).first?.contains("/staff/") == true && line.executes.last == "hangup NORMAL_CLEARING", "\(line.executes.suffix(3))")
        #expect(line.session.closed)
    }
}
