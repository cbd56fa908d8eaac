import NIOConcurrencyHelpers

/// What the simulated PBX measured, shared by all its connections.
public final class LoadStatistics: Sendable {
    struct Counts {
        var completed = 0
        var failed = 0
        var commands = 0
        var holding = 0
        /// Controller think time per command: our reply sent → its next command received, ns.
        var think: [UInt64] = []
        var recorded: [String]?
    }

    let box = NIOLockedValueBox(Counts())

    public init(recordCommands: Bool = false) {
        if recordCommands { box.withLockedValue { $0.recorded = [] } }
    }

    func command(_ line: String, thinkNanoseconds: UInt64?) {
        box.withLockedValue { counts in
            counts.commands += 1
            if let think = thinkNanoseconds { counts.think.append(think) }
            if counts.recorded != nil, counts.completed == 0 { counts.recorded?.append(line) }
        }
    }

    func interrupted() {
        box.withLockedValue { counts in
            if counts.recorded != nil, counts.completed == 0, let last = counts.recorded?.popLast() { counts.recorded?.append("+" + last) }
        }
    }

    func finished(success: Bool) {
        box.withLockedValue { success ? ($0.completed += 1) : ($0.failed += 1) }
    }

    func holding(_ delta: Int) {
        box.withLockedValue { $0.holding += delta }
    }

    public var completed: Int { box.withLockedValue { $0.completed } }
    public var failed: Int { box.withLockedValue { $0.failed } }
    public var commands: Int { box.withLockedValue { $0.commands } }
    public var holdingNow: Int { box.withLockedValue { $0.holding } }
    /// The commands of the first call, "+" marking one sent before the previous one's reply.
    public var recordedCommands: [String] { box.withLockedValue { $0.recorded ?? [] } }

    /// Think-time percentiles in microseconds: p50, p99, p99.9, max.
    public func thinkPercentiles() -> (p50: Double, p99: Double, p999: Double, max: Double) {
        let sorted = box.withLockedValue { $0.think }.sorted()
        guard !sorted.isEmpty else { return (0, 0, 0, 0) }
        func at(_ q: Double) -> Double { Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]) / 1000 }
        return (at(0.5), at(0.99), at(0.999), Double(sorted.last!) / 1000)
    }
}
