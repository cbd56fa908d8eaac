import Dialplan
import Foundation

extension Call {
    /// Enters `target` and runs through states that need no IO (set, goto, hours, switch) until
    /// one asks the channel for something.
    mutating func enter(_ target: StateID, at now: Date, _ actions: inout [CallAction]) {
        var id = target
        for _ in 0...plan.states.count {
            guard path.count < Self.maximumPathLength else {
                ending = .error
                actions += [.hangUp, .logOutcome(finish(at: now))]
                return
            }
            path.append(id)
            let state = plan[id]
            if let declared = state.ending { ending = declared }
            switch state.action {
            case .play(let play):
                phase = .playing(id)
                actions.append(.play(resolve(play.prompts), escapeDigits: play.interruptible ? Self.allDigits : plan.planKeyDigits))
                return
            case .menu(let menu):
                phase = .collecting(id, attempt: 0)
                actions.append(.collect(CollectRequest(prompts: resolve(menu.prompts), maxDigits: 1, timeoutSeconds: menu.timeoutSeconds, terminator: nil)))
                return
            case .collect(let collect):
                phase = .collecting(id, attempt: 0)
                actions.append(.collect(CollectRequest(prompts: resolve(collect.prompts), maxDigits: collect.maxDigits, timeoutSeconds: collect.timeoutSeconds, terminator: collect.terminator)))
                return
            case .set(let set):
                apply(set.assignments)
                id = set.next
            case .goto(let next):
                id = next
            case .hours(let branch):
                switch plan.hours[branch.hours.value]?.status(at: now, calendar: plan.calendar) ?? .closed {
                case .open: id = branch.open
                case .closed: id = branch.closed
                case .holiday: id = branch.holiday ?? branch.closed
                }
            case .branch(let branch):
                let value = attribute(branch.attribute.value)
                id = branch.cases.first { $0.value.value == value }?.next ?? branch.otherwise
            case .record(let record):
                if record.prompts.isEmpty {
                    phase = .recording(id)
                    actions.append(.record(recordRequest(record)))
                } else {
                    // The instructions cannot be skipped, but the plan-wide keys work in them.
                    phase = .playing(id)
                    actions.append(.play(resolve(record.prompts), escapeDigits: plan.planKeyDigits))
                }
                return
            case .queue(let queue):
                phase = .queued(id, .joining)
                waitingSince = now
                actions.append(.joinQueue(QueueRequest(queue: queue.queue.value, language: language, priority: queue.priority,
                                                       maxWaitSeconds: queue.maxWaitSeconds, music: queue.music, interpreter: queue.interpreter)))
                return
            case .transfer(let transfer):
                phase = .transferring(id)
                actions.append(.transfer(destination: transfer.destination.value, label: transfer.label))
                return
            case .hangup(let hangup):
                if let declared = hangup.ending { ending = declared }
                if hangup.prompts.isEmpty {
                    actions += [.hangUp, .logOutcome(finish(at: now))]
                } else {
                    phase = .playing(id)
                    actions.append(.play(resolve(hangup.prompts), escapeDigits: plan.planKeyDigits))
                }
                return
            }
        }
        // More automatic steps than states: a loop the checker should have refused. End cleanly.
        ending = .error
        actions += [.hangUp, .logOutcome(finish(at: now))]
    }

    func recordRequest(_ record: Record<StateID>) -> RecordRequest {
        RecordRequest(maxSeconds: record.maxSeconds, beep: record.beep, terminator: "#", planKeys: plan.planKeyDigits)
    }

    func resolve(_ prompts: [Located<PromptReference>]) -> [Prompt] {
        prompts.map { Prompt(name: $0.value.name, language: $0.value.language ?? language) }
    }

    mutating func apply(_ assignments: [Assignment]) {
        for assignment in assignments {
            if assignment.attribute.value == "language" {
                language = assignment.value.value
            } else {
                attributes[assignment.attribute.value] = assignment.value.value
            }
        }
    }

    func attribute(_ name: String) -> String? {
        switch name {
        case "language": language
        case "campaign": entry.campaign
        case _ where name.hasPrefix(PlanSwitch.attributePrefix):
            // Compared by name: building each switch's `switch.NAME` cost a string per switch.
            plan.switches.first { $0.name == name.dropFirst(PlanSwitch.attributePrefix.count) }.map { switchesOn.contains($0.name) ? "on" : "off" }
        default: attributes[name]
        }
    }

    /// How a caller's hang-up classifies the call, from where it happened.
    mutating func classifyHangUp(at now: Date) {
        switch phase {
        case .queued:
            ending = .abandonedInQueue
        case .recording:
            ending = .message
        case .playing(let id):
            if case .hangup(let hangup) = plan[id].action {
                ending = hangup.ending ?? ending ?? .goodbye
            }
        case .collecting, .transferring, .notStarted, .ended:
            break
        }
        if ending == nil { ending = .abandonedInIVR }
        stopClocks(at: now)
    }

    mutating func stopClocks(at now: Date) {
        if let since = waitingSince {
            secondsWaiting += now.timeIntervalSince(since)
            waitingSince = nil
        }
    }

    /// Ends the call and builds its one outcome.
    mutating func finish(at now: Date) -> CallOutcome {
        stopClocks(at: now)
        phase = .ended
        let total = max(0, now.timeIntervalSince(startedAt))
        let endedIn = path.last.map { plan[$0].name } ?? ""
        return CallOutcome(callID: id.description, startedAt: startedAt, dialedNumber: dialedNumber, campaign: entry.campaign,
                           language: language, ending: ending ?? .goodbye, endedIn: endedIn, path: path.map { plan[$0].name },
                           choices: choices, secondsInIVR: max(0, total - secondsWaiting - secondsWithAdvocate),
                           secondsWaiting: secondsWaiting, secondsWithAdvocate: secondsWithAdvocate,
                           retries: retries, planVersion: plan.version, interpreter: interpreter, overflowed: overflowed,
                           talkTimeUnknown: talkTimeUnknown)
    }
}
