import CallEngine
import Dialplan
import EventSocket
import Foundation
import TestSupport
import Testing

/// Issue 16: every recorded call, both recordings, fed to the session message by message as the
/// real FreeSWITCH sent it, whatever the session itself sent (the recorder's commands were not
/// ours, so most replies answer something else and most completions carry another UUID): the
/// session must never trip, must end every call the recording hangs up exactly once, close on
/// the disconnect notice, and put out nothing of the caller. 07b's second recording delivers
/// pre-connect events after `myevents` and CHANNEL_HANGUP after CHANNEL_HANGUP_COMPLETE; 08 answers
/// with errors; 09* close without a word.
struct ESLTranscriptReplayTests {
    static let plan = ESLSessionTests.plan

    @Test func everyRecordingEndsTheCallOnceAndLeaksNothing() throws {
        let transcripts = FreeSWITCHTranscript.all()
        #expect(transcripts.count == 46)
        for transcript in transcripts {
            var parser = ESLFrameParser()
            let messages = try parser.consume(transcript.chunks.joined())
            var session = ESLSession(call: Call(id: CallID(7), plan: Self.plan), settings: ESLSettings(), uuidPrefix: "r")
            var now = Date(timeIntervalSince1970: 1_800_000_000)
            var outputs = session.start(at: now)
            for message in messages {
                now += 0.02
                outputs += session.receive(message, at: now)
            }
            if !session.closed { outputs += session.connectionLost(at: now + 1) }
            #expect(session.closed, "\(transcript.name)")
            let outcomes = outputs.compactMap { if case .outcome(let o) = $0 { o } else { nil } }
            let hungUp = messages.contains { ESLEvent($0)?.name == "CHANNEL_HANGUP" || ESLEvent($0)?.name == "CHANNEL_HANGUP_COMPLETE" }
            // The connect reply and two more replies (whatever they answered for the recorder)
            // take the session through its subscription: from there the call is counted once.
            let started = messages.filter { $0.kind == .commandReply }.count >= 3
            #expect(outcomes.count == (started ? 1 : 0), "\(transcript.name): \(outcomes.count) outcomes (hang-up recorded: \(hungUp)) \(outcomes.map(\.ending))")
            if hungUp, started, let outcome = outcomes.first {
                #expect([.abandonedInIVR, .error, .goodbye].contains(outcome.ending), "\(transcript.name): \(outcome.ending)")
            }
            let text = outputs.filter { if case .send = $0 { false } else { true } }.map { "\($0)" }.joined(separator: "\n")
            for needle in ["5550199723", "CANARY", "NAMEQX", "42#7", "42%237", "Caller-ID"] {
                #expect(!text.contains(needle), "\(transcript.name): \(needle)")
            }
        }
    }
}
