import EventSocket
import Foundation
import TestSupport
import Testing

/// Issue 16: the Event Socket framing against every transcript of a real FreeSWITCH 1.10.12, both
/// recordings: each message framed whole whatever the reads, the events the recorder saw in the
/// order it saw them, nothing left over, and no caller identifier past the event allow-list.
struct ESLFramingTests {
    static let transcripts = FreeSWITCHTranscript.all()

    @Test func thereAreTranscriptsToReplay() {
        #expect(Self.transcripts.count == 46, "\(Self.transcripts.count) transcripts in \(FreeSWITCHTranscript.folder.path) (23 calls, each recorded twice)")
    }

    static func events(of messages: [ESLMessage]) -> [ESLEvent] { messages.compactMap(ESLEvent.init) }

    @Test func everyTranscriptFramesIntoTheEventsTheRecorderSaw() throws {
        for transcript in Self.transcripts {
            var parser = ESLFrameParser()
            var messages: [ESLMessage] = []
            for chunk in transcript.chunks { messages += try parser.consume(chunk) }
            #expect(parser.pendingBytes == 0, "\(transcript.name): \(parser.pendingBytes) bytes left unframed")
            #expect(Self.events(of: messages).map(\.name) == transcript.summarisedEvents, "\(transcript.name)")
            // All at once and a byte at a time: the same messages.
            var whole = ESLFrameParser(), single = ESLFrameParser()
            #expect(try whole.consume(transcript.chunks.joined()) == messages, "\(transcript.name): all at once")
            var bytewise: [ESLMessage] = []
            for byte in transcript.chunks.joined() { bytewise += try single.consume([byte]) }
            #expect(bytewise == messages, "\(transcript.name): byte by byte")
        }
    }

    @Test func theMessageKindsAreTheOnesTheREADMEDescribes() throws {
        var kinds: [String: Int] = [:]
        for transcript in Self.transcripts {
            var parser = ESLFrameParser()
            for message in try parser.consume(transcript.chunks.joined()) { kinds[message.contentType ?? "none", default: 0] += 1 }
        }
        guard !Self.transcripts.isEmpty else { return }
        #expect(Set(kinds.keys) == ["command/reply", "api/response", "text/event-plain", "text/event-json", "text/disconnect-notice"], "\(kinds)")
    }

    @Test func noCallerIdentifierGetsPastTheAllowList() throws {
        for transcript in Self.transcripts {
            var parser = ESLFrameParser()
            let messages = try parser.consume(transcript.chunks.joined())
            let raw = String(decoding: transcript.chunks.joined(), as: UTF8.self)
            if !transcript.name.contains("01b"), transcript.summarisedEvents.contains("CHANNEL_DATA") {
                #expect(raw.contains("5550199723") && raw.contains("CANARY"), "\(transcript.name): the canary is on the wire")
            }
            for event in Self.events(of: messages) {
                for (name, value) in event.fields {
                    #expect(!value.contains("5550199723") && !value.contains("CANARY") && !value.contains("NAMEQX"), "\(transcript.name): \(name)")
                    #expect(!name.contains("Caller-ID") && !name.hasSuffix("ANI") && name != "variable_digits_dialed")
                }
            }
        }
    }

    @Test func theConnectReplyIsTheChannelDataDecoded() throws {
        guard let transcript = Self.transcripts.first(where: { $0.name == "01-connect-channel-data.txt" }) else { return }
        var parser = ESLFrameParser()
        let first = try #require(try parser.consume(transcript.chunks.joined()).first)
        #expect(first.kind == .commandReply && first["Reply-Text"] == "%2BOK%0A")
        let data = try #require(ESLEvent(first))
        #expect(data.name == "CHANNEL_DATA" && data["Channel-Destination-Number"] == "8885550100" && data["Answer-State"] == "ringing")
    }

    @Test func aPeerPastTheLimitsIsRefused() {
        var limits = ESLLimits()
        limits.maximumHeaders = 4
        limits.maximumLineBytes = 64
        limits.maximumBodyBytes = 100
        var many = ESLFrameParser(limits: limits)
        #expect(throws: ESLFrameParser.Failure.tooManyHeaders(4)) { try many.consume(Array("a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n".utf8)) }
        var long = ESLFrameParser(limits: limits)
        #expect(throws: ESLFrameParser.Failure.lineTooLong(64)) { try long.consume([UInt8](repeating: 65, count: 65)) }
        var body = ESLFrameParser(limits: limits)
        #expect(throws: ESLFrameParser.Failure.bodyTooLong(100)) { try body.consume(Array("Content-Length: 101\n\n".utf8)) }
        var nonsense = ESLFrameParser(limits: limits)
        #expect(throws: ESLFrameParser.Failure.badContentLength) { try nonsense.consume(Array("Content-Length: -3\n\n".utf8)) }
        #expect(throws: Never.self) { try nonsense.consume(Array("Content-Type: command/reply\n\n".utf8)) }
        #expect((try? nonsense.consume(Array("Content-Type: command/reply\n\n".utf8))) == [], "after a violation nothing more is read")
    }
}
