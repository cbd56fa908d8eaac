import AdvocateQueue
import CallEngine
import CoreMetrics
import Prometheus

/// What `/metrics` shows, in Prometheus's text format. Every label is fixed by the code or the
/// plan (an ending, a language the plan offers, an advocate state): nothing from a call.
/// Counters kept elsewhere (outcomes, reloads, the call log's) reach the same registry through
/// swift-metrics once `bootstrap()` has made it the process's metrics backend.
public final class ServiceMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Makes this registry the backend of every swift-metrics counter and gauge (once per process).
    public func bootstrap() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    /// The figures read at each scrape, then the registry's text.
    public func scrape(activeCalls: Int, queue: QueueStatus, languages: [String]) -> [UInt8] {
        gauge("hotline_calls_in_progress", help: "Calls the controller is serving now.").set(Double(activeCalls))
        var waiting = Dictionary(uniqueKeysWithValues: languages.map { ($0, 0) })
        for group in queue.waiting { waiting[group.language, default: 0] += group.calls }
        for (language, calls) in waiting {
            gauge("hotline_queue_waiting_calls", labels: [("language", language)], help: "Callers waiting for an advocate, by the language they chose.").set(Double(calls))
        }
        gauge("hotline_queue_longest_wait_seconds", help: "The longest wait of a caller waiting now (0 when nobody waits).").set(Double(queue.longestWaitSeconds))
        var states = Dictionary(uniqueKeysWithValues: AgentStatus.allCases.map { ($0, 0) })
        for agent in queue.agents { states[agent.status, default: 0] += 1 }
        for (state, count) in states {
            gauge("hotline_advocates", labels: [("state", state.rawValue)], help: "Advocates in the roster, by state.").set(Double(count))
        }
        return registry.emitToBuffer()
    }

    /// A gauge by its full name (no unit suffix added: the names say their unit).
    func gauge(_ name: String, labels: [(String, String)] = [], help: String) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }
}
