import CallEngine
import Dialplan
import Foundation

/// One simulated call in progress: feeds the engine what the script says, notes every line.
struct Run {
    let simulation: Simulation
    let start: Date
    let steps: [CallScript.Step]
    var call: Call
    var now: Date
    var nextStep = 0
    var lines: [Transcript.Line] = []
    var outcome: CallOutcome?
    var lastEscapeDigits = ""
    var lastPlayed: [Prompt] = []

    init(simulation: Simulation, start: Date, steps: [CallScript.Step], call: Call) {
        self.simulation = simulation
        self.start = start
        self.steps = steps
        self.call = call
        now = start
    }

    var plan: Plan { simulation.plan }
    var stateName: String { call.currentState.map { plan[$0].name } ?? "" }

    mutating func drive(_ context: CallContext) throws(Simulation.StepMismatch) {
        note(.caller, "call to \(context.dialedNumber ?? "an unlisted number") (campaign \(plan.entry(forDialed: context.dialedNumber).campaign))")
        feed(.callStarted(context))
        var events = 0
        while outcome == nil {
            events += 1
            if events > 10_000 {
                throw .init(description: "the call did not end after 10000 events; the plan or script loops")
            }
            feed(try nextEvent())
        }
    }

    mutating func feed(_ event: CallEvent) {
        let before = call.path.count
        let actions = call.handle(event, at: now)
        for id in call.path[before...] { describeEntering(id) }
        for action in actions { describe(action) }
    }

    mutating func take(_ accepts: (CallScript.Step) -> Bool) -> CallScript.Step? {
        guard nextStep < steps.count, accepts(steps[nextStep]) else { return nil }
        nextStep += 1
        return steps[nextStep - 1]
    }

    func mismatch(_ waiting: String) -> Simulation.StepMismatch {
        .init(description: "script step \(nextStep + 1) '\(steps[nextStep])' does not fit: in state '\(stateName)' the call \(waiting)")
    }

    /// What the caller or the PBX does next, given what the call waits for.
    mutating func nextEvent() throws(Simulation.StepMismatch) -> CallEvent {
        let timing = simulation.timing
        if take({ $0 == .hangUp }) != nil {
            if case .queued = call.phase {
                // A caller who gives up in the queue has waited first.
                now += timing.queueWaitSeconds
                note(.caller, "caller gives up after waiting \(seconds(timing.queueWaitSeconds))")
            } else {
                note(.caller, "caller hangs up")
            }
            return .remoteHungUp
        }
        switch call.phase {
        case .playing:
            let escape = lastEscapeDigits
            if case .interrupt(let key)? = take({ if case .interrupt(let key) = $0 { escape.contains(key) } else { false } }) {
                now += timing.seconds(lastPlayed) / 2
                note(.caller, "caller presses \(key) during the prompt")
                return .promptFinished(interruptedBy: key)
            }
            if nextStep < steps.count, case .interrupt(let key) = steps[nextStep] {
                throw mismatch("plays a prompt that key \(key) cannot interrupt")
            }
            now += timing.seconds(lastPlayed)
            return .promptFinished(interruptedBy: nil)
        case .collecting(let id, _):
            let timeout: Double
            switch plan[id].action {
            case .menu(let menu): timeout = menu.timeoutSeconds
            case .collect(let collect): timeout = collect.timeoutSeconds
            case .play, .set, .goto, .hours, .branch, .record, .queue, .transfer, .hangup: timeout = 0
            }
            now += timing.seconds(lastPlayed)
            let step = take({ if case .keys = $0 { true } else { $0 == .silence } })
            if step == nil, nextStep < steps.count { throw mismatch("waits for a key press") }
            switch step {
            case .keys(let digits)?:
                now += timing.keySeconds
                note(.caller, "caller presses \(digits)")
                return .digitsReceived(digits)
            case .silence?, nil:
                now += timeout
                note(.caller, "caller presses nothing (\(seconds(timeout)) timeout)")
                return .inputTimedOut
            default:
                preconditionFailure("take(_:) returned a step it does not accept")
            }
        case .queued(let id):
            guard case .queue(let queue) = plan[id].action else { preconditionFailure("queued outside a queue state") }
            if case .keys(let digits)? = take({ if case .keys = $0 { true } else { false } }) {
                now += timing.keySeconds
                note(.caller, "caller presses \(digits) while waiting")
                return .digitsReceived(digits)
            }
            let step = take({ [.answer, .queueTimeout, .noAdvocates].contains($0) })
            if step == nil, nextStep < steps.count {
                throw mismatch("waits in queue '\(queue.queue.value)' (steps: answer, queue-timeout, no-advocates, a key, hangup)")
            }
            switch step {
            case .answer?, nil:
                now += timing.queueWaitSeconds
                note(.caller, "an advocate answers")
                return .queueResult(.answered)
            case .queueTimeout?:
                now += Double(queue.maxWaitSeconds)
                note(.caller, "no advocate answers within \(queue.maxWaitSeconds) s")
                return .queueResult(.timedOut)
            case .noAdvocates?:
                note(.caller, "no advocate is logged in")
                return .queueResult(.noAdvocates)
            default:
                preconditionFailure("take(_:) returned a step it does not accept")
            }
        case .withAdvocate:
            now += timing.conversationSeconds
            note(.caller, "the advocate conversation ends")
            return .conversationEnded
        case .transferring:
            let step = take({ if case .dialFailed = $0 { true } else { $0 == .answer } })
            if step == nil, nextStep < steps.count {
                throw mismatch("is being transferred (steps: answer, busy, noanswer, unavailable, congestion, hangup)")
            }
            switch step {
            case .dialFailed(let status)?:
                now += 20
                note(.caller, "the line answers \(status.rawValue)")
                return .transferFinished(status)
            case .answer?, nil:
                now += timing.transferSeconds
                note(.caller, "the line answers; the conversation ends")
                return .transferFinished(.answer)
            default:
                preconditionFailure("take(_:) returned a step it does not accept")
            }
        case .recording:
            let step = take({ if case .recorded = $0 { true } else { false } })
            if step == nil, nextStep < steps.count { throw mismatch("records a message (steps: record:SECONDS, hangup)") }
            switch step {
            case .recorded(let length)?:
                now += length
                note(.caller, length >= 1 ? "caller records \(seconds(length))" : "caller records nothing")
                return .recordingFinished(seconds: length)
            case nil:
                now += timing.recordingSeconds
                note(.caller, "caller records \(seconds(timing.recordingSeconds))")
                return .recordingFinished(seconds: timing.recordingSeconds)
            default:
                preconditionFailure("take(_:) returned a step it does not accept")
            }
        case .notStarted, .ended:
            preconditionFailure("the simulation asks for an event after the call ended")
        }
    }

    func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
