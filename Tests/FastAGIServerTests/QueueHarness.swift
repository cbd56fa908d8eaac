import AdminAPI
import AdvocateQueue
import CallEngine
import CallRuntime
import Dialplan
import FastAGI
@testable import FastAGIServer
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import TestSupport

/// A controller with its advocate queue and admin API on loopback, as `hotline serve` wires it.
struct QueueHarness {
    let server: FastAGIServer
    let queue: AdvocateQueueService
    let fastAGIPort: Int
    let adminPort: Int
    let outcomes: CollectedOutcomes
    let log: CapturedLog
    let tasks: [Task<Void, Never>]
    static let token = "test-token-7c1"

    static let plan: Plan = {
        let yaml = """
        name: queue test
        version: "q1"
        languages: [en, es]
        time_zone: UTC
        entries: [{default: true, start: language}]
        queues:
          advocates: {languages: [en, es], ring_seconds: 5, wrap_up_seconds: 0, retry_seconds: 0, announce_every: 0, interpreter_after: 0}
        states:
          language:
            menu: choose
            keys: {"1": advocate, "2": {set: {language: es}, next: advocate}}
            exhausted: advocate
          advocate: {queue: advocates, max_wait: 20, on_timeout: bye, on_no_advocates: bye}
          bye: {hangup: , prompt: goodbye}
        """
        return Dialplan.compile(yaml, file: "queue-test.yaml", prompts: nil).plan!
    }()

    static func start(agents: Int, callLogProblem: @escaping @Sendable () -> String? = { nil }) async throws -> QueueHarness {
        let log = CapturedLog()
        let outcomes = CollectedOutcomes()
        let roster = (1...agents).map { AgentProfile(id: "agent-\($0)", endpoint: "PJSIP/agent-\($0)", languages: $0 % 2 == 0 ? ["en", "es"] : ["en"]) }
        let queue = AdvocateQueueService(queues: plan.queues.map { QueueSettings(name: $0.key, $0.value) }, roster: roster, logger: log.logger)
        let plans = PlanStore(plan)
        // Short waits on hold, so that a thousand calls through fifty advocates fit the test's time.
        var settings = AGISettings()
        settings.holdWaitMilliseconds = 200
        let server = FastAGIServer(host: "127.0.0.1", port: 0, configuration: ServerConfiguration(plans: plans, settings: settings, outcomes: outcomes, queue: queue, logger: log.logger))
        let fastAGIPort = try await server.start()
        let reloader = PlanReloadService(plans: plans, logger: log.logger) { .init(compilation: Dialplan.compile("", file: "none", prompts: nil)) }
        let router = AdminAPI.router(.init(queue: queue, reloader: reloader, plans: plans, activeCalls: { server.activeCalls },
                                                callLogProblem: callLogProblem), token: token)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try AdminAPI.application(router: router, host: "127.0.0.1", port: 0, logger: log.logger) { port in continuation.yield(port) }
        let queueTask = Task<Void, Never> { _ = try? await queue.run() }
        let appTask = Task<Void, Never> { _ = try? await app.run() }
        var iterator = ports.makeAsyncIterator()
        let adminPort = await iterator.next() ?? 0
        return QueueHarness(server: server, queue: queue, fastAGIPort: fastAGIPort, adminPort: adminPort, outcomes: outcomes, log: log, tasks: [queueTask, appTask])
    }

    func stop() async {
        await server.stop()
        for task in tasks { task.cancel() }
    }

    /// One admin API request; returns the status code and the body.
    func request(_ method: String, _ path: String, token: String? = QueueHarness.token) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(adminPort)\(path)")!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}

/// The advocates' phones: answers, busy or no answer at random, and notes any advocate rung
/// while already in a conversation (which must never happen).
final class FakeAdvocates: Sendable {
    private let state = NIOLockedValueBox<(busy: Set<String>, doubleOffers: Int, conversations: Int)>(([], 0, 0))

    var doubleOffers: Int { state.withLockedValue { $0.doubleOffers } }
    var conversations: Int { state.withLockedValue { $0.conversations } }

    /// Rings `endpoint`; returns DIALSTATUS and the talk seconds once the call is over.
    func ring(_ endpoint: String) async -> (String, Double) {
        let already = state.withLockedValue { state -> Bool in
            if state.busy.contains(endpoint) { state.doubleOffers += 1; return true }
            state.busy.insert(endpoint)
            return false
        }
        if already { return ("BUSY", 0) }
        defer { state.withLockedValue { _ = $0.busy.remove(endpoint) } }
        let roll = Int.random(in: 0..<100)
        if roll < 10 { return ("BUSY", 0) }
        if roll < 20 {
            try? await Task.sleep(for: .milliseconds(Int.random(in: 5...30)))
            return ("NOANSWER", 0)
        }
        let talk = Int.random(in: 10...80)
        try? await Task.sleep(for: .milliseconds(talk))
        state.withLockedValue { $0.conversations += 1 }
        return ("ANSWER", Double(talk) / 1000)
    }
}
