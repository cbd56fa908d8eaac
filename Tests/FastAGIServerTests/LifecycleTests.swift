import CallEngine
import CallRuntime
import Dialplan
import FastAGI
@testable import FastAGIServer
import Foundation
import NIOCore
import NIOPosix
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(2))) struct LifecycleTests {
    /// A call that stops after ANSWER and the first prompt, waiting for the test to finish it.
    func openCall(_ port: Int) async throws -> FakePBX {
        try await FakePBX.connect(port: port)
    }

    @Test func gracefulStopRefusesNewCallsAndLetsCallsInProgressFinish() async throws {
        var limits = ServerLimits()
        // Far beyond the bound below: a stop that waited out the drain instead of the call is caught.
        limits.drainSeconds = 100
        // The call waits for its ANSWER reply while the test tries late calls: on a loaded machine
        // that outlasted the 10 s command timeout (a fresh-clone CI), which ended it as an error.
        var settings = AGISettings()
        settings.commandTimeoutSeconds = 100
        let test = try await TestServer.start(settings: settings, limits: limits, now: openHours)
        let pbx = try await FakePBX.connect(port: test.port)
        let stopped = try await pbx.run { lines, writer in
            try await writer.send(FakePBX.environment)
            #expect(try await lines.next() == "ANSWER")
            let stopping = Task { await test.stop(); return ContinuousClock.now }
            // New calls are refused once the listener is closed; on a loaded machine that can take
            // longer than a fixed sleep (a connection accepted meanwhile is closed at once).
            var refused = false
            for _ in 0..<200 where !refused {
                do {
                    let late = try await FakePBX.connect(port: test.port)
                    try await late.run { _, _ in }
                    try await Task.sleep(for: .milliseconds(25))
                } catch {
                    refused = true
                }
            }
            #expect(refused)
            // The call in progress goes on to its end.
            var caller = ScriptedCaller(keys: "")
            for line in caller.reply(to: "ANSWER") { try await writer.send(line + "\n") }
            while let command = try await lines.next() {
                for line in caller.reply(to: command) { try await writer.send(line + "\n") }
            }
            return await stopping.value
        }
        let outcomes = test.outcomes.all
        #expect(outcomes.map(\.ending) == [.noInput])
        #expect(ContinuousClock.now - stopped < .seconds(50))
    }

    @Test func callsOutlastingTheDrainEndAsErrorsAndAreClosed() async throws {
        var limits = ServerLimits()
        limits.drainSeconds = 0.3
        let test = try await TestServer.start(limits: limits, now: openHours)
        let pbx = try await FakePBX.connect(port: test.port)
        try await pbx.run { lines, writer in
            try await writer.send(FakePBX.environment)
            #expect(try await lines.next() == "ANSWER")
            await test.stop()
            #expect(try await lines.next() == nil)
        }
        #expect(test.outcomes.all.map(\.ending) == [.error])
        #expect(test.log.lines.withLockedValue { $0 }.contains { $0.contains("the controller stopped before the call ended") })
    }

    @Test func reloadKeepsCallsInProgressOnTheirPlanAndRefusesABrokenOne() async throws {
        let test = try await TestServer.start(now: openHours)
        let v1 = test.plans.current.version
        let text = try String(contentsOf: Plans.root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)
        let reloader = PlanReloadService(plans: test.plans, logger: test.log.logger) {
            .init(compilation: Dialplan.compile(text.replacingOccurrences(of: "version: \"\(v1)\"", with: "version: \"v2\""), file: "hotline.yaml", prompts: nil))
        }
        let broken = PlanReloadService(plans: test.plans, logger: test.log.logger) {
            .init(compilation: Dialplan.compile(text.replacingOccurrences(of: "next: choose_language", with: "next: chose_language"), file: "hotline.yaml", prompts: nil))
        }
        let pbx = try await FakePBX.connect(port: test.port)
        try await pbx.run { lines, writer in
            try await writer.send(FakePBX.environment)
            #expect(try await lines.next() == "ANSWER")
            #expect(await !broken.reload())
            #expect(test.plans.current.version == v1)
            #expect(await reloader.reload())
            #expect(test.plans.current.version == "v2")
            var caller = ScriptedCaller(keys: "")
            for line in caller.reply(to: "ANSWER") { try await writer.send(line + "\n") }
            while let command = try await lines.next() {
                for line in caller.reply(to: command) { try await writer.send(line + "\n") }
            }
        }
        _ = try await ScriptedCaller.call(port: test.port, keys: "")
        let outcomes = await test.outcomes.wait(for: 2)
        await test.stop()
        #expect(outcomes.map(\.planVersion) == [v1, "v2"])
        let log = test.log.lines.withLockedValue { $0 }
        #expect(log.contains { $0.contains("hotline.yaml:") && $0.contains("unknown state 'chose_language'") })
        #expect(log.contains { $0.contains("plan reload refused") })
    }
}
