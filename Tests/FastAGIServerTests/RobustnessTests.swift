import CallEngine
import FastAGI
import FastAGIServer
import Foundation
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(2))) struct RobustnessTests {
    /// Sends raw bytes, then reads until the server closes; returns what it sent.
    func exchange(_ port: Int, _ bytes: [UInt8], thenReply: Bool = false) async throws -> [String] {
        let pbx = try await FakePBX.connect(port: port)
        return try await pbx.run { lines, writer in
            try await writer.send(bytes: bytes)
            var received: [String] = []
            while let line = try await lines.next() {
                received.append(line)
                if thenReply { try await writer.send("200 result=0\n") }
            }
            return received
        }
    }

    func serverStillServes(_ test: TestServer) async throws {
        let commands = try await ScriptedCaller.call(port: test.port, keys: "")
        #expect(commands.first == "ANSWER")
    }

    @Test func oversizedLineClosesTheConnectionNotTheServer() async throws {
        var limits = ServerLimits()
        limits.maximumLineLength = 1024
        let test = try await TestServer.start(limits: limits)
        let received = try await exchange(test.port, Array("agi_network: yes\nagi_request: ".utf8) + Array(repeating: UInt8(ascii: "x"), count: 5000))
        #expect(received.isEmpty)
        #expect(test.log.lines.withLockedValue { $0 }.contains { $0.contains("longer than 1024 bytes") })
        try await serverStillServes(test)
        await test.stop()
    }

    @Test func nulBytesAndInvalidUTF8AreRefused() async throws {
        let test = try await TestServer.start()
        #expect(try await exchange(test.port, Array("agi_network: yes\nagi_x: a\0b\n\n".utf8)).isEmpty)
        #expect(try await exchange(test.port, Array("agi_network: yes\nagi_x: ".utf8) + [0xC3, 0x28, 0x0A, 0x0A]).isEmpty)
        #expect(test.log.lines.withLockedValue { $0 }.filter { $0.contains("NUL byte or invalid UTF-8") }.count == 2)
        #expect(test.outcomes.all.isEmpty)
        try await serverStillServes(test)
        await test.stop()
    }

    @Test func invalidUTF8MidCallEndsItAsAnError() async throws {
        let test = try await TestServer.start()
        let received = try await exchange(test.port, Array(FakePBX.environment.utf8) + Array("200 result=".utf8) + [0xFF, 0x0A])
        #expect(received == ["ANSWER"])
        let outcomes = await test.outcomes.wait(for: 1)
        #expect(outcomes.map(\.ending) == [.error])
        await test.stop()
    }

    @Test func environmentBlockThatNeverEndsIsCut() async throws {
        let test = try await TestServer.start()
        let endless = String(repeating: "agi_network: yes\n", count: 500)
        #expect(try await exchange(test.port, Array(endless.utf8)).isEmpty)
        #expect(test.log.lines.withLockedValue { $0 }.contains { $0.contains("longer than 128 lines") })
        await test.stop()
    }

    @Test func silentClientsAreClosedAfterTheEnvironmentTimeout() async throws {
        var limits = ServerLimits()
        limits.environmentTimeoutSeconds = 0.3
        let test = try await TestServer.start(limits: limits)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<20 { group.addTask { try await exchange(test.port, []) } }
            for try await received in group { #expect(received.isEmpty) }
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(test.server.activeCalls == 0)
        await test.stop()
    }

    @Test func silentPBXEndsTheCallAfterTheCommandTimeout() async throws {
        var settings = AGISettings()
        settings.commandTimeoutSeconds = 0.3
        let test = try await TestServer.start(settings: settings)
        let received = try await exchange(test.port, Array(FakePBX.environment.utf8))
        #expect(received == ["ANSWER"])
        let outcomes = await test.outcomes.wait(for: 1)
        #expect(outcomes.map(\.ending) == [.error])
        #expect(test.log.lines.withLockedValue { $0 }.contains { $0.contains("did not answer ANSWER in time") })
        await test.stop()
    }

    /// The caller hangs up after command 1, 2, … of an advocate call: one outcome each time,
    /// no session left behind.
    @Test func hangUpAfterEveryCommand() async throws {
        let test = try await TestServer.start(now: openHours)
        let full = try await ScriptedCaller.call(port: test.port, keys: "21")
        for cut in 1..<full.count {
            _ = try await ScriptedCaller.call(port: test.port, keys: "21", hangUpAfterCommands: cut)
        }
        let outcomes = await test.outcomes.wait(for: full.count)
        #expect(outcomes.count == full.count)
        #expect(Set(outcomes.map(\.callID)).count == full.count)
        try await Task.sleep(for: .milliseconds(100))
        #expect(test.server.activeCalls == 0)
        await test.stop()
    }

    @Test func peerClosingMidCallLogsOneAbandon() async throws {
        let test = try await TestServer.start()
        let pbx = try await FakePBX.connect(port: test.port)
        try await pbx.run { lines, writer in
            try await writer.send(FakePBX.environment)
            _ = try await lines.next()
            try await writer.send("200 result=0\n")
            _ = try await lines.next()
        }
        let outcomes = await test.outcomes.wait(for: 1)
        #expect(outcomes.map(\.ending) == [.abandonedInIVR])
        await test.stop()
    }
}
