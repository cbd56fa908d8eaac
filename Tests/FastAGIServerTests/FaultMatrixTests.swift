import CallEngine
import FastAGI
import FastAGIServer
import Foundation
import NIOCore
import Testing
import TestSupport

/// For the default plan, every way a PBX can fail at every command of a call: the caller hangs
/// up after command k, the PBX stops answering after command k, the connection is reset after
/// command k, the PBX answers command k with bytes that are not text (issue 11), or with an
/// emergency key the prompt did not ask for. Each call ends with exactly one outcome, no session
/// is left behind, and the server still serves.
@Suite(.timeLimit(.minutes(3))) struct FaultMatrixTests {
    enum Fault: CaseIterable { case hangUp, silence, reset, garbage, emergencyKey }

    /// Plays the advocate caller (Spanish, option 1) and injects `fault` at command `k`.
    static func call(port: Int, fault: Fault, at k: Int) async throws -> [String] {
        let pbx = try await FakePBX.connect(port: port)
        return try await pbx.run { lines, writer in
            try await writer.send(FakePBX.environment)
            var caller = ScriptedCaller(keys: "21")
            var commands: [String] = []
            while let command = try await lines.next() {
                commands.append(command)
                guard commands.count == k else {
                    for line in caller.reply(to: command) { try await writer.send(line + "\n") }
                    continue
                }
                switch fault {
                case .hangUp:
                    try await writer.send(command.hasPrefix("STREAM FILE") ? "200 result=-1 endpos=100\nHANGUP\n" : "HANGUP\n")
                case .silence:
                    continue    // never answer again; the controller's command timeout ends the call
                case .garbage:
                    try await writer.send(bytes: [0x32, 0x30, 0x30, 0x20, 0xFF, 0x00, 0xC3, 0x28, 0x0A])
                case .emergencyKey:
                    // Key 0 as the reply to whatever runs: the call goes on, to its emergency path
                    // where a prompt or a wait is running, or reads it as a result elsewhere.
                    try await writer.send("200 result=48\n")
                    caller = ScriptedCaller(keys: "")
                case .reset:
                    // SO_LINGER 0: closing sends a reset, not a polite FIN.
                    if let provider = pbx.channel.channel as? any SocketOptionProvider {
                        try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                    }
                    return commands
                }
            }
            return commands
        }
    }

    @Test func everyFaultAtEveryCommand() async throws {
        var settings = AGISettings()
        settings.commandTimeoutSeconds = 0.3
        settings.promptTimeoutSeconds = 0.3
        let test = try await TestServer.start(settings: settings, now: openHours)
        let full = try await ScriptedCaller.call(port: test.port, keys: "21")
        var expected = 1
        for fault in Fault.allCases {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for k in 1...full.count {
                    group.addTask { _ = try await Self.call(port: test.port, fault: fault, at: k) }
                }
                try await group.waitForAll()
            }
            expected += full.count
            let outcomes = await test.outcomes.wait(for: expected)
            #expect(outcomes.count == expected, "\(fault)")
        }
        let outcomes = test.outcomes.all
        #expect(Set(outcomes.map(\.callID)).count == outcomes.count)
        let deadline = ContinuousClock.now + .seconds(5)
        while test.server.activeCalls > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(test.server.activeCalls == 0)
        #expect(try await ScriptedCaller.call(port: test.port, keys: "21").first == "ANSWER")
        await test.stop()
    }
}
