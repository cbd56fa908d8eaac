import CallEngine
import CallReports
import Foundation
import Logging
import Metrics
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Takes outcomes from the call path without blocking it (an append under a lock) and writes
/// them in batches every `flushIntervalSeconds`, off the event loops. If the database cannot be
/// opened or written (full disk, read-only file), calls are still served: outcomes wait in
/// memory, the writer retries with backoff and says so loudly (error log, metrics).
public final class CallLogWriter: OutcomeSink, Service, Sendable {
    public let path: String
    public let settings: CallLogSettings
    let logger: Logger
    let state = NIOLockedValueBox(State())
    let failures: Counter
    let dropped: Counter
    let written: Counter
    let pendingGauge: Gauge

    struct State {
        var pending: [CallOutcome] = []
        var database: CallLogDatabase?
        var failing = false
        /// Why the last write failed, while writes fail.
        var failure: String?
        var lastPurge = Date.distantPast
        /// Calls begun and not yet ended, for the start journal (in memory only).
        var inProgress: [String: CallCellKey] = [:]
        var journalChanged = false
    }

    /// A writer that opens the database at its first batch (and again after a failure).
    public convenience init(path: String, settings: CallLogSettings, logger: Logger, metrics: (any MetricsFactory)? = nil) {
        self.init(path: path, database: nil, settings: settings, logger: logger, metrics: metrics)
    }

    /// A writer on a database already opened and checked, as `serve` does before taking calls.
    public convenience init(database: CallLogDatabase, settings: CallLogSettings, logger: Logger, metrics: (any MetricsFactory)? = nil) {
        self.init(path: database.path, database: database, settings: settings, logger: logger, metrics: metrics)
    }

    private init(path: String, database: CallLogDatabase?, settings: CallLogSettings, logger: Logger, metrics: (any MetricsFactory)?) {
        self.path = path
        self.settings = settings
        self.logger = logger
        if let metrics {
            failures = Counter(label: "hotline_calllog_write_failures_total", factory: metrics)
            dropped = Counter(label: "hotline_calllog_dropped_total", factory: metrics)
            written = Counter(label: "hotline_calllog_written_total", factory: metrics)
            pendingGauge = Gauge(label: "hotline_calllog_pending", factory: metrics)
        } else {
            failures = Counter(label: "hotline_calllog_write_failures_total")
            dropped = Counter(label: "hotline_calllog_dropped_total")
            written = Counter(label: "hotline_calllog_written_total")
            pendingGauge = Gauge(label: "hotline_calllog_pending")
        }
        state.withLockedValue { $0.database = database }
    }

    /// Called on the call path: never blocks on the disk.
    public func begin(_ call: CallInProgress) {
        let key = CallCellKey(interrupted: call, granularity: settings.granularitySeconds)
        state.withLockedValue { state in
            state.inProgress[call.callID] = key
            state.journalChanged = true
        }
    }

    /// Called on the call path: never blocks on the disk.
    public func record(_ outcome: CallOutcome) {
        let overflow = state.withLockedValue { state -> Bool in
            if state.inProgress.removeValue(forKey: outcome.callID) != nil { state.journalChanged = true }
            state.pending.append(outcome)
            guard state.pending.count > settings.maximumPending else { return false }
            state.pending.removeFirst(state.pending.count - settings.maximumPending)
            return true
        }
        if overflow {
            dropped.increment()
            logger.critical("call log: \(settings.maximumPending) outcomes are waiting for the disk; the oldest are being dropped")
        }
    }

    public var pendingCount: Int { state.withLockedValue { $0.pending.count } }

    /// What is wrong while outcomes cannot be written (nil when the last write succeeded), for
    /// readiness probes: calls are still served, but not counted until it is fixed.
    public var problem: String? {
        state.withLockedValue { state in state.failure.map { "\($0); \(state.pending.count) outcomes wait in memory" } }
    }

    /// Writes what is pending now. Returns how many outcomes were written (0 on failure, when
    /// they stay pending for the next try).
    @discardableResult
    public func flush() async -> Int {
        let (batch, journal, database) = state.withLockedValue { state -> ([CallOutcome], [CallCellKey: Int]?, CallLogDatabase?) in
            let batch = state.pending
            state.pending.removeAll(keepingCapacity: true)
            var journal: [CallCellKey: Int]?
            if state.journalChanged {
                journal = state.inProgress.values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
                state.journalChanged = false
            }
            return (batch, journal, state.database)
        }
        pendingGauge.record(batch.count)
        do {
            let open = try database ?? CallLogDatabase(path: path, maximumBytes: settings.maximumDatabaseBytes)
            try await open.record(batch, settings: settings, journal: journal)
            let recovered = state.withLockedValue { state -> Bool in
                state.database = open
                defer { state.failing = false; state.failure = nil }
                return state.failing
            }
            if recovered { logger.notice("call log: writing again to \(path)") }
            written.increment(by: batch.count)
            pendingGauge.record(pendingCount)
            return batch.count
        } catch {
            failures.increment()
            state.withLockedValue { state in
                state.pending.insert(contentsOf: batch, at: 0)
                if journal != nil { state.journalChanged = true }
                state.failing = true
                state.failure = "cannot write \(path): \(error)"
                state.database = nil
            }
            pendingGauge.record(pendingCount)
            if CallLogDatabase.isDamage(error) {
                logger.critical("call log: \(CallLogDatabase.unusable(path, error)); \(batch.count) outcomes wait in memory and are lost if the controller stops before the file is replaced")
            } else {
                logger.error("call log: cannot write \(batch.count) call outcomes to \(path) (\(error)); calls are still served, retrying")
            }
            return 0
        }
    }

    /// Deletes what is older than the retention period.
    @discardableResult
    public func purge(now: Date = Date()) async -> Int {
        guard settings.retentionDays > 0, let database = state.withLockedValue({ $0.database }) else { return 0 }
        let cutoff = now.addingTimeInterval(-Double(settings.retentionDays) * 86_400)
        do {
            let deleted = try await database.purge(before: cutoff)
            if deleted > 0 { logger.info("call log: deleted \(deleted) rows older than \(settings.retentionDays) days") }
            return deleted
        } catch {
            logger.error("call log: retention purge failed: \(error)")
            return 0
        }
    }

    /// Flushes every interval (backing off while the disk refuses), purges hourly, and flushes
    /// what is left on graceful shutdown.
    public func run() async throws {
        var delay = settings.flushIntervalSeconds
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
            var failed = false
            if hasWork {
                await flush()
                failed = state.withLockedValue { $0.failing }
            }
            delay = failed ? min(delay * 2, 30) : settings.flushIntervalSeconds
            let due = state.withLockedValue { state -> Bool in
                guard Date().timeIntervalSince(state.lastPurge) > 3600 else { return false }
                state.lastPurge = Date()
                return true
            }
            if due { await purge() }
        }
        if hasWork { await flush() }
    }

    /// Outcomes to write, or a start journal that changed.
    var hasWork: Bool { state.withLockedValue { !$0.pending.isEmpty || $0.journalChanged } }
}
