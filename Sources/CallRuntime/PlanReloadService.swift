import Dialplan
import Dispatch
import Logging
import Metrics
import NIOConcurrencyHelpers
import ServiceLifecycle
import UnixSignals

/// Reloads the plan on SIGHUP or through the admin API. The new files are read and checked
/// first — on a thread of their own, never on Swift's cooperative pool (a blocked read there
/// would stall every call), one reload at a time, and given up after `timeoutSeconds`. If any
/// file has errors the old plan and roster keep serving and every error is logged with its
/// position; if all pass, new calls get the new plan and calls in progress finish on theirs.
public struct PlanReloadService: Service {
    /// What the files of a reload hold: the compiled plan and what the other files (the roster)
    /// say about taking it.
    public struct Candidate: Sendable {
        public var compilation: PlanCompilation
        /// Errors of the other files: any refuses the whole reload.
        public var refusals: [String]
        /// Warnings of the other files, logged when the plan is taken.
        public var warnings: [String]
        /// Runs once the plan is taken, e.g. handing the new roster to the queue.
        public var onTaken: @Sendable (Plan) -> Void

        public init(compilation: PlanCompilation, refusals: [String] = [], warnings: [String] = [],
                    onTaken: @escaping @Sendable (Plan) -> Void = { _ in }) {
            self.compilation = compilation
            self.refusals = refusals
            self.warnings = warnings
            self.onTaken = onTaken
        }
    }

    /// What a reload did, for the admin API.
    public struct Report: Sendable, Codable, Equatable {
        public var reloaded: Bool
        public var planVersion: String
        public var errors: [String]
    }

    let plans: PlanStore
    let load: @Sendable () throws -> Candidate
    let applied = Counter(label: "hotline_plan_reloads_total", dimensions: [("result", "applied")])
    let refused = Counter(label: "hotline_plan_reloads_total", dimensions: [("result", "refused")])
    let logger: Logger
    let timeoutSeconds: Double
    private let reading = NIOLockedValueBox(false)

    public init(plans: PlanStore, logger: Logger, timeoutSeconds: Double = 10,
                load: @escaping @Sendable () throws -> Candidate) {
        self.plans = plans
        self.load = load
        self.logger = logger
        self.timeoutSeconds = timeoutSeconds
    }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            await report()
        }
    }

    /// Returns whether the new plan was taken.
    @discardableResult
    public func reload() async -> Bool {
        await report().reloaded
    }

    @discardableResult
    public func report() async -> Report {
        let candidate: Candidate
        switch await readFiles() {
        case .success(let read):
            candidate = read
        case .failure(let failure):
            logger.error("plan reload refused, version \(plans.current.version) keeps serving: \(failure.description)")
            refused.increment()
            return Report(reloaded: false, planVersion: plans.current.version, errors: [failure.description])
        }
        guard let plan = candidate.compilation.plan, candidate.refusals.isEmpty else {
            let errors = candidate.compilation.diagnostics.filter { $0.severity == .error }.map(\.description)
                + candidate.refusals
            for error in errors { logger.error("\(error)") }
            logger.error("plan reload refused: the new files have errors; plan version \(plans.current.version) and its roster keep serving")
            refused.increment()
            return Report(reloaded: false, planVersion: plans.current.version, errors: errors)
        }
        for warning in candidate.warnings { logger.warning("\(warning)") }
        let old = plans.current.version
        plans.replace(with: plan)
        candidate.onTaken(plan)
        applied.increment()
        logger.notice("plan reloaded", metadata: ["from": "\(old)", "to": "\(plan.version)", "states": "\(plan.states.count)"])
        return Report(reloaded: true, planVersion: plan.version, errors: [])
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `load` on a Dispatch thread and waits for it at most `timeoutSeconds`. A read that
    /// never returns keeps its thread, and further reloads are refused until it does.
    private func readFiles() async -> Result<Candidate, Failure> {
        let busy = reading.withLockedValue { busy in
            defer { busy = true }
            return busy
        }
        if busy {
            return .failure(Failure(description: "another reload is still reading the files; if this lasts, a file the plan reads is not a regular file (a FIFO or a device) — remove it"))
        }
        let load = self.load, reading = self.reading, timeout = timeoutSeconds
        return await withCheckedContinuation { (continuation: CheckedContinuation<Result<Candidate, Failure>, Never>) in
            let resumed = NIOLockedValueBox(false)
            let finish: @Sendable (Result<Candidate, Failure>) -> Void = { result in
                let first = resumed.withLockedValue { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: result) }
            }
            DispatchQueue.global().async {
                let result: Result<Candidate, Failure>
                do {
                    result = .success(try load())
                } catch {
                    result = .failure(Failure(description: "\(error)"))
                }
                reading.withLockedValue { $0 = false }
                finish(result)
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                finish(.failure(Failure(description: "reading the plan's files took more than \(timeout) s; a file may be on a stalled disk or not be a regular file")))
            }
        }
    }
}
