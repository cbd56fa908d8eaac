import CallEngine
import FastAGI
import Foundation
import Logging

/// Everything a call's channel handler needs, shared by all connections.
public struct ServerConfiguration: Sendable {
    public var plans: PlanStore
    public var settings: AGISettings
    public var limits: ServerLimits
    /// The call log; nil keeps outcomes only in the log lines.
    public var outcomes: (any OutcomeSink)?
    public var queue: any AdvocateQueue
    public var logger: Logger
    /// The wall clock; tests may move it.
    public var now: @Sendable () -> Date

    public init(plans: PlanStore, settings: AGISettings = AGISettings(), limits: ServerLimits = ServerLimits(),
                outcomes: (any OutcomeSink)? = nil, queue: any AdvocateQueue = NoAdvocatesQueue(), logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.plans = plans
        self.settings = settings
        self.limits = limits
        self.outcomes = outcomes
        self.queue = queue
        self.logger = logger
        self.now = now
    }
}
