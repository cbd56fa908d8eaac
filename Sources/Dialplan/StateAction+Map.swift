extension StateAction {
    /// The same action naming its targets another way (names → indices when compiling).
    public func mapTargets<New>(_ transform: (Target) -> New) -> StateAction<New> {
        switch self {
        case .play(let p):
            return .play(Play(prompts: p.prompts, interruptible: p.interruptible, next: transform(p.next)))
        case .menu(let m):
            return .menu(Menu(prompts: m.prompts,
                              choices: m.choices.map { MenuChoice(key: $0.key, next: transform($0.next), assignments: $0.assignments, meaning: $0.meaning) },
                              timeoutSeconds: m.timeoutSeconds, retries: m.retries, noInputPrompts: m.noInputPrompts,
                              invalidPrompts: m.invalidPrompts, exhausted: transform(m.exhausted)))
        case .collect(let c):
            return .collect(Collect(prompts: c.prompts, attribute: c.attribute, minDigits: c.minDigits, maxDigits: c.maxDigits,
                                    terminator: c.terminator, timeoutSeconds: c.timeoutSeconds, retries: c.retries,
                                    noInputPrompts: c.noInputPrompts, invalidPrompts: c.invalidPrompts,
                                    next: transform(c.next), exhausted: transform(c.exhausted)))
        case .set(let s):
            return .set(SetAttributes(assignments: s.assignments, next: transform(s.next)))
        case .goto(let target):
            return .goto(transform(target))
        case .hours(let h):
            return .hours(HoursBranch(hours: h.hours, open: transform(h.open), closed: transform(h.closed), holiday: h.holiday.map(transform)))
        case .branch(let b):
            return .branch(Branch(attribute: b.attribute, cases: b.cases.map { BranchCase(value: $0.value, next: transform($0.next)) }, otherwise: transform(b.otherwise)))
        case .record(let r):
            return .record(Record(prompts: r.prompts, maxSeconds: r.maxSeconds, beep: r.beep, next: transform(r.next), failed: transform(r.failed)))
        case .queue(let q):
            return .queue(QueueStep(queue: q.queue, priority: q.priority, maxWaitSeconds: q.maxWaitSeconds, music: q.music, interpreter: q.interpreter,
                                    choices: q.choices.map { MenuChoice(key: $0.key, next: transform($0.next), assignments: $0.assignments, meaning: $0.meaning) },
                                    announcement: q.announcement,
                                    timedOut: transform(q.timedOut), noAdvocates: transform(q.noAdvocates), after: q.after.map(transform)))
        case .transfer(let t):
            return .transfer(Transfer(destination: t.destination, label: t.label, failed: transform(t.failed)))
        case .hangup(let h):
            return .hangup(h)
        }
    }
}
