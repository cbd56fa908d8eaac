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
    var lastAnnouncement: [AnnouncementPart] = []
    /// The simulated queue has told the waiting caller their place.
    var announced = false
    /// When the caller joined the queue they wait in.
    var joinedQueueAt: Date?

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
        let number = plan.declaredNumber(among: context.dialedNumbers)
        note(.caller, "call to \(number ?? "an unlisted number") (campaign \(plan.entry(forDialed: number).campaign))")
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
        case .queued(let id, let stage):
            guard case .queue(let queue) = plan[id].action else { preconditionFailure("queued outside a queue state") }
            return try queueEvent(queue, stage)
        case .transferring:
            let step = take({ if case .dialFailed = $0 { true } else { $0 == .answer } })
            if step == nil, nextStep < steps.count {
                throw mismatch("is being transferred (steps: answer, busy, noanswer, unavailable, congestion, hangup)")
            }
            switch step {
            case .dialFailed(let result)?:
                now += 20
                note(.caller, "the line answers \(CallScript.Step.name(result))")
                return .transferFinished(result)
            case .answer?, nil:
                now += timing.transferSeconds
                note(.caller, "the line answers; the conversation ends")
                return .transferFinished(.answered(talkSeconds: timing.transferSeconds))
            default:
                preconditionFailure("take(_:) returned a step it does not accept")
            }
        case .recording:
            let step = take({
                switch $0 {
                case .recorded, .interrupt: true
                default: false
                }
            })
            if step == nil, nextStep < steps.count { throw mismatch("records a message (steps: record:SECONDS, interrupt:KEY, hangup)") }
            switch step {
            case .interrupt(let key)?:
                now += 1
                note(.caller, "caller presses \(key) while recording")
                return .recordingFinished(seconds: 0, endedBy: key)
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

    /// The simulated queue: it tells the caller their place once (when the plan announces),
    /// then an advocate is offered after the usual wait, unless the script says otherwise.
    mutating func queueEvent(_ queue: QueueStep<StateID>, _ stage: QueueStage) throws(Simulation.StepMismatch) -> CallEvent {
        let timing = simulation.timing
        switch stage {
        case .joining:
            if take({ $0 == .noAdvocates }) != nil {
                note(.caller, "no advocate is logged in")
                return .queueResult(.noAdvocates)
            }
            note(.caller, "no advocate is free yet: the caller waits in line")
            return .queueWaiting
        case .holding:
            if !announced, queue.announcement != nil {
                announced = true
                note(.caller, "the queue tells the caller their place")
                return .queueAnnouncement(position: 1, estimatedWaitSeconds: nil)
            }
            if case .keys(let digits)? = take({ if case .keys = $0 { true } else { false } }) {
                now += timing.keySeconds
                note(.caller, "caller presses \(digits) while waiting")
                return .digitsReceived(digits)
            }
            let step = take({ [.answer, .queueTimeout].contains($0) })
            if step == nil, nextStep < steps.count, !(steps[nextStep].isDialFailure) {
                throw mismatch("waits in queue '\(queue.queue.value)' (steps: answer, busy, noanswer, unavailable, queue-timeout, a key, hangup)")
            }
            if step == .queueTimeout {
                now = max(now, (joinedQueueAt ?? now).addingTimeInterval(Double(queue.maxWaitSeconds)))
                note(.caller, "no advocate answers within \(queue.maxWaitSeconds) s")
                return .queueResult(.timedOut)
            }
            now += timing.queueWaitSeconds
            note(.caller, "an advocate is free")
            return .advocateOffered(QueueOffer(endpoint: "simulated", ringSeconds: 20, language: call.language, interpreter: queue.interpreter))
        case .announcing:
            let escape = lastEscapeDigits
            let heard = lastAnnouncement.reduce(0.0) { total, part in
                switch part {
                case .prompt(let prompt): total + timing.seconds([prompt])
                case .number: total + 1
                }
            }
            if let step = take({ step in
                switch step {
                case .interrupt(let key): escape.contains(key)
                case .keys(let digits): digits.count == 1 && escape.contains(digits)
                default: false
                }
            }) {
                let key: Character = switch step {
                case .interrupt(let key): key
                case .keys(let digits): digits.first!
                default: preconditionFailure("take(_:) returned a step it does not accept")
                }
                now += heard / 2
                note(.caller, "caller presses \(key) during the announcement")
                return .announcementFinished(interruptedBy: key)
            }
            now += heard
            return .announcementFinished(interruptedBy: nil)
        case .ringing:
            if case .dialFailed(let result)? = take({ $0.isDialFailure }) {
                now += 20
                note(.caller, "the advocate's phone: \(CallScript.Step.name(result))")
                return .offerFinished(result)
            }
            now += timing.conversationSeconds
            note(.caller, "the advocate answers; the conversation ends after \(seconds(timing.conversationSeconds))")
            return .offerFinished(.answered(talkSeconds: timing.conversationSeconds))
        }
    }

    func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
