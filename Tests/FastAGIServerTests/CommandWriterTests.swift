@testable import FastAGIServer
import NIOCore
import NIOEmbedded
import Testing
import TestSupport

/// The connections of one event loop write their commands from its one `CommandWriter` buffer.
/// An `EmbeddedChannel` keeps what is written until it is read, as NIO keeps a write the socket
/// has not taken yet: the next connection's command must not change it.
@Suite struct CommandWriterTests {
    func outbound(_ channel: EmbeddedChannel) throws -> [String] {
        var lines: [String] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { lines.append(String(buffer: buffer)) }
        return lines
    }

    /// The same replies on a connection alone and on connections sharing the loop's buffer, each
    /// write still held while the others write.
    @Test func aCommandStillHeldIsNotChangedByAnotherConnectionsCommand() throws {
        // The environment, ANSWER's reply, the welcome played; the queue has no advocates, so
        // the goodbye and its reply; then the hang-up.
        let replies = [FakePBX.environment, "200 result=0\n", "200 result=0 endpos=8000\n", "200 result=0 endpos=8000\n"]
        let alone = CallTimersTests.Loop()
        let lone = try alone.connect()
        for reply in replies {
            try lone.writeInbound(ByteBuffer(string: reply))
            alone.loop.run()
        }
        let expected = try outbound(lone)
        #expect(expected.count == 4, "\(expected)")
        #expect(expected.last == "HANGUP\n")

        let loop = CallTimersTests.Loop()
        let channels = try (0..<3).map { _ in try loop.connect() }
        for reply in replies {
            for channel in channels { try channel.writeInbound(ByteBuffer(string: reply)) }
            loop.loop.run()
        }
        for channel in channels { #expect(try outbound(channel) == expected) }
    }
}
