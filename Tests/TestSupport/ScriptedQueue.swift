import CallEngine
import Dialplan
import Simulator

/// The queue a scripted call meets, as the simulator's: a caller joins and waits (or nobody is
/// logged in: `no-advocates`), hears their place once when the plan announces it, and on hold the
/// script's next step decides: a key, a hang-up, the maximum wait (`queue-timeout`), or else an
/// advocate is offered (`answer`, or a failure the phone will meet).
public struct ScriptedQueue: Sendable {
    let announces: Bool
    /// Tell a joining caller their place even when the plan announces nothing (the real queue does).
    public var announcesRegardless = false
    var announced = false
    public private(set) var inQueue = false
    var interpreter = false
    var pending: [QueueSignal] = []

    public init(plan: Plan) {
        announces = plan.states.contains { if case .queue(let queue) = $0.action { queue.announcement != nil } else { false } }
    }

    public mutating func joined(_ request: QueueRequest, steps: inout ArraySlice<CallScript.Step>) {
        inQueue = true
        interpreter = request.interpreter
        if steps.first == .noAdvocates {
            steps.removeFirst()
            pending.append(.resolved(.noAdvocates))
            return
        }
        pending.append(.waiting)
        if announces || announcesRegardless, !announced {
            announced = true
            pending.append(.announce(position: 1, estimatedWaitSeconds: nil))
        }
    }

    public mutating func left() {
        inQueue = false
        pending.removeAll()
    }

    public mutating func offerFinished(_ result: DialResult) {
        if case .answered = result { inQueue = false }
    }

    /// What the queue has said and the channel has not heard yet.
    public mutating func nextSignal() -> QueueSignal? {
        guard !pending.isEmpty else { return nil }
        let signal = pending.removeFirst()
        if case .resolved = signal { inQueue = false }
        return signal
    }

    public enum OnHold: Sendable {
        case key(String)
        case hangUp
        case signal(QueueSignal)
    }

    /// The caller is on hold and the queue has said all it had: what happens next.
    public mutating func whileHolding(steps: inout ArraySlice<CallScript.Step>, language: String) -> OnHold {
        switch steps.first {
        case .hangUp?:
            steps.removeFirst()
            return .hangUp
        case .keys(let digits)?:
            steps.removeFirst()
            return .key(digits)
        case .queueTimeout?:
            steps.removeFirst()
            inQueue = false
            return .signal(.resolved(.timedOut))
        default:
            if steps.first == .answer { steps.removeFirst() }
            return .signal(.offer(QueueOffer(endpoint: "PJSIP/advocate-desk-1", ringSeconds: 20, language: language, interpreter: interpreter)))
        }
    }
}
