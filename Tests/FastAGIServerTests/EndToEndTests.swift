import CallEngine
import Dialplan
import Foundation
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(2))) struct EndToEndTests {
    @Test func aCallThroughTheDefaultPlanOverLoopback() async throws {
        let test = try await TestServer.start(now: openHours)
        let commands = try await ScriptedCaller.call(port: test.port, keys: "21")
        await test.stop()
        #expect(commands.first == "ANSWER")
        #expect(commands.contains("STREAM FILE hotline/es/confidentiality \"0\""))
        // Nobody is logged in: the queue sends the caller on at once, with no hold music first.
        #expect(!commands.contains("SET MUSIC ON default"))
        #expect(commands.last == "HANGUP")
        let outcomes = test.outcomes.all
        #expect(outcomes.count == 1)
        // Issue 12, item 4: nobody logged in while open is a staffing gap, not after-hours demand.
        #expect(outcomes.first?.ending == .noAdvocates)
        #expect(outcomes.first?.path.contains("no_advocates") == true)
        #expect(outcomes.first?.dialedNumber == "8883737888")
        #expect(outcomes.first?.campaign == "main")
    }

    /// 500 calls at once, four kinds of caller; every call ends with the outcome its script means.
    @Test func fiveHundredConcurrentCalls() async throws {
        // 500 calls at once, never beside the other crowded test (`SerialLaunch`).
        try await SerialLaunch.manyDescriptors {
            let test = try await TestServer.start(now: openHours)
            let scripts: [(keys: String, hangUp: Int?, ending: CallEnding)] = [
                ("131", nil, .transferred),     // English, services, domestic violence line answers
                ("141", nil, .message),         // English, leave a message, consent, recorded
                ("21", nil, .noAdvocates),      // Spanish, advocate, nobody logged in: a staffing gap, not after hours
                ("1", 6, .abandonedInIVR),      // hangs up during the notice
            ]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<500 {
                    let script = scripts[n % scripts.count]
                    group.addTask { _ = try await ScriptedCaller.call(port: test.port, keys: script.keys, hangUpAfterCommands: script.hangUp) }
                }
                try await group.waitForAll()
            }
            let outcomes = await test.outcomes.wait(for: 500)
            await test.stop()
            #expect(outcomes.count == 500)
            for script in scripts {
                #expect(outcomes.filter { $0.ending == script.ending }.count == 125, "\(script.ending): \(Dictionary(grouping: outcomes, by: \.ending).mapValues(\.count))")
            }
            #expect(Set(outcomes.map(\.callID)).count == 500)
            #expect(test.server.activeCalls == 0)
        }
    }

    /// DESIGN.md rule 5, for the FastAGI path: what the PBX said about the caller is nowhere in
    /// what the controller wrote (log lines, outcomes).
    @Test func canaryCallerIdentifiersAppearNowhere() async throws {
        let test = try await TestServer.start(now: openHours)
        for keys in ["21", "141", "13", ""] {
            _ = try await ScriptedCaller.call(port: test.port, keys: keys)
        }
        let outcomes = await test.outcomes.wait(for: 4)
        await test.stop()
        let written = test.log.lines.withLockedValue { $0 }.joined(separator: "\n") + "\n" + outcomes.map { "\($0)" }.joined(separator: "\n")
        for canary in ["5551234567", "WIRELESS", "canary-trunk", "1795931071.11", "139665937467072", "agi_", "PJSIP/canary"] {
            #expect(!written.contains(canary), "\(canary) was written")
        }
        #expect(written.contains("call started"))
    }
}
