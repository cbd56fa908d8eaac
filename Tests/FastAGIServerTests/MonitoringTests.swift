import CallLog
import Foundation
import Testing
import TestSupport

/// Issue 13: what a load balancer and Prometheus read, over real HTTP. `/health` and `/ready`
/// need no token and carry no figures; `/metrics` is behind the token, in Prometheus's text
/// format, with fixed labels only.
@Suite(.timeLimit(.minutes(2))) struct MonitoringTests {
    @Test func healthAndReadinessAnswerWithoutATokenAndSayNothingAboutCalls() async throws {
        let harness = try await QueueHarness.start(agents: 2)
        let health = try await harness.request("GET", "/health", token: nil)
        #expect(health.0 == 200)
        #expect(health.1 == "{\"status\":\"ok\"}")
        let ready = try await harness.request("GET", "/ready", token: nil)
        #expect(ready.0 == 200)
        #expect(ready.1 == "{\"callLog\":\"ok\",\"plan\":\"ok\",\"ready\":true}")
        await harness.stop()
    }

    /// A call log that cannot be written (a real failed open) makes the controller not ready, and
    /// the reply says why.
    @Test func aCallLogThatCannotBeWrittenIsNotReady() async throws {
        let writer = CallLogWriter(path: "/dev/null/nowhere.sqlite", settings: CallLogSettings(), logger: CapturedLog().logger)
        #expect(writer.problem == nil)
        #expect(await writer.flush() == 0)
        let harness = try await QueueHarness.start(agents: 2, callLogProblem: { writer.problem })
        let ready = try await harness.request("GET", "/ready", token: nil)
        #expect(ready.0 == 503)
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(ready.1.utf8)) as? [String: Any])
        #expect(reply["ready"] as? Bool == false)
        #expect(reply["plan"] as? String == "ok")
        #expect((reply["callLog"] as? String)?.hasPrefix("cannot write /dev/null/nowhere.sqlite") == true, "\(ready.1)")
        await harness.stop()
    }

    @Test func metricsNeedTheTokenAndUseFixedLabelsOnly() async throws {
        let harness = try await QueueHarness.start(agents: 3)
        #expect(try await harness.request("POST", "/agents/agent-1/login").0 == 200)
        #expect(try await harness.request("POST", "/agents/agent-2/login").0 == 200)
        #expect(try await harness.request("POST", "/agents/agent-2/pause").0 == 200)
        let refused = try await harness.request("GET", "/metrics", token: nil)
        #expect(refused.0 == 401)
        let metrics = try await harness.request("GET", "/metrics")
        #expect(metrics.0 == 200)
        let lines = Set(metrics.1.split(separator: "\n").map(String.init))
        #expect(lines.contains("hotline_calls_in_progress 0.0"), "\(metrics.1)")
        #expect(lines.contains("hotline_advocates{state=\"available\"} 1.0"))
        #expect(lines.contains("hotline_advocates{state=\"paused\"} 1.0"))
        #expect(lines.contains("hotline_advocates{state=\"logged_out\"} 1.0"))
        #expect(lines.contains("hotline_queue_waiting_calls{language=\"en\"} 0.0"))
        #expect(lines.contains("hotline_queue_waiting_calls{language=\"es\"} 0.0"))
        #expect(lines.contains("# TYPE hotline_advocates gauge"))
        // Every label is one of the fixed ones: a state, a language the plan offers.
        for line in lines where !line.hasPrefix("#") {
            let labels = line.split(separator: "{").dropFirst().first.map { $0.prefix { $0 != "}" } } ?? ""
            for label in labels.split(separator: ",") {
                #expect(["state", "language"].contains(label.split(separator: "=").first.map(String.init) ?? ""), "\(line)")
            }
        }
        await harness.stop()
    }
}
