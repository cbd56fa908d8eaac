import CallEngine
import FastAGI
import Foundation
import Testing
import TestSupport

/// Replays the PBX side of every recorded Asterisk conversation against the real server over
/// loopback: the environment block byte for byte, then, for each command the server sends, the
/// next block of lines Asterisk sent in the recording (replies, 510/511/520 blocks, out-of-band
/// HANGUPs). The server's commands differ from the recording's scripted ones; what must hold is
/// that every reply form is understood: one outcome per call, the server closes the connection,
/// nothing after the caller's HANGUP but what a dead channel allows.
@Suite(.timeLimit(.minutes(2))) struct TranscriptReplayTests {
    struct Replay {
        var environment: [UInt8]
        /// Lines Asterisk sent before the first command (an early HANGUP).
        var early: [[UInt8]]
        /// The lines Asterisk sent after each command of the recording, in order.
        var blocks: [[[UInt8]]]
    }

    static func replay(_ transcript: AsteriskTranscript) -> Replay? {
        let environment = transcript.environment
        guard !environment.isEmpty else { return nil }
        var early: [[UInt8]] = []
        var blocks: [[[UInt8]]] = []
        for line in transcript.lines[(environment.count + 1)...] {
            if line.side == .app {
                blocks.append([])
            } else if blocks.isEmpty {
                early.append(line.bytes)
            } else {
                blocks[blocks.count - 1].append(line.bytes)
            }
        }
        return Replay(environment: environment.flatMap(\.bytes) + [10], early: early, blocks: blocks)
    }

    static let names = (try? AsteriskTranscript.all().filter { replay($0) != nil }.map(\.name)) ?? []

    /// Timeouts shorter than the defaults, so a reply the recording never gave ends the call
    /// within the test's limit, yet long enough for a loaded machine running the suite in parallel.
    static func server() async throws -> TestServer {
        var settings = AGISettings()
        settings.commandTimeoutSeconds = 20
        settings.promptTimeoutSeconds = 20
        return try await TestServer.start(settings: settings, now: openHours)
    }

    /// Runs one replay; returns the commands the server sent, how many it sent after the
    /// replay delivered a HANGUP line, and the outcomes.
    static func run(_ replay: Replay) async throws -> (commands: [String], afterHangUp: Int, outcomes: [CallOutcome], active: Int, log: [String]) {
        let test = try await server()
        let pbx = try await FakePBX.connect(port: test.port)
        let hangUpLine = Array("HANGUP\n".utf8)
        let (commands, afterHangUp) = try await pbx.run { lines, writer in
            try await writer.send(bytes: replay.environment)
            var hungUp = false
            for line in replay.early {
                if line == hangUpLine { hungUp = true }
                try await writer.send(bytes: line)
            }
            var commands: [String] = []
            var afterHangUp = 0
            var blocks = replay.blocks[...]
            while let command = try await lines.next() {
                commands.append(command)
                if hungUp { afterHangUp += 1 }
                var block = blocks.popFirst() ?? []
                if block.isEmpty { block = [hangUpLine] }
                for line in block {
                    if line == hangUpLine { hungUp = true }
                    try await writer.send(bytes: line)
                }
            }
            return (commands, afterHangUp)
        }
        let outcomes = await test.outcomes.wait(for: 1)
        try await Task.sleep(for: .milliseconds(50))
        await test.stop()
        return (commands, afterHangUp, outcomes, test.server.activeCalls, test.log.lines.withLockedValue { $0 })
    }

    @Test(arguments: names)
    func replayedPBXSideEndsInOneOutcome(name: String) async throws {
        let result = try await Self.run(try #require(Self.replay(try AsteriskTranscript(name: name))))
        #expect(result.outcomes.count == 1, "\(name): \(result.commands); the server logged: \(result.log.suffix(8))")
        #expect(result.commands.first == "ANSWER")
        // At most the one command already on its way when the HANGUP line arrived.
        #expect(result.afterHangUp <= 1, "\(name): \(result.commands)")
        #expect(result.active == 0)
    }

    /// Where the recording shows the caller hanging up, the call is logged as an abandon.
    @Test(arguments: ["10-hangup-during-stream-file", "11-hangup-during-get-data", "11b-hangup-during-wait-for-digit", "12-hangup-while-idle", "13b-hangup-no-sighup", "15-controller-silent"])
    func callerHangUpsAreAbandons(name: String) async throws {
        let result = try await Self.run(try #require(Self.replay(try AsteriskTranscript(name: name))))
        #expect(result.outcomes.map(\.ending) == [.abandonedInIVR], "\(name): \(result.commands)")
    }
}
