import Dialplan
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the plan on SIGHUP. The new files are compiled and checked first: if they have
/// errors the old plan keeps serving and every error is logged with its position; if they pass,
/// new calls get the new plan and calls in progress finish on the one they started with.
public struct PlanReloadService: Service {
    let plans: PlanStore
    let load: @Sendable () throws -> PlanCompilation
    let logger: Logger
    let onReloaded: @Sendable (Plan) -> Void

    /// `onReloaded` runs after a new plan was taken (e.g. to reconfigure the advocate queue).
    public init(plans: PlanStore, logger: Logger, load: @escaping @Sendable () throws -> PlanCompilation,
                onReloaded: @escaping @Sendable (Plan) -> Void = { _ in }) {
        self.plans = plans
        self.load = load
        self.logger = logger
        self.onReloaded = onReloaded
    }

    /// What a reload did, for the admin API.
    public struct Report: Sendable, Codable, Equatable {
        public var reloaded: Bool
        public var planVersion: String
        public var errors: [String]
    }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            reload()
        }
    }

    /// Returns whether the new plan was taken.
    @discardableResult
    public func reload() -> Bool {
        report().reloaded
    }

    public func report() -> Report {
        let compilation: PlanCompilation
        do {
            compilation = try load()
        } catch {
            logger.error("plan reload failed, the old plan keeps serving: \(error)")
            return Report(reloaded: false, planVersion: plans.current.version, errors: ["\(error)"])
        }
        guard let plan = compilation.plan else {
            let errors = compilation.diagnostics.filter { $0.severity == .error }.map(\.description)
            for error in errors { logger.error("\(error)") }
            logger.error("plan reload refused: the new plan has errors; version \(plans.current.version) keeps serving")
            return Report(reloaded: false, planVersion: plans.current.version, errors: errors)
        }
        let old = plans.current.version
        plans.replace(with: plan)
        onReloaded(plan)
        logger.notice("plan reloaded", metadata: ["from": "\(old)", "to": "\(plan.version)", "states": "\(plan.states.count)"])
        return Report(reloaded: true, planVersion: plan.version, errors: [])
    }
}
