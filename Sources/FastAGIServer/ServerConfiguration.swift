import CallEngine
import CallRuntime
import FastAGI
import Foundation
import Logging

/// What the FastAGI server adds to the shared call runtime: how to speak AGI, and the limits
/// that keep one misbehaving PBX connection from hurting the others.
public struct ServerConfiguration: Sendable {
    public var runtime: CallRuntime
    public var settings: AGISettings
    public var limits: ServerLimits
    /// Says, at most once a second, that calls are being refused.
    let shedding = Shedding()

    public init(runtime: CallRuntime, settings: AGISettings = AGISettings(), limits: ServerLimits = ServerLimits()) {
        self.runtime = runtime
        self.settings = settings
        self.limits = limits
    }

    /// A runtime of its own around `plans`, for tests and small tools.
    public init(plans: PlanStore, settings: AGISettings = AGISettings(), limits: ServerLimits = ServerLimits(),
                outcomes: (any OutcomeSink)? = nil, queue: any AdvocateQueue = NoAdvocatesQueue(), logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }, switches: SwitchBoard = SwitchBoard()) {
        self.init(runtime: CallRuntime(plans: plans, queue: queue, outcomes: outcomes, logger: logger, now: now, switches: switches), settings: settings, limits: limits)
    }

    public var logger: Logger { runtime.logger }
    public var now: @Sendable () -> Date { runtime.now }
}
