import CallEngine
import Dialplan
import FastAGI
import Foundation
import Testing

/// A plan that reaches every command the session sends.
private let plan: Plan = {
    let yaml = """
    languages: [en, es]
    time_zone: UTC
    entries: [{default: true, start: welcome}]
    global_keys: {"0": emergency}
    queues: {advocates: {languages: [en, es]}}
    states:
      welcome: {play: [welcome, intro], next: language}
      language:
        menu: [lang_en@en, lang_es@es]
        keys: {"1": {set: {language: en}, next: main}, "2": {set: {language: es}, next: main}}
        exhausted: main
      main:
        menu: main_menu
        keys: {"1": advocate, "2": reference, "3": partner, "4": message}
        exhausted: bye
      reference:
        collect: enter_reference
        into: reference
        min_digits: 4
        max_digits: 6
        next: bye
        exhausted: bye
      advocate: {queue: advocates, on_timeout: bye, on_no_advocates: bye}
      partner: {transfer: "PJSIP/1800@partners", on_fail: main}
      message: {record: beep_instructions, max_seconds: 60, next: bye, on_fail: bye}
      emergency: {transfer: "PJSIP/911@emergency", on_fail: bye}
      bye: {hangup: , prompt: goodbye}
    """
    return Dialplan.compile(yaml, file: "session.yaml", prompts: nil).plan!
}()

/// Plays the PBX: feeds lines to a session and keeps what it sent.
private struct PBX {
    var session: AGISession
    var now = Date(timeIntervalSince1970: 1_800_000_000)
    var sent: [String] = []
    var outputs: [AGIOutput] = []

    init(language: String = "en", settings: AGISettings = AGISettings()) {
        session = AGISession(call: Call(id: CallID(7), plan: plan), settings: settings)
        var environment = AGIEnvironment()
        environment.language = language
        environment.extensionName = "8885550100"
        record(session.start(environment, at: now))
    }

    mutating func record(_ outputs: [AGIOutput]) {
        self.outputs += outputs
        for case .send(let line, _) in outputs { sent.append(line) }
    }

    /// Sends PBX lines; returns the command lines the session wrote in answer.
    @discardableResult
    mutating func reply(_ lines: String..., after seconds: Double = 0.5) -> [String] {
        let before = sent.count
        for line in lines {
            now += seconds
            record(session.receive(Substring(line), at: now))
        }
        return Array(sent[before...])
    }

    /// ANSWER, the two greetings, the language menu, English, the main menu played.
    mutating func reachMainMenuInEnglish() {
        reply("200 result=0", "200 result=0", "200 result=0", "200 result=0", "200 result=0")
        reply("200 result=49")
        reply("200 result=0")
    }

    var outcomes: [CallOutcome] { outputs.compactMap { if case .outcome(let o) = $0 { o } else { nil } } }
    var closed: Bool { outputs.contains(.close) }
    var notes: [AGINote] { outputs.compactMap { if case .note(let n) = $0 { n } else { nil } } }
}

@Suite struct AGISessionTests {
    @Test func aCallThroughMenusSendsTheRightCommands() {
        var pbx = PBX()
        #expect(pbx.sent == ["ANSWER\n"])
        #expect(pbx.reply("200 result=0") == ["STREAM FILE hotline/en/welcome \"0123456789*#\"\n"])
        #expect(pbx.reply("200 result=0 endpos=24000") == ["STREAM FILE hotline/en/intro \"0123456789*#\"\n"])
        #expect(pbx.reply("200 result=0 endpos=8000") == ["STREAM FILE hotline/en/lang_en \"0123456789*#\"\n"])
        #expect(pbx.reply("200 result=0 endpos=8000") == ["STREAM FILE hotline/es/lang_es \"0123456789*#\"\n"])
        #expect(pbx.reply("200 result=0 endpos=8000") == ["WAIT FOR DIGIT 5000\n"])
        #expect(pbx.reply("200 result=50") == ["STREAM FILE hotline/es/main_menu \"0123456789*#\"\n"])
        #expect(pbx.reply("200 result=50 endpos=3000") == ["STREAM FILE hotline/es/enter_reference \"0123456789*#\"\n"].map { _ in "GET DATA hotline/es/enter_reference 10000 6\n" })
        #expect(pbx.reply("200 result=4711") == ["STREAM FILE hotline/es/goodbye \"0\"\n"])
        #expect(pbx.reply("200 result=0 endpos=8000") == ["HANGUP\n"])
        #expect(pbx.reply("200 result=1") == [])
        #expect(pbx.closed)
        #expect(pbx.outcomes.count == 1)
        #expect(pbx.outcomes.first?.ending == .goodbye)
        #expect(pbx.outcomes.first?.choices == ["language=es", "main=reference"])
        // Asterisk's own HANGUP after ours changes nothing.
        #expect(pbx.reply("HANGUP") == [])
        #expect(pbx.outcomes.count == 1)
    }

    @Test func keyPressedDuringAPromptAnswersTheMenu() {
        var pbx = PBX()
        pbx.reply("200 result=0")
        pbx.reply("200 result=0 endpos=24000")
        // 1 during the (interruptible) greeting skips it; 2 during the language menu answers it.
        #expect(pbx.reply("200 result=49 endpos=4000") == ["STREAM FILE hotline/en/lang_en \"0123456789*#\"\n"])
        #expect(pbx.reply("200 result=50 endpos=100") == ["STREAM FILE hotline/es/main_menu \"0123456789*#\"\n"])
    }

    @Test func emergencyKeyInterruptsAGreeting() {
        var pbx = PBX()
        pbx.reply("200 result=0")
        #expect(pbx.reply("200 result=48 endpos=1200") == ["EXEC Dial \"PJSIP/911@emergency,30,gb(hotline-transfer^s^1)\"\n"])
        #expect(pbx.reply("200 result=0", after: 300) == ["GET VARIABLE DIALSTATUS\n"])
        #expect(pbx.reply("200 result=1 (ANSWER)") == ["HANGUP\n"])
        pbx.reply("200 result=1")
        #expect(pbx.outcomes.first?.ending == .transferred)
    }

    /// Issue 15: the file RECORD FILE wrote goes to the sealer, whole or cut short by the
    /// caller's hang-up (08c: "the partial file stays on disk"), named as the PBX named it.
    @Test func aRecordedMessageIsHandedOnEvenWhenTheCallerHangsUpDuringIt() {
        func recordings(_ outputs: [AGIOutput]) -> [MessageRecording] { outputs.compactMap { if case .messageRecorded(let r) = $0 { r } else { nil } } }
        for (reply, seconds) in [("200 result=0 (timeout) endpos=24000", 3.0), ("200 result=-1 (hangup) endpos=63978", 63978.0 / 8000)] {
            var pbx = PBX()
            pbx.reachMainMenuInEnglish()
            pbx.reply("200 result=52")
            #expect(pbx.sent.last?.hasPrefix("STREAM FILE hotline/en/beep_instructions") == true, "\(pbx.sent)")
            #expect(pbx.reply("200 result=0 endpos=8000").first?.hasPrefix("RECORD FILE /var/spool/asterisk/hotline-messages/") == true)
            pbx.reply(reply)
            let handed = recordings(pbx.outputs)
            #expect(handed.count == 1 && handed.first?.seconds == seconds && handed.first?.language == "en", "\(reply): \(handed)")
            #expect(handed.first?.file.hasSuffix(".wav") == true && handed.first?.file.hasPrefix("/var/spool/asterisk/hotline-messages/") == true)
        }
    }

    @Test func hangUpDuringAPromptEndsTheCallInThatStateWithoutAWarning() {
        // 10: the prompt answers -1 where it stopped, then HANGUP ~40 ms later.
        var pbx = PBX()
        pbx.reply("200 result=0")
        #expect(pbx.reply("200 result=-1 endpos=8000") == [])
        #expect(pbx.outputs.last == .awaitLine(seconds: 0.5))
        #expect(pbx.reply("HANGUP", after: 0.04) == [])
        #expect(pbx.outcomes.map(\.ending) == [.abandonedInIVR])
        #expect(pbx.outcomes.first?.endedIn == "welcome")
        #expect(pbx.notes.isEmpty)
        #expect(pbx.closed)
        #expect(pbx.reply("200 result=-1 endpos=0") == [])
        #expect(pbx.outcomes.count == 1)
    }

    @Test func hangUpDuringAMenuEndsTheCallInTheMenu() {
        var pbx = PBX()
        pbx.reply("200 result=0", "200 result=0 endpos=8000", "200 result=0 endpos=8000")
        #expect(pbx.reply("200 result=-1 endpos=4000") == [])
        #expect(pbx.reply("HANGUP", after: 0.04) == [])
        #expect(pbx.outcomes.first?.endedIn == "language")
        #expect(pbx.notes.isEmpty)
        #expect(pbx.sent.count == 4)
    }

    @Test func hangUpBetweenACommandAndItsReply() {
        var pbx = PBX()
        pbx.reachMainMenuInEnglish()
        #expect(pbx.reply("200 result=51") == ["EXEC Dial \"PJSIP/1800@partners,30,gb(hotline-transfer^s^1)\"\n"])
        #expect(pbx.reply("200 result=-1") == ["GET VARIABLE DIALSTATUS\n"])
        #expect(pbx.reply("HANGUP", "200 result=1 (CANCEL)") == [])
        #expect(pbx.outcomes.map(\.ending) == [.abandonedInIVR])
        #expect(pbx.closed)
    }

    @Test func deadChannelReplyIsAHangUp() {
        var pbx = PBX()
        pbx.reply("200 result=0")
        pbx.reply("511 Command Not Permitted on a dead channel or intercept routine")
        #expect(pbx.outcomes.map(\.ending) == [.abandonedInIVR])
        #expect(pbx.closed)
        #expect(!pbx.sent.contains("HANGUP\n"))
    }

    @Test func unknownCommandReplyEndsTheCallAsAnErrorAndHangsUp() {
        var pbx = PBX()
        #expect(pbx.reply("510 Invalid or unknown command") == ["HANGUP\n"])
        pbx.reply("200 result=1")
        #expect(pbx.outcomes.map(\.ending) == [.error])
        #expect(pbx.notes == [.commandRejected(verb: "ANSWER", code: 510)])
    }

    @Test func multiLineUsageReplyIsReadToItsEnd() {
        var pbx = PBX()
        let sent = pbx.reply("520-Invalid command syntax.  Proper usage follows:", " Usage: ANSWER <literal>0</literal>", "200 result=0 looks like a reply", "520 End of proper usage.")
        #expect(sent == ["HANGUP\n"])
        #expect(pbx.notes == [.commandRejected(verb: "ANSWER", code: 520)])
    }

    @Test func missingPromptIsSkippedNotADroppedCaller() {
        // 03: a missing file answers -1 at once and no HANGUP follows.
        var pbx = PBX()
        pbx.reply("200 result=0")
        #expect(pbx.reply("200 result=-1 endpos=0") == [])
        pbx.now += 0.5
        pbx.record(pbx.session.timerFired(at: pbx.now))
        #expect(pbx.sent.last == "STREAM FILE hotline/en/intro \"0123456789*#\"\n")
        #expect(pbx.notes == [.promptUnplayable("hotline/en/welcome")])
        #expect(pbx.outcomes.isEmpty)
    }

    @Test func anAnsweredTransferIsTransferredWhoeverHangsUpFirst() {
        // The caller hangs up during the bridged call: Dial -1, HANGUP, and DIALSTATUS still says ANSWER.
        var pbx = PBX()
        pbx.reachMainMenuInEnglish()
        pbx.reply("200 result=51")
        #expect(pbx.reply("200 result=-1", after: 60) == ["GET VARIABLE DIALSTATUS\n"])
        #expect(pbx.reply("HANGUP", "200 result=1 (ANSWER)") == [])
        #expect(pbx.outcomes.map(\.ending) == [.transferred])
        #expect(pbx.closed)
        var other = PBX()
        other.reachMainMenuInEnglish()
        other.reply("200 result=51")
        other.reply("200 result=-1", "HANGUP")
        #expect(other.reply("200 result=1 (ANSWER)") == [])
        #expect(other.outcomes.map(\.ending) == [.transferred])
    }

    @Test func silentPBXEndsTheCallWithoutWaitingForever() {
        var pbx = PBX()
        pbx.now += 11
        pbx.record(pbx.session.timerFired(at: pbx.now))
        #expect(pbx.outcomes.map(\.ending) == [.error])
        #expect(pbx.closed)
        #expect(pbx.sent == ["ANSWER\n"])
    }

    @Test func closedConnectionEndsTheCallOnce() {
        var pbx = PBX()
        pbx.reply("200 result=0")
        pbx.record(pbx.session.connectionClosed(at: pbx.now))
        pbx.record(pbx.session.connectionClosed(at: pbx.now))
        #expect(pbx.outcomes.map(\.ending) == [.abandonedInIVR])
    }

    @Test func queueWithNoAdvocatesPlaysMusicOnlyWhileWaiting() {
        var pbx = PBX()
        pbx.reachMainMenuInEnglish()
        #expect(pbx.reply("200 result=49") == [])
        #expect(pbx.outputs.last == .joinQueue(QueueRequest(queue: "advocates", language: "en", priority: 0, maxWaitSeconds: 600, music: "default")))
        pbx.record(pbx.session.queueSignal(.waiting, at: pbx.now))
        #expect(pbx.sent.last == "SET MUSIC ON default\n")
        #expect(pbx.reply("200 result=0") == ["WAIT FOR DIGIT 10000\n"])
        // The queue answers while the caller waits: the wait is nudged, and nothing else is sent
        // until both the wait and the nudge are answered.
        pbx.record(pbx.session.queueSignal(.resolved(.noAdvocates), at: pbx.now))
        #expect(pbx.sent.last == "NOOP\n")
        #expect(pbx.reply("200 result=1") == [])
        #expect(pbx.reply("200 result=0") == ["SET MUSIC OFF\n"])
        #expect(pbx.reply("200 result=0") == ["STREAM FILE hotline/en/goodbye \"0\"\n"])
    }

    @Test func recordingEndedByTheKeyIsTimedByTheController() {
        var pbx = PBX()
        pbx.reachMainMenuInEnglish()
        #expect(pbx.reply("200 result=52") == ["STREAM FILE hotline/en/beep_instructions \"0\"\n"])
        #expect(pbx.reply("200 result=0 endpos=8000") == ["RECORD FILE /var/spool/asterisk/hotline-messages/0000000000000007 wav \"#0\" 60000 0 BEEP s=10\n"])
        pbx.reply("200 result=35 (dtmf) endpos=0", after: 12)
        pbx.reply("200 result=0 endpos=8000")
        pbx.reply("200 result=1")
        #expect(pbx.outcomes.first?.ending == .message)
    }

    /// Issue 11, item 11: the emergency key ends a recording and takes the caller on its path.
    @Test func theEmergencyKeyEndsARecordingForItsPath() {
        var pbx = PBX()
        pbx.reachMainMenuInEnglish()
        pbx.reply("200 result=52")
        #expect(pbx.reply("200 result=0 endpos=8000").first?.hasSuffix("wav \"#0\" 60000 0 BEEP s=10\n") == true)
        #expect(pbx.reply("200 result=48 (dtmf) endpos=0", after: 5) == ["EXEC Dial \"PJSIP/911@emergency,30,gb(hotline-transfer^s^1)\"\n"])
        // The review found this reply trapping the process (the code as a UInt32 scalar).
        var huge = PBX()
        huge.reachMainMenuInEnglish()
        huge.reply("200 result=52", "200 result=0 endpos=8000")
        huge.reply("200 result=4294967296 (dtmf) endpos=0", after: 5)
        #expect(huge.sent.last == "STREAM FILE hotline/en/goodbye \"0\"\n")
    }

    /// Issue 11, item 9: a call that goes round and round is ended after so many commands.
    @Test func aCallIsEndedAfterTheMostCommandsOneCallMaySend() {
        var settings = AGISettings()
        settings.maximumCommandsPerCall = 100
        var pbx = PBX(settings: settings)
        var replies = 0
        while !pbx.closed, replies < 2000 {
            replies += 1
            let last = pbx.sent.last ?? ""
            if last.hasPrefix("WAIT FOR DIGIT") {
                pbx.reply("200 result=51")        // 3: the partner line, again and again
            } else if last.hasPrefix("GET VARIABLE") {
                pbx.reply("200 result=1 (BUSY)")
            } else if last.hasPrefix("HANGUP") {
                pbx.reply("200 result=1", "HANGUP")
            } else {
                pbx.reply("200 result=0")
            }
        }
        #expect(pbx.closed)
        #expect(pbx.notes.contains(.commandLimit(100)))
        #expect(pbx.outcomes.map(\.ending) == [.error])
        #expect(pbx.sent.count == 101)
        #expect(pbx.sent.last == "HANGUP\n")
    }

    @Test func recordingThatCannotBeWrittenGoesToTheFailBranch() {
        var pbx = PBX()
        pbx.reachMainMenuInEnglish()
        pbx.reply("200 result=52")
        pbx.reply("200 result=0 endpos=8000")
        #expect(pbx.reply("200 result=-1 (writefile)") == ["STREAM FILE hotline/en/goodbye \"0\"\n"])
        #expect(pbx.notes == [.recordingFailed])
    }

    @Test func callerHangingUpWhileRecordingKeepsTheMessage() {
        var pbx = PBX()
        pbx.reachMainMenuInEnglish()
        pbx.reply("200 result=52")
        pbx.reply("200 result=0 endpos=8000")
        pbx.reply("200 result=-1 (hangup) endpos=63978")
        #expect(pbx.outcomes.map(\.ending) == [.message])
        #expect(pbx.closed)
    }

    @Test func busyTransferReturnsToTheMenu() {
        var pbx = PBX()
        pbx.reachMainMenuInEnglish()
        pbx.reply("200 result=51")
        pbx.reply("200 result=0")
        #expect(pbx.reply("200 result=1 (BUSY)") == ["STREAM FILE hotline/en/main_menu \"0123456789*#\"\n"])
    }

    @Test func garbageFromThePBXFailsTheCallWithoutQuotingIt() {
        var pbx = PBX()
        #expect(pbx.reply("this is not AGI 5551234567") == ["HANGUP\n"])
        #expect(pbx.notes.first == .unexpectedLine)
        pbx.reply("200 result=0", "200 result=1")  // ANSWER's late reply, then HANGUP's
        #expect(pbx.outcomes.map(\.ending) == [.error])
    }
}

@Suite struct AGISessionHangUpRaceTests {
    /// Our HANGUP crossed with the caller's: the outcome the engine already produced is logged.
    @Test func hangUpLineInsteadOfTheReplyToOurHangUp() {
        var pbx = PBX()
        pbx.reply("200 result=0", "200 result=0", "200 result=0", "200 result=0", "200 result=0")
        pbx.reply("200 result=49")
        pbx.reply("200 result=50")      // 2 during the main menu: the reference number
        #expect(pbx.reply("200 result=4711") == ["STREAM FILE hotline/en/goodbye \"0\"\n"])
        #expect(pbx.reply("200 result=0") == ["HANGUP\n"])
        pbx.reply("HANGUP")
        #expect(pbx.outcomes.count == 1)
        #expect(pbx.closed)
    }
}
