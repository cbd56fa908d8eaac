import CallEngine
import Dialplan
import Foundation

/// Calls a plan from a terminal like a phone: the same engine the PBX drives, with prompts
/// played through an `AudioOutput`, their words shown as subtitles, keys typed as DTMF, and the
/// current state always shown. Time is the wall clock, from the chosen local start time.
public final class ConsoleCall {
    let plan: Plan
    let promptsRoot: String
    let texts: [Prompt: String]
    let audio: any AudioOutput
    let keyboard: Keyboard
    let write: (String) -> Void
    var call: Call
    var startedAt = Date()
    var engineStart = Date()
    var outcome: CallOutcome?
    /// The queue has told the waiting caller their place (as the real queue does when they join).
    var announced = false

    static let dtmf = "0123456789*#"

    public init(plan: Plan, promptsRoot: String, texts: [Prompt: String], audio: any AudioOutput, keyboard: Keyboard,
                write: @escaping (String) -> Void = { print($0) }) {
        self.plan = plan
        self.promptsRoot = promptsRoot
        self.texts = texts
        self.audio = audio
        self.keyboard = keyboard
        self.write = write
        call = Call(id: CallID.random(), plan: plan)
    }

    /// Runs one call to its end and returns its outcome.
    public func run(_ context: CallContext, at start: Date) -> CallOutcome {
        engineStart = start
        startedAt = Date()
        write("☎  calling \(plan.declaredNumber(among: context.dialedNumbers) ?? "an unlisted number") — \(plan.name), plan \(plan.version). Keys 0-9 * # are the phone's; h hangs up.")
        var event: CallEvent? = .callStarted(context)
        while let next = event, outcome == nil {
            event = perform(call.handle(next, at: now()))
        }
        return outcome ?? call.handle(.remoteHungUp, at: now()).compactMap { if case .logOutcome(let o) = $0 { o } else { nil } }.first!
    }

    func now() -> Date { engineStart.addingTimeInterval(Date().timeIntervalSince(startedAt)) }

    var state: String { call.currentState.map { plan[$0].name } ?? "" }

    func say(_ text: String) { write("[\(state)] \(text)") }

    /// Carries out one batch of actions; returns the event that answers the last one.
    func perform(_ actions: [CallAction]) -> CallEvent? {
        var answer: CallEvent?
        for action in actions {
            switch action {
            case .answer:
                say("answered")
            case .play(let prompts, let escape):
                answer = .promptFinished(interruptedBy: play(prompts, escape: escape))
                if answer == .promptFinished(interruptedBy: "h") { answer = .remoteHungUp }
            case .collect(let request):
                answer = collect(request)
            case .joinQueue(let request):
                say("waiting for \(request.interpreter ? "any advocate with an interpreter" : "an advocate") in queue '\(request.queue)'")
                announced = false
                answer = .queueWaiting
            case .hold(let music):
                say("music on hold '\(music)'")
                answer = hold()
            case .stopHold:
                say("music off")
            case .announce(let parts, let escape):
                answer = announce(parts, escape: escape)
            case .offer(let offer, _):
                say("ringing an advocate (whisper: \(offer.language)\(offer.interpreter ? ", interpreter needed" : ""))")
                answer = ring(offer)
            case .reportOffer:
                break
            case .transfer(let destination, let label):
                say("transferring to \(label) (\(destination))")
                switch choose("a the line answers and the call ends, b busy, n no answer, h hang up", from: "abnh") {
                case "a": answer = .transferFinished(.answered(talkSeconds: nil))
                case "b": answer = .transferFinished(.busy)
                case "n": answer = .transferFinished(.noAnswer)
                default: answer = .remoteHungUp
                }
            case .record(let request):
                say("recording up to \(request.maxSeconds) s\(request.beep ? " after the beep" : "") — type # to stop, s to say nothing, h to hang up")
                let began = Date()
                switch choose(nil, from: "#sh" + request.planKeys, within: Double(request.maxSeconds)) {
                case "s": answer = .recordingFinished(seconds: 0)
                case "h": answer = .remoteHungUp
                case let key where request.planKeys.contains(key):
                    answer = .recordingFinished(seconds: Date().timeIntervalSince(began), endedBy: key)
                default: answer = .recordingFinished(seconds: Date().timeIntervalSince(began))
                }
            case .leaveQueue:
                say("leaves the queue")
            case .hangUp:
                say("the hotline hangs up")
            case .logOutcome(let outcome):
                self.outcome = outcome
                write("✔  outcome: \(outcome.ending.rawValue) in '\(outcome.endedIn)', language \(outcome.language); path \(outcome.path.joined(separator: " → "))")
            }
        }
        return answer
    }

    /// On hold: the caller's keys are DTMF; letters stand for what the queue does.
    func hold() -> CallEvent {
        if !announced, case .queued(let id, _) = call.phase, case .queue(let queue) = plan[id].action, queue.announcement != nil {
            announced = true
            return .queueAnnouncement(position: 1, estimatedWaitSeconds: nil)
        }
        say("? a an advocate is free, p the queue announces your place, t the maximum wait passes, n nobody is logged in, h hang up; 0-9 * # are the phone's keys")
        while true {
            guard let key = keyboard.key(within: 3600) else { return .remoteHungUp }
            switch key {
            case "a":
                guard case .queued(_, _) = call.phase else { continue }
                return .advocateOffered(QueueOffer(endpoint: "console", ringSeconds: 20, language: call.language, interpreter: false))
            case "p": return .queueAnnouncement(position: 1, estimatedWaitSeconds: nil)
            case "t": return .queueResult(.timedOut)
            case "n": return .queueResult(.noAdvocates)
            case "h": return .remoteHungUp
            default:
                guard Self.dtmf.contains(key) else { continue }
                say("pressed \(key)")
                return .digitsReceived(String(key))
            }
        }
    }

    /// An announcement: prompts played, numbers shown; a key in `escape` cuts it short.
    func announce(_ parts: [AnnouncementPart], escape: String) -> CallEvent {
        for part in parts {
            switch part {
            case .prompt(let prompt):
                if let key = play([prompt], escape: escape) {
                    return key == "h" ? .remoteHungUp : .announcementFinished(interruptedBy: key)
                }
            case .number(let number, _):
                say("«\(number)»")
            }
        }
        return .announcementFinished(interruptedBy: nil)
    }

    /// The advocate's phone rings: what happens is the operator's choice.
    func ring(_ offer: QueueOffer) -> CallEvent {
        switch choose("a the advocate answers, b busy, n no answer, u unreachable, h hang up", from: "abnuh") {
        case "a":
            say("talking with an advocate")
            let began = Date()
            _ = choose("e the conversation ends, h hang up", from: "eh")
            return .offerFinished(.answered(talkSeconds: Date().timeIntervalSince(began)))
        case "b": return .offerFinished(.busy)
        case "n": return .offerFinished(.noAnswer)
        case "u": return .offerFinished(.unreachable)
        default: return .offerFinished(.callerGone)
        }
    }

    /// Plays prompts; returns the escape key that cut them short (or h).
    func play(_ prompts: [Prompt], escape: String) -> Character? {
        for prompt in prompts {
            say("▶ \(prompt.path)" + (texts[prompt].map { "  “\($0)”" } ?? ""))
            let interrupt: () -> Character? = { [keyboard] in
                guard let key = keyboard.key(within: 0) else { return keyboard.ended ? "h" : nil }
                return escape.contains(key) || key == "h" ? key : nil
            }
            do {
                let samples = try WAVSamples(path: "\(promptsRoot)/\(prompt.path).wav")
                if let key = try audio.play(samples: samples.samples, sampleRate: samples.sampleRate, interrupt: interrupt) { return key }
            } catch {
                say("(cannot play \(prompt.path): \(error))")
                if let key = interrupt() { return key }
            }
        }
        return nil
    }

    func collect(_ request: CollectRequest) -> CallEvent {
        var digits = ""
        if let key = play(request.prompts, escape: Self.dtmf) {
            if key == "h" { return .remoteHungUp }
            digits.append(key)
        }
        while digits.count < request.maxDigits, String(digits.last ?? " ") != request.terminator {
            if digits.isEmpty { say("⌨ waiting for a key (\(Int(request.timeoutSeconds)) s)") }
            guard let key = keyboard.key(within: request.timeoutSeconds) else {
                if keyboard.ended { return .remoteHungUp }
                break
            }
            if key == "h" { return .remoteHungUp }
            guard Self.dtmf.contains(key) else { continue }
            say("pressed \(key)")
            digits.append(key)
        }
        return digits.isEmpty ? .inputTimedOut : .digitsReceived(digits)
    }

    /// Waits for one of `keys`; end of input counts as h.
    func choose(_ prompt: String?, from keys: String, within seconds: Double = 3600) -> Character {
        if let prompt { say("? \(prompt)") }
        while true {
            guard let key = keyboard.key(within: seconds) else { return keyboard.ended ? "h" : keys.first! }
            if keys.contains(key) { return key }
        }
    }
}
