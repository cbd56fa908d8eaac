import CallEngine
import Dialplan
import Foundation

/// Each engine action as the executes FreeSWITCH needs for it.
extension ESLSession {
    static let allKeys = "0123456789*#"

    mutating func start(_ action: CallAction, at now: Date, _ out: inout [ESLOutput]) {
        switch action {
        case .answer:
            execute("answer", "", .plain, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .play(let prompts, let escape):
            run(.terminators(then: .play(remaining: prompts[...], escape: escape)), at: now, &out)
        case .collect(let request):
            run(.terminators(then: .collectPrompt(remaining: request.prompts[...], request)), at: now, &out)
        case .record(let request):
            let path = "\(settings.recordingDirectory)/\(call.id).wav"
            run(.terminators(then: .record(request, path: path, startedAt: now)), at: now, &out)
        case .hangUp:
            execute("hangup", "NORMAL_CLEARING", .hangUp, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .logOutcome(let outcome):
            out.append(.outcome(outcome))
        case .joinQueue, .hold, .stopHold, .announce, .offer, .reportOffer, .leaveQueue, .transfer:
            out.append(.note("the plan reached a step the Event Socket adapter does not carry yet (queue, transfer, hold, announcement): the call ends as an error"))
            fail("not carried over the Event Socket yet", at: now)
        }
    }

    /// Starts a step: its execute, or for `terminators` the `set` that comes first.
    mutating func run(_ step: Step, at now: Date, _ out: inout [ESLOutput]) {
        switch step {
        case .terminators(let next):
            let keys: String
            switch next {
            case .play(_, let escape): keys = escape
            case .collectPrompt: keys = Self.allKeys
            case .record(let request, _, _): keys = request.escapeDigits
            default: keys = ""
            }
            execute("set", "playback_terminators=\(keys.isEmpty ? "none" : keys)", step, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .play(let remaining, let escape):
            play(remaining, escape: escape, at: now, &out)
        case .collectPrompt(let remaining, let request):
            collect(remaining, request, at: now, &out)
        case .collect(let request, let typed):
            let milliseconds = Int(max(1, request.timeoutSeconds) * 1000)
            let left = max(1, request.maxDigits - typed.count)
            let file = request.prompts.last.map(path) ?? "silence_stream://250"
            let prompt = typed.isEmpty ? file : "silence_stream://250"
            execute("play_and_get_digits", "1 \(left) 1 \(milliseconds) # \(prompt) silence_stream://250 hotline_digits ^[0-9*#]+$ \(milliseconds)",
                    step, timeout: settings.promptTimeoutSeconds + request.timeoutSeconds * Double(request.maxDigits), at: now, &out)
        case .record(let request, let path, _):
            execute("record", "\(path) \(request.maxSeconds) 200 \(settings.recordingSilenceSeconds)", .record(request, path: path, startedAt: now),
                    timeout: Double(request.maxSeconds) + settings.promptTimeoutSeconds, at: now, &out)
        case .plain, .hangUp:
            break
        }
    }

    func path(_ prompt: Prompt) -> String { "\(settings.promptFolder)/\(prompt.path).wav" }

    mutating func play(_ prompts: ArraySlice<Prompt>, escape: String, at now: Date, _ out: inout [ESLOutput]) {
        guard let prompt = prompts.first else {
            feed(.promptFinished(interruptedBy: nil), at: now)
            return
        }
        execute("playback", path(prompt), .play(remaining: prompts.dropFirst(), escape: escape), timeout: settings.promptTimeoutSeconds, at: now, &out)
    }

    /// A question: every prompt but the last by `playback` (any key stops it and is the answer's
    /// first key), the last by `play_and_get_digits`, which collects the rest.
    mutating func collect(_ prompts: ArraySlice<Prompt>, _ request: CollectRequest, at now: Date, _ out: inout [ESLOutput]) {
        if prompts.count <= 1 {
            run(.collect(request, typed: ""), at: now, &out)
        } else if let prompt = prompts.first {
            execute("playback", path(prompt), .collectPrompt(remaining: prompts.dropFirst(), request), timeout: settings.promptTimeoutSeconds, at: now, &out)
        }
    }
}
