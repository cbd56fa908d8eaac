import CallEngine
import CallRuntime
import Dialplan
import FastAGI
@testable import FastAGIServer
import Foundation
import Logging
import TestSupport
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Outcomes the server recorded, for assertions.
final class CollectedOutcomes: OutcomeSink {
    private let box = NIOLockedValueBox<[CallOutcome]>([])
    func record(_ outcome: CallOutcome) { box.withLockedValue { $0.append(outcome) } }
    var all: [CallOutcome] { box.withLockedValue { $0 } }

    /// Waits (up to `seconds`) until at least `count` outcomes are in.
    func wait(for count: Int, seconds: Double = 10) async -> [CallOutcome] {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while all.count < count, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        return all
    }
}

enum Plans {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load(_ relative: String) -> Plan {
        let text = try! String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        let compilation = Dialplan.compile(text, file: relative, prompts: nil)
        precondition(compilation.plan != nil, "\(compilation.diagnostics)")
        return compilation.plan!
    }

    static let hotline = load("Dialplans/hotline.yaml")
}

/// A running server on a loopback port, with what it recorded.
struct TestServer {
    let server: FastAGIServer
    let port: Int
    let outcomes: CollectedOutcomes
    let log: CapturedLog
    let plans: PlanStore

    static func start(plan: Plan = Plans.hotline, settings: AGISettings = AGISettings(), limits: ServerLimits = ServerLimits(),
                      now: @escaping @Sendable () -> Date = { Date() }) async throws -> TestServer {
        let outcomes = CollectedOutcomes()
        let log = CapturedLog()
        let plans = PlanStore(plan)
        let configuration = ServerConfiguration(plans: plans, settings: settings, limits: limits, outcomes: outcomes, logger: log.logger, now: now)
        let server = FastAGIServer(host: "127.0.0.1", port: 0, configuration: configuration)
        let port = try await server.start()
        return TestServer(server: server, port: port, outcomes: outcomes, log: log, plans: plans)
    }

    func stop() async { await server.stop() }
}

/// Monday 2026-11-30 10:00 New York: the default plan is open.
let openHours: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_796_050_800) }
