import CallEngine
import FastAGI
import Foundation
import Testing
import TestSupport

/// News from the queue cuts a hold wait short with a `NOOP` nudge, and the session stays right
/// whether Asterisk reads the nudge at once (`18c-*`) or finds it only with the next byte (`18b-*`).
@Suite struct AGIHoldNudgeTests {
    typealias Line = AGIQueueSessionTests.Line
    static let nudge = "NOOP\n"
    static let dialAna = AGIQueueSessionTests.dialAna

    @Test func newsCutsTheWaitShortAndGoesOutOnceTheNudgeIsAnswered() {
        var line = Line()
        #expect(line.signal(.offer(AGIQueueSessionTests.ana), after: 4) == [Self.nudge])
        #expect(line.reply("200 result=1", after: 0.001) == [])            // the wait, cut short
        #expect(line.outputs.last == .awaitLine(seconds: 0.2))
        #expect(line.reply("200 result=0", after: 0.045) == [Self.dialAna]) // the nudge's own reply
    }

    @Test func aWaitThatEndedBeforeTheNudgeCameStillOwesTheNudgesReply() {
        var line = Line()
        #expect(line.signal(.offer(AGIQueueSessionTests.ana), after: 9.999) == [Self.nudge])
        #expect(line.reply("200 result=0", after: 0.001) == [])
        #expect(line.reply("200 result=0", after: 0.001) == [Self.dialAna])
    }

    /// 18b: the nudge reached Asterisk with the wait and sits in its buffer; the wait runs on.
    /// The second nudge wakes it, and the buffered one is answered, then the new one.
    @Test func aNudgeCaughtInAsterisksBufferIsFollowedByAnother() {
        var line = Line()
        line.signal(.offer(AGIQueueSessionTests.ana), after: 0.0003)
        #expect(line.timer(after: 0.2) == [Self.nudge])
        #expect(line.reply("200 result=1", after: 0.001) == [])
        #expect(line.reply("200 result=0", after: 0.001) == [])
        #expect(line.reply("200 result=0", after: 0.04) == [Self.dialAna])
        #expect(line.sent.filter { $0 == Self.nudge }.count == 2)
    }

    /// A nudge that went out as the wait ended, and was caught in the buffer then.
    @Test func aNudgeCaughtAfterTheWaitIsFoundByTheNextNudge() {
        var line = Line()
        line.signal(.offer(AGIQueueSessionTests.ana), after: 9.9999)
        #expect(line.reply("200 result=0", after: 0.0001) == [])
        #expect(line.timer(after: 0.2) == [Self.nudge])
        #expect(line.reply("200 result=0", after: 0.001) == [])
        #expect(line.reply("200 result=0", after: 0.001) == [Self.dialAna])
    }

    @Test func aKeyPressedAsTheNudgeWentOutLeavesTheQueueAfterTheNudgesReply() {
        var line = Line()
        line.signal(.announce(position: 2, estimatedWaitSeconds: nil), after: 3)
        #expect(line.reply("200 result=50", after: 0.001) == [])           // key 2, not the nudge
        #expect(!line.outputs.contains(.leaveQueue))
        #expect(line.reply("200 result=0", after: 0.04) == ["SET MUSIC OFF\n"])
        #expect(line.outputs.contains(.leaveQueue))
        #expect(line.reply("200 result=0") == ["STREAM FILE hotline/en/record_instructions \"0\"\n"])
    }

    @Test func hangingUpWhileNudgedIsAnAbandonInTheQueue() {
        var line = Line()
        line.signal(.offer(AGIQueueSessionTests.ana), after: 3)
        #expect(line.reply("200 result=-1", after: 0.001) == [])
        #expect(line.outputs.last == .awaitLine(seconds: 0.5))
        #expect(line.reply("200 result=0", after: 0.001) == [])            // the nudge, on a dead channel
        #expect(line.outputs.last == .awaitLine(seconds: 0.5))             // still waiting for HANGUP
        #expect(line.reply("HANGUP", after: 0.04) == [])
        #expect(line.outcome?.ending == .abandonedInQueue)
        #expect(line.outputs.contains(.leaveQueue))
        #expect(line.outputs.last == .close)
    }

    @Test func aPBXThatAnswersNoNudgeIsGoneAfterTheCommandTimeout() {
        var line = Line()
        line.signal(.offer(AGIQueueSessionTests.ana), after: 3)
        for _ in 0..<3 { #expect(line.timer(after: 0.2) == [Self.nudge]) }
        #expect(line.timer(after: 0.2) == [])                               // four unanswered: only wait
        guard case .awaitLine(let seconds)? = line.outputs.last else {
            Issue.record("no timer after the fourth nudge: \(line.outputs.suffix(2))")
            return
        }
        #expect(abs(seconds - 9.2) < 0.001)
        line.timer(after: seconds)
        #expect(line.sent.filter { $0 == Self.nudge }.count == 4)
        #expect(line.outputs.contains(.note(.pbxTimedOut(verb: "NOOP"))))
        #expect(line.outcome?.ending == .error)
        #expect(line.outputs.last == .close)
    }

    @Test func newsDuringAnyOtherCommandWaitsForItsEnd() {
        var line = Line()
        line.signal(.announce(position: 2, estimatedWaitSeconds: nil))
        line.reply("200 result=1", after: 0.001)
        line.reply("200 result=0", after: 0.04)                             // SET MUSIC OFF out
        #expect(line.signal(.offer(AGIQueueSessionTests.ana)) == [])        // no nudge for SET MUSIC OFF
    }

    /// The real Asterisk's replies, in order, to a wait and the line that came after it.
    @Test(arguments: ["18c-command-pipelined-after-5ms", "18c-command-pipelined-after-0.3ms-answered",
                      "18c-command-pipelined-after-0.3ms-stalled", "18b-command-pipelined-in-one-segment-moh"])
    func theRecordedRepliesToACutShortWaitLetTheOfferGoOut(_ name: String) throws {
        let transcript = try AsteriskTranscript(name: name)
        let wait = try #require(transcript.lines.firstIndex { $0.side == .app && $0.text.hasPrefix("WAIT FOR DIGIT") })
        let later = transcript.lines[(wait + 1)...]
        // The PBX's replies to the wait and to every line sent after it, up to the HANGUP command:
        // two when the second line ended the wait, three when it stalled and a probe freed it.
        let end = later.firstIndex { $0.side == .app && $0.text == "HANGUP" } ?? later.endIndex
        let replies = transcript.lines[(wait + 1)..<end].filter { $0.side == .pbx }.map(\.text)
        var line = Line()
        line.signal(.offer(AGIQueueSessionTests.ana), after: 0.005)
        if replies.count > 2 { line.timer(after: 0.2) }                     // the reply did not come: nudge again
        #expect(line.sent.filter { $0 == Self.nudge }.count == replies.count - 1, "\(name)")
        for (index, reply) in replies.enumerated() {
            let sent = line.reply(reply, after: 0.001)
            #expect(sent == (index == replies.count - 1 ? [Self.dialAna] : []), "\(name): after reply \(index)")
        }
    }
}
