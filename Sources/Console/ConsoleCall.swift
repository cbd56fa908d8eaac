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
        write("☎  calling \(context.dialedNumber ?? "an unlisted number") — \(plan.name), plan \(plan.version). Keys 0-9 * # are the phone's; h hangs up.")
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
            case .enqueue(let request):
                say("waiting for \(request.interpreter ? "any advocate with an interpreter" : "an advocate") in queue '\(request.queue)', music on hold")
                switch choose("a advocate answers, t the maximum wait passes, n nobody is logged in, h hang up", from: "atnh") {
                case "a":
                    say("talking with an advocate")
                    _ = call.handle(.queueResult(.answered), at: now())
                    answer = choose("e the conversation ends, h hang up", from: "eh") == "e" ? .conversationEnded : .remoteHungUp
                case "t": answer = .queueResult(.timedOut)
                case "n": answer = .queueResult(.noAdvocates)
                default: answer = .remoteHungUp
                }
            case .transfer(let destination, let label):
                say("transferring to \(label) (\(destination))")
                switch choose("a the line answers and the call ends, b busy, n no answer, h hang up", from: "abnh") {
                case "a": answer = .transferFinished(.answer)
                case "b": answer = .transferFinished(.busy)
                case "n": answer = .transferFinished(.noAnswer)
                default: answer = .remoteHungUp
                }
            case .record(let request):
                say("recording up to \(request.maxSeconds) s\(request.beep ? " after the beep" : "") — type # to stop, s to say nothing, h to hang up")
                let began = Date()
                switch choose(nil, from: "#sh", within: Double(request.maxSeconds)) {
                case "s": answer = .recordingFinished(seconds: 0)
                case "h": answer = .remoteHungUp
                default: answer = .recordingFinished(seconds: Date().timeIntervalSince(began))
                }
            case .announce(let parts):
                for part in parts {
                    switch part {
                    case .prompt(let prompt): _ = play([prompt], escape: "")
                    case .number(let number, _): say("«\(number)»")
                    }
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
