import CallEngine
import Dialplan
import Metrics

/// Passes outcomes on to the call log and counts them by ending for monitoring
/// (`hotline_call_outcomes_total{ending="…"}`: the ending is one of a fixed list, never call data).
public struct CountedOutcomes: OutcomeSink {
    let sink: any OutcomeSink
    let counters: [CallEnding: Counter]

    public init(_ sink: any OutcomeSink) {
        self.sink = sink
        counters = Dictionary(uniqueKeysWithValues: CallEnding.allCases.map {
            ($0, Counter(label: "hotline_call_outcomes_total", dimensions: [("ending", $0.rawValue)]))
        })
    }

    public func begin(_ call: CallInProgress) {
        sink.begin(call)
    }

    public func record(_ outcome: CallOutcome) {
        counters[outcome.ending]?.increment()
        sink.record(outcome)
    }
}
