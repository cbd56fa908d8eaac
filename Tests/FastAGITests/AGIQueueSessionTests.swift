import CallEngine
import Dialplan
import FastAGI
import Foundation
import Testing
import TestSupport

/// Waiting in the queue over FastAGI: the hold as long waits for a key, cut short by a nudge when
/// the queue has news (`AGIHoldNudgeTests`), announcements interruptible by
/// the plan's keys, offers by Dial with the whisper, and the true conversation length.
@Suite struct AGIQueueSessionTests {
    static let plan: Plan = {
        let yaml = """
        languages: [en]
        time_zone: UTC
        entries: [{default: true, start: advocate}]
        global_keys: {"0": emergency}
        queues: {advocates: {languages: [en]}}
        states:
          advocate:
            queue: advocates
            max_wait: 300
            keys: {"2": {next: message, meaning: waiting=message}}
            announce: {position: queue_position, wait: queue_wait, minutes: queue_minutes}
            on_timeout: bye
            on_no_advocates: bye
          message: {record: record_instructions, next: bye, on_fail: bye}
          emergency: {transfer: "PJSIP/emergency", on_fail: bye}
          bye: {hangup: , prompt: goodbye}
        """
        return Dialplan.compile(yaml, file: "q.yaml", prompts: nil).plan!
    }()

    static let ana = QueueOffer(endpoint: "PJSIP/desk-ana", ringSeconds: 20, language: "en", interpreter: false)
    static let dialAna = "EXEC Dial \"PJSIP/desk-ana,20,gm(default)U(hotline-whisper^en^0^tokx1)\"\n"
    static let answerTime = "GET FULL VARIABLE ${GLOBAL(HOTLINE_ANSWERED_tokx1)},${GLOBAL(HOTLINE_BRIDGED_tokx1)},${STRFTIME(,,%s.%3q)}"
        + "${SET(GLOBAL_DELETE(HOTLINE_ANSWERED_tokx1)=)}${SET(GLOBAL_DELETE(HOTLINE_BRIDGED_tokx1)=)}\n"
    static let poll = "WAIT FOR DIGIT 10000\n"

    struct Line {
        var session: AGISession
        var joined = Date(timeIntervalSince1970: 0)
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        var sent: [String] = []
        var outputs: [AGIOutput] = []

        /// Answered and on hold (the queue said nobody is free; music on, the first short wait in flight).
        init(settings: AGISettings = AGISettings()) {
            session = AGISession(call: Call(id: CallID(5), plan: AGIQueueSessionTests.plan), settings: settings, offerTokenPrefix: "tok")
            record(session.start(AGIEnvironment(), at: now))
            joined = now + 1
            reply("200 result=0")   // ANSWER
            signal(.waiting, after: 0)
            reply("200 result=0")   // SET MUSIC ON
        }

        /// Answered and just joined: nothing in flight until the queue answers.
        init(joining: Void) {
            session = AGISession(call: Call(id: CallID(5), plan: AGIQueueSessionTests.plan), settings: AGISettings(), offerTokenPrefix: "tok")
            record(session.start(AGIEnvironment(), at: now))
            reply("200 result=0")
        }

        /// Never more than one command per step: a second line would sit unread in Asterisk's buffer.
        mutating func record(_ outputs: [AGIOutput]) {
            let commands = outputs.filter { if case .send = $0 { true } else { false } }
            #expect(commands.count <= 1, "two commands sent without a reply between them: \(commands)")
            self.outputs += outputs
            for case .send(let line, _) in outputs { sent.append(line) }
        }

        @discardableResult
        mutating func reply(_ line: String, after seconds: Double = 1) -> [String] {
            let before = sent.count
            now += seconds
            record(session.receive(Substring(line), at: now))
            return Array(sent[before...])
        }

        @discardableResult
        mutating func signal(_ signal: QueueSignal, after seconds: Double = 0.2) -> [String] {
            let before = sent.count
            now += seconds
            record(session.queueSignal(signal, at: now))
            return Array(sent[before...])
        }

        @discardableResult
        mutating func timer(after seconds: Double) -> [String] {
            let before = sent.count
            now += seconds
            record(session.timerFired(at: now))
            return Array(sent[before...])
        }

        /// The hold wait cut short by the nudge (`200 result=1`), then the nudge's own reply.
        @discardableResult
        mutating func cutShort(after seconds: Double = 0) -> [String] {
            let before = sent.count
            reply("200 result=1", after: seconds)
            reply("200 result=0", after: 0)
            return Array(sent[before...])
        }

        var outcome: CallOutcome? { outputs.compactMap { if case .outcome(let o) = $0 { o } else { nil } }.last }
    }

    @Test func holdingIsMusicAndLongWaitsForAKey() {
        var line = Line()
        #expect(line.sent == ["ANSWER\n", "SET MUSIC ON default\n", Self.poll])
        #expect(line.outputs.contains(.joinQueue(QueueRequest(queue: "advocates", language: "en", priority: 0, maxWaitSeconds: 300, music: "default"))))
        #expect(line.reply("200 result=0") == [Self.poll])                      // nothing new: wait again
        #expect(line.reply("200 result=55") == [Self.poll])                     // 7 means nothing here
    }

    /// Issue 11, item 9: the per-call command bound leaves the queue alone — a long wait is
    /// thousands of waits, announcements and offers, bounded by max_wait instead.
    @Test func aLongWaitIsNotCutByTheCommandBound() {
        var settings = AGISettings()
        settings.maximumCommandsPerCall = 10
        var line = Line(settings: settings)
        for _ in 0..<200 { line.reply("200 result=0") }
        #expect(line.sent.count == 203)
        #expect(line.sent.last == Self.poll)
        #expect(line.outcome == nil)
    }

    @Test func aCallerOfferedAtOnceHearsNoHoldMusicFirst() {
        var line = Line(joining: ())
        #expect(line.sent == ["ANSWER\n"])
        #expect(line.signal(.offer(Self.ana), after: 0.001) == [Self.dialAna])
    }

    @Test func nobodyToTakeTheCallGoesOnAtOnce() {
        var line = Line(joining: ())
        #expect(line.signal(.resolved(.noAdvocates), after: 0.001) == ["STREAM FILE hotline/en/goodbye \"0\"\n"])
    }

    @Test func anOfferCutsTheWaitShortThenRings() {
        var line = Line()
        #expect(line.signal(.offer(Self.ana), after: 40) == ["NOOP\n"])        // the nudge
        #expect(line.cutShort(after: 0.001) == [Self.dialAna])
    }

    @Test func anAnsweredOfferIsLoggedWithTheConversationTheWhisperNoted() {
        var line = Line()
        line.signal(.offer(Self.ana), after: 40)
        line.cutShort()                                                        // offer out at +42
        #expect(line.reply("200 result=0", after: 330) == ["GET VARIABLE DIALSTATUS\n"])
        #expect(line.reply("200 result=1 (ANSWER)", after: 0) == [Self.answerTime])
        #expect(line.reply("200 result=1 (1796149691.107,1796149695.107,1796150007.107)", after: 0) == ["HANGUP\n"])
        #expect(line.outputs.contains(.offerFinished(.answered(talkSeconds: 312))))
        line.reply("200 result=1", after: 0)
        line.reply("HANGUP", after: 0)
        let outcome = line.outcome
        #expect(outcome?.ending == .advocate)
        #expect(abs((outcome?.secondsWithAdvocate ?? 0) - 312) < 0.001)
        #expect(abs((outcome?.secondsWaiting ?? 0) - 60) < 0.001)              // queued at 0, bridged at +60
        #expect(outcome?.talkTimeUnknown == false)
        #expect(line.outputs.last == .close)
    }

    @Test(arguments: ["(1,nan,1312.5)", "(1,inf,1312.5)", "(1,1312.5,-inf)", "(1,1400,1312.5)", "(,,1312.5)", "(1,-5,3)", "(1,1e300,2e300)",
                      "(ANSWER)", "()", "(1312.5,1313.5)"])
    func anImplausibleAnswerTimeIsKeptAsUnknown(_ value: String) {
        var line = Line()
        line.signal(.offer(Self.ana), after: 40)
        line.cutShort()
        line.reply("200 result=0", after: 330)
        line.reply("200 result=1 (ANSWER)", after: 0)
        line.reply("200 result=1 \(value)", after: 0)
        #expect(line.outputs.contains(.offerFinished(.answered(talkSeconds: nil))))
        line.reply("200 result=1", after: 0)
        #expect(line.outcome?.ending == .advocate)
        #expect(line.outcome?.talkTimeUnknown == true)
        #expect(line.outcome?.secondsWithAdvocate == 0)
        #expect(line.outcome?.secondsWaiting == 42)                              // until the phone rang
    }

    @Test(arguments: [("BUSY", DialResult.busy), ("NOANSWER", .noAnswer), ("CHANUNAVAIL", .unreachable), ("CONGESTION", .unreachable)])
    func anOfferNotTakenSendsTheCallerBackToHold(_ status: String, _ result: DialResult) {
        var line = Line()
        line.signal(.offer(Self.ana))
        line.cutShort(after: 1)
        line.reply("200 result=0", after: 20)
        #expect(line.reply("200 result=1 (\(status))") == ["SET MUSIC ON default\n"])
        #expect(line.outputs.contains(.offerFinished(result)))
        #expect(line.reply("200 result=0") == [Self.poll])
    }

    @Test func anAdvocateWhoHungUpDuringTheWhisperDidNotTakeTheCall() {
        // Dial says ANSWER, but the whisper noted the answer and never the bridge: the caller
        // heard nobody, keeps their place, and the queue hears "not taken".
        var line = Line()
        line.signal(.offer(Self.ana))
        line.cutShort(after: 1)
        line.reply("200 result=0", after: 5.5)
        line.reply("200 result=1 (ANSWER)", after: 0)
        #expect(line.reply("200 result=1 (1796157192.990,,1796157195.490)", after: 0) == ["SET MUSIC ON default\n"])
        #expect(line.outputs.contains(.offerFinished(.noAnswer)))
        #expect(line.outcome == nil)
    }

    @Test func announcementsAreInterruptibleByThePlansKeys() {
        var line = Line()
        #expect(line.signal(.announce(position: 3, estimatedWaitSeconds: 240)) == ["NOOP\n"])
        var all = line.cutShort(after: 1)
        for _ in 0..<9 { all += line.reply("200 result=0") }
        #expect(all == [
            "SET MUSIC OFF\n", "STREAM FILE hotline/en/queue_position \"20\"\n", "SET VARIABLE CHANNEL(language) \"en\"\n", "SAY NUMBER 3 \"20\"\n",
            "STREAM FILE hotline/en/queue_wait \"20\"\n", "SET VARIABLE CHANNEL(language) \"en\"\n", "SAY NUMBER 4 \"20\"\n",
            "STREAM FILE hotline/en/queue_minutes \"20\"\n", "SET MUSIC ON default\n", Self.poll,
        ])
    }

    @Test func zeroDuringAnAnnouncementReachesTheEmergencyPath() {
        var line = Line()
        line.signal(.announce(position: 3, estimatedWaitSeconds: nil))
        line.cutShort(after: 1)                                                 // the wait ends: SET MUSIC OFF
        line.reply("200 result=0")                                              // STREAM FILE position
        line.reply("200 result=0 endpos=16000")                                 // SET VARIABLE
        line.reply("200 result=1")                                              // SAY NUMBER
        #expect(line.reply("200 result=48") == ["EXEC Dial \"PJSIP/emergency,30,gb(hotline-transfer^s^1)\"\n"])
        #expect(line.outputs.contains(.leaveQueue))
    }

    @Test func twoDuringAnAnnouncementLeavesAMessage() {
        var line = Line()
        line.signal(.announce(position: 1, estimatedWaitSeconds: nil))
        line.cutShort(after: 1)                                                 // the wait ends: SET MUSIC OFF
        line.reply("200 result=0")                                              // STREAM FILE position
        #expect(line.reply("200 result=50 endpos=4000") == ["STREAM FILE hotline/en/record_instructions \"0\"\n"])
        #expect(line.outputs.contains(.leaveQueue))
    }

    @Test func anOfferDuringAnAnnouncementEndsItAtTheNextPart() {
        var line = Line()
        line.signal(.announce(position: 2, estimatedWaitSeconds: nil))
        line.cutShort(after: 1)                                                 // SET MUSIC OFF sent
        line.reply("200 result=0")                                              // position prompt sent
        #expect(line.signal(.offer(Self.ana)) == [])
        #expect(line.reply("200 result=0 endpos=16000") == ["SET MUSIC ON default\n"])
        #expect(line.reply("200 result=0") == [Self.dialAna])
    }

    @Test func aKeyWhileHoldingLeavesTheQueueAndTellsIt() {
        var line = Line()
        #expect(line.reply("200 result=50", after: 30) == ["SET MUSIC OFF\n"])
        #expect(line.outputs.dropLast().last == .leaveQueue)                    // the queue hears it first
        #expect(line.reply("200 result=0") == ["STREAM FILE hotline/en/record_instructions \"0\"\n"])
    }

    @Test func hangingUpOnHoldIsAnAbandonInTheQueue() {
        var line = Line()
        line.reply("200 result=-1", after: 20)
        #expect(line.outputs.last == .awaitLine(seconds: 0.5))
        #expect(line.reply("HANGUP", after: 0.04) == [])
        #expect(line.outcome?.ending == .abandonedInQueue)
        #expect(line.outputs.contains(.leaveQueue))
        #expect(line.outputs.last == .close)
    }

    @Test func hangingUpWhileTheAdvocateRingsFreesTheAdvocate() {
        var line = Line()
        line.signal(.offer(Self.ana))
        line.cutShort(after: 1)
        #expect(line.reply("200 result=-1", after: 8) == ["GET VARIABLE DIALSTATUS\n"])
        #expect(line.reply("HANGUP", after: 0) == [])
        #expect(line.reply("200 result=1 (CANCEL)", after: 0) == [])
        #expect(line.outcome?.ending == .abandonedInQueue)
        #expect(line.outputs.contains(.leaveQueue))
        #expect(!line.sent.contains("HANGUP\n"))
        #expect(line.outputs.last == .close)
    }

    @Test func theCallerHangingUpDuringTheConversationStillLogsItsLength() {
        // 19c: Dial answers -1, HANGUP follows; DIALSTATUS and the whisper's note still answer.
        var line = Line()
        line.signal(.offer(Self.ana))
        line.cutShort(after: 1)
        line.reply("200 result=-1", after: 9)
        line.reply("HANGUP", after: 0)
        #expect(line.reply("200 result=1 (ANSWER)", after: 0) == [Self.answerTime])
        #expect(line.reply("200 result=1 (1796149697.000,1796149700.000,1796149701.050)", after: 0) == [])
        #expect(line.outcome?.ending == .advocate)
        #expect(abs((line.outcome?.secondsWithAdvocate ?? 0) - 1.05) < 0.001)
        #expect(!line.sent.contains("HANGUP\n"))
        #expect(line.outputs.last == .close)
    }

    @Test func theEndOfTheWaitMeansMusicOffAndTheBranch() {
        var line = Line()
        #expect(line.signal(.resolved(.timedOut), after: 0.5) == ["NOOP\n"])
        #expect(line.cutShort(after: 0.001) == ["SET MUSIC OFF\n"])
        #expect(line.reply("200 result=0") == ["STREAM FILE hotline/en/goodbye \"0\"\n"])
    }

    /// 19b: the whisper's note and the PBX clock read after Dial, as the real Asterisk gave them
    /// (the advocate's 2.5 s tone plus the hang-up: 3.04 s).
    @Test func theRecordedWhisperNoteGivesTheRecordedConversation() throws {
        let transcript = try AsteriskTranscript(name: "19b-dial-whisper-gosub")
        func reply(to command: String) throws -> String {
            let index = try #require(transcript.lines.firstIndex { $0.side == .app && $0.text == command })
            let text = try #require(transcript.lines[(index + 1)...].first { $0.side == .pbx }?.text)
            return String(try #require(text.split(separator: "(").last?.dropLast()))
        }
        let bridged = try reply(to: "GET VARIABLE SHARED(HOTLINE_ANSWERED)")
        let clock = try reply(to: "GET FULL VARIABLE ${STRFTIME(,,%s.%3q)}")
        var line = Line()
        line.signal(.offer(Self.ana), after: 40)
        line.cutShort()
        line.reply("200 result=0", after: 6.04)                                 // Dial came back 6.04 s later
        line.reply("200 result=1 (ANSWER)", after: 0)
        line.reply("200 result=1 (\(bridged),\(bridged),\(clock))", after: 0)
        guard case .offerFinished(.answered(let talk?))? = line.outputs.first(where: { if case .offerFinished = $0 { true } else { false } }) else {
            Issue.record("no answered offer: \(line.outputs)")
            return
        }
        #expect(abs(talk - 3.04) < 0.0005)
    }
}
