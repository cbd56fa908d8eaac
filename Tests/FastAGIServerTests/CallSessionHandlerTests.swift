import CallEngine
import CallRuntime
import Dialplan
import FastAGI
@testable import FastAGIServer
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import Testing
import TestSupport

/// The channel handler on an `EmbeddedChannel`: no sockets, no sleeps. The queue port is a
/// recorder the test answers for; time moves only when the test moves it.
@Suite struct CallSessionHandlerTests {
    /// The queue as the handler sees it: records what the channel tells it and lets the test
    /// send the caller's channel what the real queue would.
    final class RecordingQueue: AdvocateQueue {
        enum Told: Hashable { case wait(QueueRequest), offerFinished(DialResult), leave }
        private let state = NIOLockedValueBox<(told: [Told], signal: (@Sendable (QueueSignal) -> Void)?)>(([], nil))

        var told: [Told] { state.withLockedValue { $0.told } }

        func wait(_ request: QueueRequest, call: CallID, signal: @escaping @Sendable (QueueSignal) -> Void) {
            state.withLockedValue { $0.told.append(.wait(request)); $0.signal = signal }
        }

        func offerFinished(call: CallID, result: DialResult) { state.withLockedValue { $0.told.append(.offerFinished(result)) } }

        func leave(call: CallID) { state.withLockedValue { $0.told.append(.leave) } }

        func send(_ signal: QueueSignal) { state.withLockedValue { $0.signal }?(signal) }
    }

    static let plan: Plan = {
        let yaml = """
        languages: [en]
        time_zone: UTC
        entries: [{default: true, start: welcome}]
        global_keys: {"0": emergency}
        queues: {advocates: {languages: [en]}}
        states:
          welcome: {play: welcome, next: advocate}
          advocate:
            queue: advocates
            keys: {"2": {next: message, meaning: waiting=message}}
            announce: {position: queue_position, wait: queue_wait, minutes: queue_minutes}
            on_timeout: bye
            on_no_advocates: bye
          message: {record: record_instructions, next: bye, on_fail: bye}
          emergency: {transfer: "PJSIP/emergency", on_fail: bye}
          bye: {hangup: , prompt: goodbye}
        """
        return Dialplan.compile(yaml, file: "handler.yaml", prompts: nil).plan!
    }()

    struct Line {
        let channel = EmbeddedChannel()
        let queue = RecordingQueue()
        let outcomes = CollectedOutcomes()
        let log = CapturedLog()
        /// The controller's wall clock, moved by the test.
        let clock = NIOLockedValueBox(Date(timeIntervalSince1970: 1_800_000_000))

        init() throws {
            let clock = clock
            let configuration = ServerConfiguration(plans: PlanStore(CallSessionHandlerTests.plan), outcomes: outcomes, queue: queue, logger: log.logger,
                                                    now: { clock.withLockedValue { $0 } })
            try channel.pipeline.syncOperations.addHandler(CallSessionHandler(configuration: configuration))
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4573)).wait()
            try channel.writeInbound(ByteBuffer(string: FakePBX.environment))
        }

        /// Everything the controller wrote since the last look, line by line.
        func sent() throws -> [String] {
            var lines: [String] = []
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) { lines.append(String(buffer: buffer)) }
            return lines
        }

        /// The PBX's lines, drip-fed a few bytes at a time; returns what the controller wrote.
        @discardableResult
        func pbx(_ lines: String...) throws -> [String] {
            for line in lines {
                var bytes = ByteBuffer(string: line + "\n")
                while bytes.readableBytes > 0 {
                    try channel.writeInbound(bytes.readSlice(length: min(5, bytes.readableBytes))!)
                }
            }
            return try sent()
        }

        /// A signal from the queue, delivered on the channel's loop as the real queue's is.
        @discardableResult
        func queue(_ signal: QueueSignal) throws -> [String] {
            queue.send(signal)
            channel.embeddedEventLoop.run()
            return try sent()
        }

        /// Answered, welcomed, on hold: the first short wait is in flight.
        static func holding() throws -> Line {
            let line = try Line()
            let steps = [try line.sent(), try line.pbx("200 result=0"), try line.pbx("200 result=0 endpos=8000"), try line.queue(.waiting), try line.pbx("200 result=0")]
            #expect(steps == [["ANSWER\n"], ["STREAM FILE hotline/en/welcome \"0123456789*#\"\n"], [], ["SET MUSIC ON default\n"], ["WAIT FOR DIGIT 10000\n"]])
            return line
        }
    }

    static let offer = QueueOffer(endpoint: "PJSIP/desk-ana", ringSeconds: 20, language: "en", interpreter: false)

    @Test func anAnsweredOfferTellsTheQueueTheConversationsLength() throws {
        let line = try Line.holding()
        #expect(try line.queue(.offer(Self.offer)) == ["NOOP\n"])             // the nudge cuts the wait short
        let dial = try line.pbx("200 result=1", "200 result=0")
        #expect(dial.count == 1 && dial[0].hasPrefix("EXEC Dial \"PJSIP/desk-ana,20,gm(default)U(hotline-whisper^en^0^"))
        line.clock.withLockedValue { $0 += 9 }                                   // 6 s ringing and whispering, 3 s talking
        #expect(try line.pbx("200 result=0") == ["GET VARIABLE DIALSTATUS\n"])
        #expect(try line.pbx("200 result=1 (ANSWER)").first?.hasPrefix("GET FULL VARIABLE ${GLOBAL(HOTLINE_ANSWERED_") == true)
        #expect(try line.pbx("200 result=1 (1796149692.100,1796149695.107,1796149698.147)") == ["HANGUP\n"])
        try line.pbx("200 result=1", "HANGUP")
        guard case .offerFinished(.answered(let talk?))? = line.queue.told.last else { Issue.record("\(line.queue.told)"); return }
        #expect(abs(talk - 3.04) < 0.001)
        #expect(line.outcomes.all.map(\.ending) == [.advocate])
        #expect(!line.channel.isActive)
    }

    @Test(arguments: [("BUSY", DialResult.busy), ("NOANSWER", .noAnswer), ("CHANUNAVAIL", .unreachable)])
    func anOfferNotTakenIsReportedAndTheCallerHoldsAgain(_ status: String, _ result: DialResult) throws {
        let line = try Line.holding()
        try line.queue(.offer(Self.offer))
        try line.pbx("200 result=1", "200 result=0", "200 result=0")
        #expect(try line.pbx("200 result=1 (\(status))") == ["SET MUSIC ON default\n"])
        #expect(line.queue.told.last == .offerFinished(result))
        #expect(try line.pbx("200 result=0") == ["WAIT FOR DIGIT 10000\n"])
    }

    @Test func zeroDuringAnAnnouncementLeavesTheQueueForTheEmergencyPath() throws {
        let line = try Line.holding()
        try line.queue(.announce(position: 4, estimatedWaitSeconds: nil))
        #expect(try line.pbx("200 result=1", "200 result=0") == ["SET MUSIC OFF\n"])
        #expect(try line.pbx("200 result=0") == ["STREAM FILE hotline/en/queue_position \"20\"\n"])
        #expect(try line.pbx("200 result=48 endpos=3100") == ["EXEC Dial \"PJSIP/emergency,30,gb(hotline-transfer^s^1)\"\n"])
        #expect(line.queue.told.last == .leave)
    }

    @Test func twoDuringTheNumberLeavesTheQueueForTheMessage() throws {
        let line = try Line.holding()
        try line.queue(.announce(position: 4, estimatedWaitSeconds: nil))
        try line.pbx("200 result=1", "200 result=0", "200 result=0", "200 result=0 endpos=16000")
        #expect(try line.pbx("200 result=1") == ["SAY NUMBER 4 \"20\"\n"])
        #expect(try line.pbx("200 result=50") == ["STREAM FILE hotline/en/record_instructions \"0\"\n"])
        #expect(line.queue.told.last == .leave)
    }

    /// A nudge Asterisk did not read (caught in its buffer with the wait, `18b-*`): the handler's
    /// timer sends another after 0.2 s, and the offer goes out once all three replies are in.
    @Test func aNudgeWithoutAReplyIsRepeatedByTheTimer() throws {
        let line = try Line.holding()
        #expect(try line.queue(.offer(Self.offer)) == ["NOOP\n"])
        line.channel.embeddedEventLoop.advanceTime(by: .milliseconds(199))
        #expect(try line.sent() == [])
        line.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(try line.sent() == ["NOOP\n"])
        #expect(try line.pbx("200 result=1", "200 result=0") == [])
        let dial = try line.pbx("200 result=0")
        #expect(dial.count == 1 && dial[0].hasPrefix("EXEC Dial \"PJSIP/desk-ana,20,"))
    }

    @Test func hangingUpOnHoldTellsTheQueueAndCloses() throws {
        let line = try Line.holding()
        #expect(try line.pbx("200 result=-1", "HANGUP") == [])
        #expect(line.queue.told.last == .leave)
        #expect(line.outcomes.all.map(\.ending) == [.abandonedInQueue])
        #expect(!line.channel.isActive)
    }

    @Test func hangingUpWhileTheAdvocateRingsIsAnAbandonThatFreesTheAdvocate() throws {
        let line = try Line.holding()
        try line.queue(.offer(Self.offer))
        try line.pbx("200 result=1", "200 result=0")
        #expect(try line.pbx("200 result=-1", "HANGUP") == ["GET VARIABLE DIALSTATUS\n"])
        #expect(try line.pbx("200 result=1 (CANCEL)") == [])
        #expect(line.queue.told.last == .leave)
        #expect(line.outcomes.all.map(\.ending) == [.abandonedInQueue])
    }

    @Test func aPromptThatCannotBePlayedIsSkippedWhenNoHangUpFollows() throws {
        let line = try Line()
        _ = try line.sent()
        try line.pbx("200 result=0")
        #expect(try line.pbx("200 result=-1 endpos=0") == [])
        line.channel.embeddedEventLoop.advanceTime(by: .milliseconds(499))
        #expect(try line.sent() == [])
        line.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(try line.sent() == [])
        #expect(line.queue.told.count == 1)                                      // the queue was asked
        #expect(line.log.lines.withLockedValue { $0 }.contains { $0.contains("could not be played") })
    }

    @Test func aHangUpDuringAPromptIsNoWarningAndEndsInThatState() throws {
        let line = try Line()
        _ = try line.sent()
        try line.pbx("200 result=0")
        #expect(try line.pbx("200 result=-1 endpos=4000") == [])
        line.channel.embeddedEventLoop.advanceTime(by: .milliseconds(40))
        #expect(try line.pbx("HANGUP") == [])
        line.channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(try line.sent() == [])
        #expect(line.outcomes.all.map(\.endedIn) == ["welcome"])
        #expect(!line.log.lines.withLockedValue { $0 }.contains { $0.contains("could not be played") })
    }
}
