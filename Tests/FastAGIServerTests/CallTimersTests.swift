import CallRuntime
@testable import FastAGIServer
import Foundation
import NIOCore
import NIOEmbedded
import Testing
import TestSupport

/// The connections of one event loop share its `CallTimers`: one heap, one NIO task. Each still
/// times out at its own deadline, in order, and a connection whose deadline moved or went is
/// not touched.
@Suite struct CallTimersTests {
    struct Loop {
        let loop = EmbeddedEventLoop()
        let log = CapturedLog()
        let shared: SharedConfiguration

        init() {
            var limits = ServerLimits()
            limits.environmentTimeoutSeconds = 5
            shared = SharedConfiguration(ServerConfiguration(plans: PlanStore(CallSessionHandlerTests.plan), limits: limits, logger: log.logger,
                                                             now: { Date(timeIntervalSince1970: 1_800_000_000) }))
        }

        func connect() throws -> EmbeddedChannel {
            let channel = EmbeddedChannel(loop: loop)
            try channel.pipeline.syncOperations.addHandler(CallSessionHandler(shared: shared))
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4573)).wait()
            return channel
        }

        func advance(seconds: Int64) {
            loop.advanceTime(by: .seconds(seconds))
        }
    }

    @Test func connectionsOnOneLoopTimeOutEachAtItsOwnDeadline() throws {
        let loop = Loop()
        let first = try loop.connect()          // due at 5 s
        loop.advance(seconds: 1)
        let second = try loop.connect()         // due at 6 s
        loop.advance(seconds: 1)
        let third = try loop.connect()          // due at 7 s
        // The first finishes its environment block: its deadline becomes the answer's, 10 s on.
        try first.writeInbound(ByteBuffer(string: FakePBX.environment))
        #expect(try first.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) } == "ANSWER\n")
        loop.advance(seconds: 4)                // 6 s
        #expect(first.isActive && !second.isActive && third.isActive)
        loop.advance(seconds: 1)                // 7 s
        #expect(first.isActive && !third.isActive)
        loop.advance(seconds: 4)                // 11 s: the answer was sent at 2 s, due at 12 s
        #expect(first.isActive)
        loop.advance(seconds: 1)                // 12 s: the PBX never answered
        #expect(!first.isActive)
        let notes = loop.log.lines.withLockedValue { $0 }
        #expect(notes.filter { $0.contains("no complete environment block within 5.0 s") }.count == 2)
    }

    @Test func aClosedConnectionLeavesNoTimerBehind() throws {
        let loop = Loop()
        let channels = try (0..<50).map { _ in try loop.connect() }
        for channel in channels.prefix(25) { _ = try channel.close().wait() }
        loop.advance(seconds: 5)
        #expect(channels.allSatisfy { !$0.isActive })
        let notes = loop.log.lines.withLockedValue { $0 }
        #expect(notes.filter { $0.contains("no complete environment block") }.count == 25)
    }
}
