import CallEngine
import Dialplan
import FastAGI
import Foundation
import Testing

/// Waiting in the queue over FastAGI: the wait, the queue's signals cutting it short, offers
/// by Dial, announcements, keys.
@Suite struct AGIQueueSessionTests {
    static let plan: Plan = {
        let yaml = """
        languages: [en]
        time_zone: UTC
        entries: [{default: true, start: advocate}]
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
          bye: {hangup: , prompt: goodbye}
        """
        return Dialplan.compile(yaml, file: "q.yaml", prompts: nil).plan!
    }()

    struct Line {
        var session = AGISession(call: Call(id: CallID(5), plan: AGIQueueSessionTests.plan), settings: AGISettings())
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        var sent: [String] = []
        var outputs: [AGIOutput] = []

        /// Answered and waiting (music on, WAIT FOR DIGIT in flight).
        init() {
            record(session.start(AGIEnvironment(), at: now))
            reply("200 result=0")   // ANSWER
            reply("200 result=0")   // SET MUSIC ON
        }

        mutating func record(_ outputs: [AGIOutput]) {
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
        mutating func signal(_ signal: QueueSignal, after seconds: Double = 1) -> [String] {
            let before = sent.count
            now += seconds
            record(session.queueSignal(signal, at: now))
            return Array(sent[before...])
        }

        var outcome: CallOutcome? { outputs.compactMap { if case .outcome(let o) = $0 { o } else { nil } }.last }
    }

    @Test func waitingIsAWaitForAKeyUnderMusic() {
        let line = Line()
        #expect(line.sent == ["ANSWER\n", "SET MUSIC ON default\n", "WAIT FOR DIGIT 360000\n"])
        #expect(line.outputs.contains(.enqueue(QueueRequest(queue: "advocates", language: "en", priority: 0, maxWaitSeconds: 300, music: "default"))))
    }

    @Test func anAnsweredOfferIsAConversationWithItsOwnLength() {
        var line = Line()
        let dial = line.signal(.offer(QueueOffer(endpoint: "PJSIP/desk-ana", ringSeconds: 20, language: "en", interpreter: false)), after: 40)
        #expect(dial == ["EXEC Dial \"PJSIP/desk-ana,20,gm(default)U(hotline-whisper^s^1(en^0))\"\n"])
        #expect(line.reply("200 result=1", after: 0) == [])                      // the interrupted wait
        #expect(line.reply("200 result=0", after: 330) == ["GET VARIABLE DIALSTATUS\n"])
        #expect(line.reply("200 result=1 (ANSWER)", after: 0) == ["GET VARIABLE ANSWEREDTIME\n"])
        #expect(line.reply("200 result=1 (312)", after: 0) == ["HANGUP\n"])
        #expect(line.outputs.contains(.offerFinished(.answer, talkSeconds: 312)))
        line.reply("200 result=1", after: 0)
        #expect(line.outcome?.ending == .advocate)
        #expect(line.outcome?.secondsWithAdvocate == 312)
        #expect(line.outcome?.secondsWaiting == 60)                               // 42 s queued + 18 s ringing
    }

    @Test func aBusyAdvocateSendsTheCallerBackToWaiting() {
        var line = Line()
        line.signal(.offer(QueueOffer(endpoint: "PJSIP/desk-bo", ringSeconds: 20, language: "en", interpreter: true)))
        line.reply("200 result=1")
        line.reply("200 result=0")
        #expect(line.reply("200 result=1 (BUSY)") == ["SET MUSIC ON default\n"])
        #expect(line.outputs.contains(.offerFinished(.busy, talkSeconds: 0)))
        #expect(line.reply("200 result=0") == ["WAIT FOR DIGIT 360000\n"])
    }

    @Test func announcementsSayTheNumbersInTheCallersLanguage() {
        var line = Line()
        let commands = line.signal(.announce(position: 3, estimatedWaitSeconds: 240))
        #expect(commands == ["SET MUSIC OFF\n"])
        var all = commands
        line.reply("200 result=1")                                                   // the interrupted wait
        for _ in 0..<9 { all += line.reply("200 result=0") }
        #expect(all == [
            "SET MUSIC OFF\n", "STREAM FILE hotline/en/queue_position \"\"\n", "SET VARIABLE CHANNEL(language) \"en\"\n", "SAY NUMBER 3 \"\"\n",
            "STREAM FILE hotline/en/queue_wait \"\"\n", "SET VARIABLE CHANNEL(language) \"en\"\n", "SAY NUMBER 4 \"\"\n",
            "STREAM FILE hotline/en/queue_minutes \"\"\n", "SET MUSIC ON default\n", "WAIT FOR DIGIT 360000\n",
        ])
    }

    @Test func signalsDuringAnotherCommandWaitTheirTurn() {
        var line = Line()
        line.signal(.announce(position: 2, estimatedWaitSeconds: nil))
        line.reply("200 result=1")
        // An offer arrives while the announcement plays: it goes out once the caller waits again.
        #expect(line.signal(.offer(QueueOffer(endpoint: "PJSIP/desk-ana", ringSeconds: 20, language: "en", interpreter: false))) == [])
        var sent: [String] = []
        for _ in 0..<5 { sent += line.reply("200 result=0") }
        #expect(sent.last == "EXEC Dial \"PJSIP/desk-ana,20,gm(default)U(hotline-whisper^s^1(en^0))\"\n")
    }

    @Test func aKeyLeavesTheQueueAndTellsIt() {
        var line = Line()
        #expect(line.reply("200 result=50", after: 30) == ["SET MUSIC OFF\n"])
        #expect(line.outputs.contains(.leaveQueue))
        #expect(line.reply("200 result=0") == ["STREAM FILE hotline/en/record_instructions \"\"\n"])
        // A key that means nothing here keeps the caller waiting.
        var other = Line()
        #expect(other.reply("200 result=55") == ["WAIT FOR DIGIT 360000\n"])
    }

    @Test func hangingUpWhileWaitingIsAnAbandonInTheQueue() {
        var line = Line()
        line.reply("200 result=-1", after: 20)
        line.reply("HANGUP", after: 0)
        #expect(line.outcome?.ending == .abandonedInQueue)
        #expect(line.outputs.last == .close)
    }

    @Test func resolvedMeansMusicOffAndTheBranch() {
        var line = Line()
        #expect(line.signal(.resolved(.timedOut), after: 300) == ["SET MUSIC OFF\n"])
        line.reply("200 result=1")
        #expect(line.reply("200 result=0") == ["STREAM FILE hotline/en/goodbye \"\"\n"])
    }
}
