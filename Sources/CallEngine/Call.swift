import Dialplan
import Foundation

/// One call running through a plan: a pure state machine. A channel feeds it events with the
/// time they happened and carries out the actions it returns. No IO, no clock, no randomness.
public struct Call: Sendable {
    /// Where the call is, waiting for which kind of event.
    public enum Phase: Hashable, Sendable {
        case notStarted
        /// Playing prompts of a play, a hangup or a record's instructions; waits for `promptFinished`.
        case playing(StateID)
        /// A menu or collect offered for the `attempt`-th time (0 first); waits for digits or a timeout.
        case collecting(StateID, attempt: Int)
        case recording(StateID)
        /// Waiting for an advocate, at `QueueStage` of the queue conversation.
        case queued(StateID, QueueStage)
        case transferring(StateID)
        case ended
    }

    public let id: CallID
    public let plan: Plan
    public internal(set) var phase: Phase = .notStarted
    /// Every state the call passed through, in order.
    public internal(set) var path: [StateID] = []
    /// The language prompts are played in.
    public internal(set) var language: String
    var entry: PlanEntry
    var dialedNumber: String?
    var attributes: [String: String] = [:]
    var choices: [String] = []
    var retries = 0
    var ending: CallEnding?
    var startedAt = Date(timeIntervalSince1970: 0)
    var waitingSince: Date?
    var secondsWaiting = 0.0
    var secondsWithAdvocate = 0.0
    var talkTimeUnknown = false
    var interpreter = false
    var overflowed = false

    static let allDigits = "0123456789*#"

    /// The most states one call may pass through. A caller pressing "repeat" a thousand times
    /// (or a plan that loops through a prompt) is ended here as an error, so one call cannot
    /// grow its path — and its call-log row — without bound.
    public static let maximumPathLength = 256

    /// The run-time switches that were on when the call started (the plan's `switches:`).
    let switchesOn: Set<String>

    /// `switchesOn`: the switches on now; the call keeps these positions to its end.
    public init(id: CallID, plan: Plan, switchesOn: Set<String> = []) {
        self.id = id
        self.plan = plan
        self.switchesOn = switchesOn
        language = plan.defaultLanguage
        entry = plan.defaultEntry
    }

    /// The state the call is in, if it is in one.
    public var currentState: StateID? {
        switch phase {
        case .playing(let id), .collecting(let id, _), .recording(let id), .queued(let id, _), .transferring(let id):
            id
        case .notStarted, .ended:
            path.last
        }
    }

    /// Feeds one event; returns what the channel must do. Events that do not fit the current
    /// phase (a confused or late peer) change nothing and return no action.
    public mutating func handle(_ event: CallEvent, at now: Date) -> [CallAction] {
        var actions: [CallAction] = []
        switch event {
        case .callStarted(let context):
            guard phase == .notStarted else { return [] }
            start(context, at: now)
            actions.append(.answer)
            enter(entry.start, at: now, &actions)
        case .remoteHungUp:
            guard phase != .notStarted, phase != .ended else { return [] }
            if case .queued = phase { actions.append(.leaveQueue) }
            classifyHangUp(at: now)
            actions.append(.logOutcome(finish(at: now)))
        case .channelFailed:
            guard phase != .ended else { return [] }
            if phase == .notStarted { startedAt = now }
            if case .queued = phase { actions.append(.leaveQueue) }
            stopClocks(at: now)
            ending = .error
            actions += [.hangUp, .logOutcome(finish(at: now))]
        case .promptFinished(let digit):
            guard case .playing(let id) = phase else { return [] }
            promptFinished(id, interruptedBy: digit, at: now, &actions)
        case .digitsReceived(let digits):
            if case .queued(let id, let stage) = phase {
                if stage == .holding { keyWhileWaiting(digits, in: id, musicOn: true, at: now, &actions) }
                return actions
            }
            guard case .collecting(let id, let attempt) = phase else { return [] }
            received(digits, in: id, attempt: attempt, at: now, &actions)
        case .queueWaiting, .queueAnnouncement, .advocateOffered, .queueResult, .announcementFinished, .offerFinished:
            guard case .queued(let id, let stage) = phase, case .queue(let queue) = plan[id].action else { return [] }
            queueConversation(event, in: id, queue, stage, at: now, &actions)
        case .inputTimedOut:
            guard case .collecting(let id, let attempt) = phase else { return [] }
            offerAgain(id, attempt: attempt, becauseInvalid: false, at: now, &actions)
        case .transferFinished(let result):
            guard case .transferring(let id) = phase, case .transfer(let transfer) = plan[id].action else { return [] }
            switch result {
            case .answered:
                // A connected emergency transfer stays an emergency in the statistics.
                ending = plan[id].ending ?? (ending == .emergency ? .emergency : .transferred)
                actions += [.hangUp, .logOutcome(finish(at: now))]
            case .callerGone:
                classifyHangUp(at: now)
                actions.append(.logOutcome(finish(at: now)))
            case .busy, .noAnswer, .unreachable:
                enter(transfer.failed, at: now, &actions)
            }
        case .recordingFinished(let seconds, let key):
            guard case .recording(let id) = phase, case .record(let record) = plan[id].action else { return [] }
            if seconds >= 1 { ending = .message }
            if let key, let target = plan.planKeys[String(key)] {
                // The caller in danger leaves the recording for the emergency path; what was said is kept.
                enter(target, at: now, &actions)
            } else if seconds >= 1 {
                enter(record.next, at: now, &actions)
            } else {
                enter(record.failed, at: now, &actions)
            }
        }
        return actions
    }

    /// A key while waiting: a queue key or a plan-wide key takes the caller out; others are ignored.
    mutating func keyWhileWaiting(_ digits: String, in id: StateID, musicOn: Bool, at now: Date, _ actions: inout [CallAction]) {
        guard case .queue(let queue) = plan[id].action else { return }
        let target: StateID
        if let choice = queue.choices.first(where: { $0.key.value == digits }) {
            apply(choice.assignments)
            choices.append(choice.meaning)
            target = choice.next
        } else if let planKey = plan.planKeys[digits] {
            target = planKey
        } else {
            if !musicOn { actions.append(.hold(music: queue.music)) }
            phase = .queued(id, .holding)
            return
        }
        stopClocks(at: now)
        actions.append(.leaveQueue)
        if musicOn { actions.append(.stopHold) }
        enter(target, at: now, &actions)
    }

    private mutating func start(_ context: CallContext, at now: Date) {
        startedAt = now
        dialedNumber = plan.declaredNumber(among: context.dialedNumbers)
        entry = plan.entry(forDialed: dialedNumber)
        if let language = context.language, plan.languages.contains(language) {
            self.language = language
        }
    }

    private mutating func promptFinished(_ id: StateID, interruptedBy digit: Character?, at now: Date, _ actions: inout [CallAction]) {
        if let digit, let target = plan.planKeys[String(digit)] {
            enter(target, at: now, &actions)
            return
        }
        switch plan[id].action {
        case .play(let play):
            enter(play.next, at: now, &actions)
        case .hangup:
            actions += [.hangUp, .logOutcome(finish(at: now))]
        case .record(let record):
            phase = .recording(id)
            actions.append(.record(recordRequest(record)))
        case .menu, .collect, .set, .goto, .hours, .branch, .queue, .transfer:
            preconditionFailure("state '\(plan[id].name)' never plays prompts on its own")
        }
    }

    private mutating func received(_ digits: String, in id: StateID, attempt: Int, at now: Date, _ actions: inout [CallAction]) {
        switch plan[id].action {
        case .menu(let menu):
            if let choice = menu.choices.first(where: { $0.key.value == digits }) {
                apply(choice.assignments)
                choices.append(choice.meaning)
                enter(choice.next, at: now, &actions)
            } else if let target = plan.planKeys[digits] {
                enter(target, at: now, &actions)
            } else {
                offerAgain(id, attempt: attempt, becauseInvalid: !digits.isEmpty, at: now, &actions)
            }
        case .collect(let collect):
            var entered = Substring(digits)
            if let terminator = collect.terminator, entered.hasSuffix(terminator) { entered = entered.dropLast() }
            let valid = entered.allSatisfy { $0.isASCII && $0.isNumber } && (collect.minDigits...collect.maxDigits).contains(entered.count)
            if valid {
                attributes[collect.attribute.value] = String(entered)
                enter(collect.next, at: now, &actions)
            } else {
                offerAgain(id, attempt: attempt, becauseInvalid: !entered.isEmpty, at: now, &actions)
            }
        case .play, .set, .goto, .hours, .branch, .record, .queue, .transfer, .hangup:
            preconditionFailure("state '\(plan[id].name)' never collects digits")
        }
    }

    /// Offers a menu or collect again after no input or an invalid entry, or gives up.
    private mutating func offerAgain(_ id: StateID, attempt: Int, becauseInvalid: Bool, at now: Date, _ actions: inout [CallAction]) {
        let limit: Int, exhausted: StateID, reason: [Located<PromptReference>], request: CollectRequest
        switch plan[id].action {
        case .menu(let menu):
            (limit, exhausted) = (menu.retries, menu.exhausted)
            reason = becauseInvalid ? menu.invalidPrompts : menu.noInputPrompts
            request = CollectRequest(prompts: resolve(reason + menu.prompts), maxDigits: 1, timeoutSeconds: menu.timeoutSeconds, terminator: nil)
        case .collect(let collect):
            (limit, exhausted) = (collect.retries, collect.exhausted)
            reason = becauseInvalid ? collect.invalidPrompts : collect.noInputPrompts
            request = CollectRequest(prompts: resolve(reason + collect.prompts), maxDigits: collect.maxDigits, timeoutSeconds: collect.timeoutSeconds, terminator: collect.terminator)
        case .play, .set, .goto, .hours, .branch, .record, .queue, .transfer, .hangup:
            preconditionFailure("state '\(plan[id].name)' never collects digits")
        }
        guard attempt < limit else {
            enter(exhausted, at: now, &actions)
            return
        }
        retries += 1
        phase = .collecting(id, attempt: attempt + 1)
        actions.append(.collect(request))
    }
}
