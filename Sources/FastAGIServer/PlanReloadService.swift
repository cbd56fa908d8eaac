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

    public init(plans: PlanStore, logger: Logger, load: @escaping @Sendable () throws -> PlanCompilation) {
        self.plans = plans
        self.load = load
        self.logger = logger
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
        let compilation: PlanCompilation
        do {
            compilation = try load()
        } catch {
            logger.error("plan reload failed, the old plan keeps serving: \(error)")
            return false
        }
        guard let plan = compilation.plan else {
            for diagnostic in compilation.diagnostics where diagnostic.severity == .error {
                logger.error("\(diagnostic)")
            }
            logger.error("plan reload refused: the new plan has errors; version \(plans.current.version) keeps serving")
            return false
        }
        let old = plans.current.version
        plans.replace(with: plan)
        logger.notice("plan reloaded", metadata: ["from": "\(old)", "to": "\(plan.version)", "states": "\(plan.states.count)"])
        return true
    }
}
