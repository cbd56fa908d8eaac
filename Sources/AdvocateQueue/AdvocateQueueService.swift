import CallEngine
import Foundation
import Logging
import ServiceLifecycle

/// The one owner of the queue's state: an actor around the pure `QueueCore`. Channels talk to
/// it through an ordered inbox (so a caller's join is always seen before their leave), the
/// admin API through its async methods; it wakes itself when the core's next deadline is due.
public actor AdvocateQueueService: AdvocateQueue, Service {
    enum Command: Sendable {
        case join(CallID, QueueRequest, @Sendable (QueueSignal) -> Void)
        case offerFinished(CallID, DialResult)
        case leave(CallID)
        case tick
    }

    var core: QueueCore
    var signals: [CallID: @Sendable (QueueSignal) -> Void] = [:]
    let logger: Logger
    let now: @Sendable () -> Date
    nonisolated let inbox: AsyncStream<Command>
    nonisolated let post: AsyncStream<Command>.Continuation
    var ticker: Task<Void, Never>?
    var tickerDeadline: Date?

    public init(queues: [QueueSettings], roster: [AgentProfile], logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        core = QueueCore(queues: queues, roster: roster)
        self.logger = logger
        self.now = now
        (inbox, post) = AsyncStream.makeStream(of: Command.self)
    }

    // MARK: - AdvocateQueue (called on channels' event loops; never blocks them)

    public nonisolated func wait(_ request: QueueRequest, call: CallID, signal: @escaping @Sendable (QueueSignal) -> Void) {
        post.yield(.join(call, request, signal))
    }

    public nonisolated func offerFinished(call: CallID, result: DialResult) {
        post.yield(.offerFinished(call, result))
    }

    public nonisolated func leave(call: CallID) {
        post.yield(.leave(call))
    }

    // MARK: - Service

    public func run() async throws {
        for await command in inbox.cancelOnGracefulShutdown() {
            switch command {
            case .join(let call, let request, let signal):
                signals[call] = signal
                apply(.join(call, request))
            case .offerFinished(let call, let result):
                // The wait is over once the conversation happened or the caller is gone.
                switch result {
                case .answered, .callerGone: signals[call] = nil
                case .busy, .noAnswer, .unreachable: break
                }
                apply(.offerFinished(call, result))
            case .leave(let call):
                signals[call] = nil
                apply(.leave(call))
            case .tick:
                tickerDeadline = nil
                apply(.tick)
            }
        }
        ticker?.cancel()
        // Still waiting at shutdown: send callers on to their no-advocates branch, not silence.
        for (_, signal) in signals { signal(.resolved(.noAdvocates)) }
        signals.removeAll()
    }

    // MARK: - Advocates (admin API)

    public enum AgentError: Error, Equatable {
        case unknownAgent(String)
    }

    public func login(_ id: String) throws(AgentError) -> AgentStatus { try agentCommand(id, .login(id)) }
    public func logout(_ id: String) throws(AgentError) -> AgentStatus { try agentCommand(id, .logout(id)) }
    public func pause(_ id: String, reason: PauseReason = .other) throws(AgentError) -> AgentStatus { try agentCommand(id, .pause(id, reason: reason)) }
    public func resume(_ id: String) throws(AgentError) -> AgentStatus { try agentCommand(id, .resume(id)) }

    public func status() -> QueueStatus { core.status(at: now()) }

    /// The staff figures since the last call (calls, talk, logged-in and paused time), for the call log.
    public func drainStaffActivity() -> [StaffActivity] { core.drainStaffActivity(at: now()) }

    /// A plan or roster reload: nobody is logged out and no waiting caller moves.
    public func reconfigure(queues: [QueueSettings], roster: [AgentProfile]) {
        core.reconfigure(queues: queues, roster: roster)
        apply(.tick)
    }

    private func agentCommand(_ id: String, _ input: QueueCore.Input) throws(AgentError) -> AgentStatus {
        guard core.knows(agent: id) else { throw .unknownAgent(id) }
        apply(input)
        logger.info("advocate \(id): \(core.agentStatus(id)?.rawValue ?? "?")")
        return core.agentStatus(id) ?? .loggedOut
    }

    // MARK: - Core

    private func apply(_ input: QueueCore.Input) {
        for output in core.handle(input, at: now()) {
            switch output {
            case .offer(let call, let offer):
                signals[call]?(.offer(QueueOffer(endpoint: offer.endpoint, ringSeconds: offer.ringSeconds, language: offer.language, interpreter: offer.interpreter)))
            case .waiting(let call):
                signals[call]?(.waiting)
            case .announce(let call, let position, let wait):
                signals[call]?(.announce(position: position, estimatedWaitSeconds: wait))
            case .resolved(let call, let result):
                signals.removeValue(forKey: call)?(.resolved(result))
            }
        }
        scheduleTick()
    }

    /// One sleeping task wakes the actor at the core's next deadline.
    private func scheduleTick() {
        guard let deadline = core.nextDeadline else { return }
        if let current = tickerDeadline, current <= deadline { return }
        ticker?.cancel()
        tickerDeadline = deadline
        let delay = max(0, deadline.timeIntervalSince(now()))
        let post = post
        ticker = Task {
            try? await Task.sleep(for: .milliseconds(Int64(delay * 1000) + 1))
            if !Task.isCancelled { post.yield(.tick) }
        }
    }
}
