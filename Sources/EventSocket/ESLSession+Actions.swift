import CallEngine
import Dialplan
import Foundation

/// Each engine action as the executes FreeSWITCH needs for it.
extension ESLSession {
    static let allKeys = "0123456789*#"

    mutating func start(_ action: CallAction, at now: Date, _ out: inout [ESLOutput]) {
        switch action {
        case .joinQueue, .reportOffer, .leaveQueue, .logOutcome: break
        case .hold(let music): holdMusic = music
        case .answer, .play, .collect, .stopHold, .announce, .offer, .transfer, .record, .hangUp:
            holding = false
            holdMusic = nil
            keys = []
        }
        switch action {
        case .answer:
            execute("answer", "", .plain, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .play(let prompts, let escape):
            run(.terminators(then: .play(remaining: prompts[...], escape: escape)), at: now, &out)
        case .collect(let request):
            run(.terminators(then: .collectPrompt(remaining: request.prompts[...], request)), at: now, &out)
        case .record(let request):
            let path = "\(settings.recordingDirectory)/\(call.id).wav"
            let record = Step.record(request, path: path, startedAt: now)
            run(.terminators(then: request.beep ? .beep(then: record) : record), at: now, &out)
        case .hangUp:
            execute("hangup", "NORMAL_CLEARING", .hangUp, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .logOutcome(let outcome):
            out.append(.outcome(outcome))
        case .joinQueue(let request):
            out.append(.joinQueue(request))
        case .reportOffer(let result):
            out.append(.offerFinished(result))
        case .leaveQueue:
            queueNews.removeAll()
            out.append(.leaveQueue)
        case .hold:
            // The music starts from `pump` once nothing else is to be done.
            holding = true
        case .stopHold:
            // The music was broken off before this action could start (see `pump`), or it had
            // stopped by itself: nothing plays any more.
            holding = false
        case .announce(let parts, let escape):
            run(.terminators(then: .announce(remaining: parts[...], escape: escape)), at: now, &out)
        case .offer(let offer, let music):
            bridge(offer.endpoint, ringSeconds: offer.ringSeconds, music: music, whisper: whisper(offer), offer: true, at: now, &out)
        case .transfer(let destination, _):
            bridge(destination, ringSeconds: settings.transferRingSeconds, music: nil, whisper: nil, offer: false, at: now, &out)
        }
    }

    /// The beep before a recording, as Asterisk's RECORD FILE … BEEP gives.
    static let beepTone = "tone_stream://%(500,0,800)"

    /// A ring tone (North American: 440 + 480 Hz, 2 s on, 4 s off) by mod_tone_stream.
    static let ringTone = "tone_stream://%(2000,4000,440,480);loops=-1"

    /// The whisper the advocate hears on answer, before the caller is put through: the caller's
    /// language, and whether an interpreter is needed (as `[hotline-whisper]` does on Asterisk).
    func whisper(_ offer: QueueOffer) -> String {
        var files = ["\(settings.promptFolder)/whisper/language-\(offer.language).wav"]
        if offer.interpreter { files.append("\(settings.promptFolder)/whisper/interpreter-needed.wav") }
        return "file_string://" + files.joined(separator: "!")
    }

    /// A bridge that returns the caller whatever happens to the far end: `continue_on_fail` (a
    /// failed bridge would hang the caller up, 06b, 06d) and `hangup_after_bridge=false` (the
    /// call goes on when the far end hangs up, 06), set once per call before the first bridge.
    mutating func bridge(_ destination: String, ringSeconds: Int, music: String?, whisper: String?, offer: Bool, at now: Date, _ out: inout [ESLOutput]) {
        let target: String
        do {
            target = try ESLDialString.translate(destination)
        } catch {
            out.append(.note("a \(offer ? "call to an advocate" : "transfer") cannot be placed: \(error)"))
            feed(offer ? .offerFinished(.unreachable) : .transferFinished(.unreachable), at: now)
            return
        }
        var leg = ["origination_caller_id_number=\(presentedNumber)", "origination_caller_id_name=\(settings.presentedName)",
                   "originate_timeout=\(max(1, ringSeconds))", "hangup_after_bridge=false"]
        if let whisper { leg += ["group_confirm_key=exec", "group_confirm_file=playback \(whisper)"] }
        // The caller is answered: what they hear while it rings is `transfer_ringback` (music for
        // an advocate, a ring tone for a partner line; never an earlier bridge's leftover).
        let ringback = music.map { "local_stream://\($0)" } ?? Self.ringTone
        let variables = ["continue_on_fail=true", "hangup_after_bridge=false", "transfer_ringback=\(ringback)"]
        bridgedAt = nil
        unbridgedAt = nil
        let dial = "{\(leg.joined(separator: ","))}\(target)"
        execute("multiset", variables.joined(separator: " "), .variables(then: .bridge(offer: offer, dial: dial)), timeout: settings.commandTimeoutSeconds, at: now, &out)
    }

    /// Starts a step: its execute, or for `terminators` the `set` that comes first.
    mutating func run(_ step: Step, at now: Date, _ out: inout [ESLOutput]) {
        switch step {
        case .terminators(let next):
            let keys: String
            switch next {
            case .play(_, let escape): keys = escape
            case .collectPrompt: keys = Self.allKeys
            case .record(let request, _, _), .beep(then: .record(let request, _, _)): keys = request.escapeDigits
            case .announce(_, let escape): keys = escape
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
            // One key: no terminator (FreeSWITCH erases a lone key that is one, so a menu's `#`
            // would read as no input); several: the request's own, or none. `none` is no DTMF.
            let terminator = request.maxDigits == 1 ? "none" : (request.terminator ?? "none")
            execute("play_and_get_digits", "1 \(left) 1 \(milliseconds) \(terminator) \(prompt) silence_stream://250 hotline_digits ^[0-9*#]+$ \(milliseconds)",
                    step, timeout: settings.promptTimeoutSeconds + request.timeoutSeconds * Double(request.maxDigits), at: now, &out)
        case .record(let request, let path, _):
            execute("record", "\(path) \(request.maxSeconds) 200 \(settings.recordingSilenceSeconds)", .record(request, path: path, startedAt: now),
                    timeout: Double(request.maxSeconds) + settings.promptTimeoutSeconds, at: now, &out)
        case .beep:
            execute("playback", Self.beepTone, step, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .hold(let music):
            // Without the channel's uuid the music could not be stopped: the caller waits in
            // silence, and keys and the queue's news still count.
            guard channel != nil else {
                out.append(.note("FreeSWITCH gave no channel uuid: the caller waits without music"))
                return
            }
            breakingHold = false
            execute("playback", "local_stream://\(music)", step, timeout: settings.bridgeTimeoutSeconds, at: now, &out)
        case .announce(let remaining, let escape):
            announce(remaining, escape: escape, at: now, &out)
        case .bridge(_, let dial):
            execute("bridge", dial, step, timeout: settings.bridgeTimeoutSeconds, at: now, &out)
        case .variables(let next):
            run(next, at: now, &out)
        case .plain, .hangUp:
            break
        }
    }

    /// One part of an announcement after another, unless the queue has news for the caller:
    /// then it ends there, so that an offer never waits for all of it.
    mutating func announce(_ parts: ArraySlice<AnnouncementPart>, escape: String, at now: Date, _ out: inout [ESLOutput]) {
        guard let part = parts.first, queueNews.isEmpty else {
            feed(.announcementFinished(interruptedBy: nil), at: now)
            return
        }
        let next = Step.announce(remaining: parts.dropFirst(), escape: escape)
        switch part {
        case .prompt(let prompt):
            execute("playback", path(prompt), next, timeout: settings.promptTimeoutSeconds, at: now, &out)
        case .number(let number, let language):
            execute("say", "\(language) number pronounced \(number)", next, timeout: settings.promptTimeoutSeconds, at: now, &out)
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
