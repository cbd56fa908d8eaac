import CallEngine
import FastAGI
import Testing

/// Issue 14: the staff line over FastAGI. Questions end in GET DATA (which stops at `#`), other
/// prompts play whole by STREAM FILE, the desk is asked between commands, and a hang-up at any
/// point closes the connection without another command.
@Suite struct AGIStaffLineSessionTests {
    struct Desk {
        var session = AGIStaffLineSession(settings: AGISettings())
        var sent: [String] = []
        var outputs: [AGIOutput] = []

        init() { record(session.start()) }

        mutating func record(_ outputs: [AGIOutput]) {
            self.outputs += outputs
            for case .send(let line, _) in outputs { sent.append(line) }
        }

        @discardableResult
        mutating func reply(_ line: String) -> [String] {
            let before = sent.count
            record(session.receive(Substring(line)))
            return Array(sent[before...])
        }

        @discardableResult
        mutating func desk(_ answer: StaffLineDeskAnswer) -> [String] {
            let before = sent.count
            record(session.deskAnswered(answer))
            return Array(sent[before...])
        }

        var asked: [StaffLineDeskRequest] { outputs.compactMap { if case .askDesk(let request) = $0 { request } else { nil } } }
        var closed: Bool { outputs.contains(.close) }
    }

    static let maria = StaffLineIdentity(account: "maria", advocate: "ana", status: .paused)

    @Test func aResumeFromTheDeskPhone() {
        var pbx = Desk()
        #expect(pbx.sent == ["ANSWER\n"])
        #expect(pbx.reply("200 result=0") == ["GET DATA hotline/staff/enter-number 8000 8\n"])
        #expect(pbx.reply("200 result=4107") == ["GET DATA hotline/staff/enter-pin 8000 8\n"])
        #expect(pbx.reply("200 result=246810") == [], "nothing goes to the PBX while the desk checks")
        #expect(pbx.asked == [.check(StaffLineCredentials(number: "4107", pin: "246810"))])
        #expect(pbx.desk(.recognised(Self.maria)) == ["STREAM FILE hotline/staff/state-paused \"\"\n"])
        #expect(pbx.reply("200 result=0 endpos=9000") == ["GET DATA hotline/staff/menu 6000 1\n"])
        #expect(pbx.reply("200 result=3") == [])
        #expect(pbx.asked.last == .perform(.resume, for: Self.maria))
        #expect(pbx.desk(.done(.available)) == ["STREAM FILE hotline/staff/state-available \"\"\n"])
        #expect(pbx.reply("200 result=0 endpos=8000") == ["STREAM FILE hotline/staff/goodbye \"\"\n"])
        #expect(pbx.reply("200 result=0 endpos=4000") == ["HANGUP\n"])
        #expect(!pbx.closed)
        #expect(pbx.reply("200 result=1") == [])
        #expect(pbx.closed && pbx.session.closed)
    }

    @Test func aTimeoutIsNoInputAndDigitsBeforeItCount() {
        var pbx = Desk()
        pbx.reply("200 result=0")
        // GET DATA's timeout with nothing keyed: the question again.
        #expect(pbx.reply("200 result= (timeout)") == ["STREAM FILE hotline/staff/no-input \"\"\n"])
        #expect(pbx.reply("200 result=0 endpos=100") == ["GET DATA hotline/staff/enter-number 8000 8\n"])
        // Digits and then the timeout (no #): what was keyed counts.
        #expect(pbx.reply("200 result=4107 (timeout)") == ["GET DATA hotline/staff/enter-pin 8000 8\n"])
    }

    @Test func aHangUpWhileTheDeskChecksSendsNothingMore() {
        var pbx = Desk()
        pbx.reply("200 result=0")
        pbx.reply("200 result=4107")
        pbx.reply("200 result=246810")
        #expect(pbx.reply("HANGUP") == [])
        #expect(pbx.closed)
        #expect(pbx.desk(.recognised(Self.maria)) == [], "the desk's late answer goes nowhere")
    }

    @Test func aHangUpDuringGetDataAndADeadChannelClose() {
        var during = Desk()
        during.reply("200 result=0")
        #expect(during.reply("200 result=-1") == [])
        #expect(during.closed)

        var dead = Desk()
        dead.reply("200 result=0")
        #expect(dead.reply("511 Command Not Permitted on a dead channel or intercept routine") == [])
        #expect(dead.closed)
    }

    @Test func anUnplayablePromptIsSkippedWithANote() {
        var pbx = Desk()
        pbx.reply("200 result=0")
        pbx.reply("200 result=4107")
        pbx.reply("200 result=246810")
        pbx.desk(.recognised(Self.maria))
        #expect(pbx.reply("200 result=-1 endpos=0") == ["GET DATA hotline/staff/menu 6000 1\n"])
        #expect(pbx.outputs.contains(.note(.promptUnplayable("hotline/staff/state-paused"))))
    }

    @Test func theTimerOrALineThatIsNoReplyEndsIt() {
        var silent = Desk()
        silent.record(silent.session.connectionLost())
        #expect(silent.closed && silent.outputs.contains(.note(.pbxTimedOut(verb: "ANSWER"))))

        var garbled = Desk()
        #expect(garbled.reply("hello") == [])
        #expect(garbled.closed && garbled.outputs.contains(.note(.unexpectedLine)))
    }

    @Test func theNotesNeverCarryTheDigits() {
        var pbx = Desk()
        pbx.reply("200 result=0")
        pbx.reply("200 result=4107")
        pbx.reply("200 result=246810")
        pbx.desk(.refused)
        pbx.reply("garbage 246810")
        for case .note(let note) in pbx.outputs {
            #expect(!"\(note)".contains("246810") && !"\(note)".contains("4107"))
        }
    }
}
