import CallEngine
import Dialplan
import Foundation

/// Transcript lines: what each state decided and what each action asked for.
extension Run {
    mutating func note(_ kind: Transcript.Line.Kind, _ text: String) {
        lines.append(Transcript.Line(at: now.timeIntervalSince(start), kind: kind, state: stateName, text: text))
    }

    mutating func describeEntering(_ id: StateID) {
        let state = plan[id]
        var text = "\(state.action.keyword) state '\(state.name)'"
        switch state.action {
        case .hours(let branch):
            switch plan.hours[branch.hours.value]?.status(at: now, calendar: plan.calendar) {
            case .open?: text += ": hours '\(branch.hours.value)' open"
            case .closed?, nil: text += ": hours '\(branch.hours.value)' closed"
            case .holiday(let name)?: text += ": hours '\(branch.hours.value)' closed for \(name)"
            }
        case .set(let set):
            text += ": " + set.assignments.map { "\($0.attribute.value) = \($0.value.value)" }.joined(separator: ", ")
        case .branch(let branch):
            text += ": \(branch.attribute.value) is \(call.language)"
        case .play, .menu, .collect, .goto, .record, .queue, .transfer, .hangup:
            break
        }
        lines.append(Transcript.Line(at: now.timeIntervalSince(start), kind: .state, state: state.name, text: text))
    }

    mutating func describe(_ action: CallAction) {
        switch action {
        case .answer:
            note(.action, "answer")
        case .play(let prompts, let escape):
            lastPlayed = prompts
            lastEscapeDigits = escape
            let keys = escape.isEmpty ? "not interruptible" : escape == "0123456789*#" ? "any key interrupts" : "only \(escape.map(String.init).joined(separator: ", ")) interrupts"
            note(.action, "play \(list(prompts)) (\(keys))")
            subtitles(prompts)
        case .collect(let request):
            lastPlayed = request.prompts
            lastEscapeDigits = ""
            let digits = request.maxDigits == 1 ? "1 key" : "up to \(request.maxDigits) digits"
            note(.action, "collect \(digits) after \(list(request.prompts)), \(seconds(request.timeoutSeconds)) timeout")
            subtitles(request.prompts)
        case .joinQueue(let request):
            joinedQueueAt = now
            announced = false
            let who = request.interpreter ? "any advocate with an interpreter for \(request.language)" : "a \(request.language)-speaking advocate"
            note(.action, "queue '\(request.queue)' for \(who), priority \(request.priority), max wait \(request.maxWaitSeconds) s")
        case .hold(let music):
            note(.action, "music on hold '\(music)', listening for keys")
        case .stopHold:
            note(.action, "music off")
        case .offer(let offer, _):
            let whisper = offer.interpreter ? "\(offer.language), interpreter needed" : offer.language
            note(.action, "ring an advocate (up to \(offer.ringSeconds) s; whisper: \(whisper))")
        case .reportOffer(let result):
            switch result {
            case .answered(let talk?): note(.action, "tell the queue: the advocate talked \(seconds(talk))")
            case .answered(nil): note(.action, "tell the queue: the advocate talked (length unknown)")
            case .busy, .noAnswer, .unreachable, .callerGone: note(.action, "tell the queue: the advocate's phone \(CallScript.Step.name(result))")
            }
        case .transfer(let destination, let label):
            note(.action, "transfer to \(label) (\(destination))")
        case .record(let request):
            note(.action, "record up to \(request.maxSeconds) s\(request.beep ? " after a beep" : ""), \(request.terminator) ends")
        case .announce(let parts, let escape):
            lastAnnouncement = parts
            lastEscapeDigits = escape
            let words = parts.map { part -> String in
                switch part {
                case .prompt(let prompt): prompt.path
                case .number(let number, let language): "«\(number)» (\(language))"
                }
            }
            note(.action, "announce " + words.joined(separator: " ") + " (only \(escape.map(String.init).joined(separator: ", ")) interrupts)")
        case .leaveQueue:
            note(.action, "leave the queue")
        case .hangUp:
            note(.action, "hang up")
        case .logOutcome(let outcome):
            self.outcome = outcome
            note(.action, "log outcome \(outcome.ending.rawValue)")
        }
    }

    private func list(_ prompts: [Prompt]) -> String {
        prompts.isEmpty ? "nothing" : prompts.map(\.path).joined(separator: ", ")
    }

    private mutating func subtitles(_ prompts: [Prompt]) {
        for prompt in prompts {
            if let words = simulation.promptTexts[prompt] { note(.subtitle, "\(prompt.path): “\(words)”") }
        }
    }
}
