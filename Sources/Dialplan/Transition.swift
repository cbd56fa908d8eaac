/// An edge of the call-flow graph: what makes a call leave a state for another.
public struct Transition<Target: Hashable & Sendable>: Hashable, Sendable {
    public var target: Target
    public var trigger: Trigger

    public init(_ target: Target, _ trigger: Trigger) {
        self.target = target
        self.trigger = trigger
    }
}

/// Why a call follows a transition. Used by the checker (loops, reachability, policies) and graphs.
public enum Trigger: Hashable, Sendable, CustomStringConvertible {
    case next
    /// A collect received valid digits.
    case digitsEntered
    /// A record kept a message.
    case recorded
    case key(String)
    case planKey(String)
    case exhausted
    case open
    case closed
    case holiday
    case branchCase(String)
    case otherwise
    case failed
    case timedOut
    case noAdvocates
    case afterAdvocate

    /// Whether the caller (or an advocate) must do something for the call to take this edge.
    /// A cycle made only of edges that need nobody is a call that loops forever.
    public var needsSomebody: Bool {
        switch self {
        case .key, .planKey, .digitsEntered, .recorded, .afterAdvocate: true
        case .next, .exhausted, .open, .closed, .holiday, .branchCase, .otherwise, .failed, .timedOut, .noAdvocates: false
        }
    }

    public var description: String {
        switch self {
        case .next: "next"
        case .digitsEntered: "digits"
        case .recorded: "recorded"
        case .key(let key): "key \(key)"
        case .planKey(let key): "plan-wide key \(key)"
        case .exhausted: "retries exhausted"
        case .open: "open"
        case .closed: "closed"
        case .holiday: "holiday"
        case .branchCase(let value): "= \(value)"
        case .otherwise: "otherwise"
        case .failed: "failed"
        case .timedOut: "max wait"
        case .noAdvocates: "no advocates"
        case .afterAdvocate: "after advocate"
        }
    }
}

extension StateAction {
    /// The edges this state declares itself (plan-wide keys are added by the plan).
    public var transitions: [Transition<Target>] {
        switch self {
        case .play(let play):
            return [Transition(play.next, .next)]
        case .menu(let menu):
            return menu.choices.map { Transition($0.next, .key($0.key.value)) } + [Transition(menu.exhausted, .exhausted)]
        case .collect(let collect):
            return [Transition(collect.next, .digitsEntered), Transition(collect.exhausted, .exhausted)]
        case .set(let set):
            return [Transition(set.next, .next)]
        case .goto(let target):
            return [Transition(target, .next)]
        case .hours(let hours):
            var edges = [Transition(hours.open, .open), Transition(hours.closed, .closed)]
            if let holiday = hours.holiday { edges.append(Transition(holiday, .holiday)) }
            return edges
        case .branch(let branch):
            return branch.cases.map { Transition($0.next, .branchCase($0.value.value)) } + [Transition(branch.otherwise, .otherwise)]
        case .record(let record):
            return [Transition(record.next, .recorded), Transition(record.failed, .failed)]
        case .queue(let queue):
            var edges = [Transition(queue.timedOut, .timedOut), Transition(queue.noAdvocates, .noAdvocates)]
            edges += queue.choices.map { Transition($0.next, .key($0.key.value)) }
            if let after = queue.after { edges.append(Transition(after, .afterAdvocate)) }
            return edges
        case .transfer(let transfer):
            return [Transition(transfer.failed, .failed)]
        case .hangup:
            return []
        }
    }

    /// Whether plan-wide keys work while the call is in this state.
    public var acceptsPlanKeys: Bool {
        switch self {
        case .play, .menu, .queue: true
        case .collect, .set, .goto, .hours, .branch, .record, .transfer, .hangup: false
        }
    }

    /// Whether a call can end in this state (a person answers, a transfer connects, a hang-up).
    public var canEndCall: Bool {
        switch self {
        case .queue, .transfer, .hangup: true
        case .play, .menu, .collect, .set, .goto, .hours, .branch, .record: false
        }
    }

    /// Every prompt the state plays.
    public var prompts: [Located<PromptReference>] {
        switch self {
        case .play(let play): play.prompts
        case .menu(let menu): menu.prompts + menu.noInputPrompts + menu.invalidPrompts
        case .collect(let collect): collect.prompts + collect.noInputPrompts + collect.invalidPrompts
        case .record(let record): record.prompts
        case .hangup(let hangup): hangup.prompts
        case .queue(let queue): queue.announcement.map { [$0.position, $0.wait, $0.minutes] } ?? []
        case .set, .goto, .hours, .branch, .transfer: []
        }
    }
}
