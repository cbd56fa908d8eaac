import EventSocket
import EventSocketServer
import NIOCore
import NIOEmbedded
import TestSupport
import Testing

/// Issue 16: the NIO decoder frames a real FreeSWITCH's bytes, read by read as they arrived, into
/// the same messages as the pure parser, and a peer past the limits is refused.
struct ESLFrameDecoderTests {
    @Test func aRecordedCallArrivesAsWholeMessages() throws {
        for transcript in FreeSWITCHTranscript.all().prefix(23) {
            let channel = EmbeddedChannel(handler: ByteToMessageHandler(ESLFrameDecoder()))
            var received: [ESLMessage] = []
            for chunk in transcript.chunks {
                try channel.writeInbound(channel.allocator.buffer(bytes: chunk))
                while let message: ESLMessage = try channel.readInbound() { received.append(message) }
            }
            var parser = ESLFrameParser()
            #expect(received == (try parser.consume(transcript.chunks.joined())), "\(transcript.name)")
            #expect(received.compactMap(ESLEvent.init).map(\.name) == transcript.summarisedEvents, "\(transcript.name)")
            _ = try channel.finish()
        }
    }

    @Test func aBodyPastTheLimitIsAnError() throws {
        var limits = ESLLimits()
        limits.maximumBodyBytes = 1000
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(ESLFrameDecoder(limits: limits)))
        #expect(throws: ESLFrameParser.Failure.bodyTooLong(1000)) {
            try channel.writeInbound(channel.allocator.buffer(string: "Content-Type: api/response\nContent-Length: 1001\n\n"))
        }
        _ = try? channel.finish()
    }
}
