import CallEngine
import Foundation
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// The one owner of the queue's state: the pure `QueueCore` behind a lock. A channel's join,
/// offer result and leave are decided at once on the channel's own event loop, in the order the
/// channel sends them; the signals for waiting callers go out after the lock is let go (each
/// channel's callback hands its signal to its own loop). The admin API reads and changes it the
/// same way, and one sleeping task wakes it when the core's next deadline is due.
///
/// (It was an actor fed through an AsyncStream: every join, offer result and leave was a hop to
/// Swift's cooperative pool and a thread woken there, for a decision that takes microseconds.)
public final class AdvocateQueueService: AdvocateQueue, Service, Sendable {
    typealias Signal = @Sendable (QueueSignal) -> Void

    struct State: Sendable {
        var core: QueueCore
        var signals: [CallID: Signal] = [:]
        var ticker: Task<Void, Never>?
        var tickerDeadline: Date?
        /// Shut down: a caller who joins now is sent on at once.
        var stopped = false
    }

    /// A signal to send once the lock is let go.
    typealias Delivery = (signal: Signal, value: QueueSignal)

    let state: NIOLockedValueBox<State>
    let logger: Logger
    let now: @Sendable () -> Date

    public init(queues: [QueueSettings], roster: [AgentProfile], logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        state = NIOLockedValueBox(State(core: QueueCore(queues: queues, roster: roster)))
        self.logger = logger
        self.now = now
    }

    // MARK: - AdvocateQueue (called on channels' event loops; never waits for anything but the lock)

    public func wait(_ request: QueueRequest, call: CallID, signal: @escaping @Sendable (QueueSignal) -> Void) {
        deliver(state.withLockedValue { state -> [Delivery] in
            if state.stopped { return [(signal, .resolved(.noAdvocates))] }
            state.signals[call] = signal
            return apply(.join(call, request), &state)
        })
    }

    public func offerFinished(call: CallID, result: DialResult) {
        deliver(state.withLockedValue { state -> [Delivery] in
            // The wait is over once the conversation happened or the caller is gone.
            switch result {
            case .answered, .callerGone: state.signals[call] = nil
            case .busy, .noAnswer, .unreachable: break
            }
            return apply(.offerFinished(call, result), &state)
        })
    }

    public func leave(call: CallID) {
        deliver(state.withLockedValue { state -> [Delivery] in
            state.signals[call] = nil
            return apply(.leave(call), &state)
        })
    }

    // MARK: - Service

    public func run() async throws {
        try? await gracefulShutdown()
        // Still waiting at shutdown: send callers on to their no-advocates branch, not silence.
        let waiting = state.withLockedValue { state -> [Signal] in
            state.stopped = true
            state.ticker?.cancel()
            state.ticker = nil
            defer { state.signals.removeAll() }
            return Array(state.signals.values)
        }
        for signal in waiting { signal(.resolved(.noAdvocates)) }
    }

    // MARK: - Advocates (admin API)

    public enum AgentError: Error, Equatable {
        case unknownAgent(String)
    }

    public func login(_ id: String) async throws(AgentError) -> AgentStatus { try agentCommand(id, .login(id)) }
    public func logout(_ id: String) async throws(AgentError) -> AgentStatus { try agentCommand(id, .logout(id)) }
    public func pause(_ id: String, reason: PauseReason = .other) async throws(AgentError) -> AgentStatus { try agentCommand(id, .pause(id, reason: reason)) }
    public func resume(_ id: String) async throws(AgentError) -> AgentStatus { try agentCommand(id, .resume(id)) }

    public func status() async -> QueueStatus {
        let now = now()
        return state.withLockedValue { $0.core.status(at: now) }
    }

    /// The staff figures since the last call (calls, talk, logged-in and paused time), for the call log.
    public func drainStaffActivity() async -> [StaffActivity] {
        let now = now()
        return state.withLockedValue { $0.core.drainStaffActivity(at: now) }
    }

    /// A plan or roster reload: nobody is logged out and no waiting caller moves.
    public func reconfigure(queues: [QueueSettings], roster: [AgentProfile]) async {
        deliver(state.withLockedValue { state -> [Delivery] in
            state.core.reconfigure(queues: queues, roster: roster)
            return apply(.tick, &state)
        })
    }

    private func agentCommand(_ id: String, _ input: QueueCore.Input) throws(AgentError) -> AgentStatus {
        let (known, deliveries, status) = state.withLockedValue { state -> (Bool, [Delivery], AgentStatus?) in
            guard state.core.knows(agent: id) else { return (false, [], nil) }
            let deliveries = apply(input, &state)
            return (true, deliveries, state.core.agentStatus(id))
        }
        guard known else { throw .unknownAgent(id) }
        deliver(deliveries)
        logger.info("advocate \(id): \(status?.rawValue ?? "?")")
        return status ?? .loggedOut
    }

    // MARK: - Core

    /// Runs one input through the core (under the lock) and says which signals to send.
    private func apply(_ input: QueueCore.Input, _ state: inout State) -> [Delivery] {
        var deliveries: [Delivery] = []
        for output in state.core.handle(input, at: now()) {
            switch output {
            case .offer(let call, let offer):
                if let signal = state.signals[call] {
                    deliveries.append((signal, .offer(QueueOffer(endpoint: offer.endpoint, ringSeconds: offer.ringSeconds, language: offer.language,
                                                                 interpreter: offer.interpreter))))
                }
            case .waiting(let call):
                if let signal = state.signals[call] { deliveries.append((signal, .waiting)) }
            case .announce(let call, let position, let wait):
                if let signal = state.signals[call] { deliveries.append((signal, .announce(position: position, estimatedWaitSeconds: wait))) }
            case .resolved(let call, let result):
                if let signal = state.signals.removeValue(forKey: call) { deliveries.append((signal, .resolved(result))) }
            }
        }
        scheduleTick(&state)
        return deliveries
    }

    private func deliver(_ deliveries: [Delivery]) {
        for delivery in deliveries { delivery.signal(delivery.value) }
    }

    /// One sleeping task wakes the queue at the core's next deadline.
    private func scheduleTick(_ state: inout State) {
        guard !state.stopped, let deadline = state.core.nextDeadline else { return }
        if let current = state.tickerDeadline, current <= deadline { return }
        state.ticker?.cancel()
        state.tickerDeadline = deadline
        let delay = max(0, deadline.timeIntervalSince(now()))
        state.ticker = Task { [self] in
            try? await Task.sleep(for: .milliseconds(Int64(delay * 1000) + 1))
            guard !Task.isCancelled else { return }
            deliver(self.state.withLockedValue { state -> [Delivery] in
                state.tickerDeadline = nil
                return apply(.tick, &state)
            })
        }
    }
}
