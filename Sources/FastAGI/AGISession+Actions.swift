import CallEngine
import Dialplan
import Foundation

/// Each engine action as the commands Asterisk needs for it.
extension AGISession {
    mutating func start(_ action: CallAction, at now: Date, _ out: inout [AGIOutput]) {
        switch action {
        case .answer:
            send(.answer, .plain, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .play(let prompts, let escape):
            state = .idle
            playNext(prompts[...], escape: escape, at: now, &out)
        case .collect(let request):
            state = .idle
            collectNext(request.prompts[...], request, at: now, &out)
        case .joinQueue(let request):
            out.append(.joinQueue(request))
        case .hold(let music):
            send(.setMusic(on: true, musicClass: music), .startHold, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .stopHold:
            send(.setMusic(on: false, musicClass: nil), .plain, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .announce(let parts, let escape):
            var commands: [AGICommand] = []
            for part in parts {
                switch part {
                case .prompt(let prompt):
                    commands.append(.streamFile(path(prompt), escapeDigits: escape))
                case .number(let number, let language):
                    commands += [.setVariable("CHANNEL(language)", language), .sayNumber(number, escapeDigits: escape)]
                }
            }
            state = .idle
            announceNext(commands[...], escape: escape, at: now, &out)
        case .offer(let offer, let music):
            offersMade += 1
            let token = "\(offerTokenPrefix)x\(offersMade)"
            send(.exec(application: "Dial", arguments: Self.dialArguments(offer, music: music, token: token)), .offerDial(token: token),
                 timeout: settings.transferTimeoutSeconds, at: now, &out)
        case .reportOffer(let result):
            out.append(.offerFinished(result))
        case .leaveQueue:
            out.append(.leaveQueue)
        case .transfer(let destination, _):
            send(.exec(application: "Dial", arguments: Self.transferArguments(destination, settings: settings)), .transferDial,
                 timeout: settings.transferTimeoutSeconds, at: now, &out)
        case .record(let request):
            let path = "\(settings.recordingDirectory)/\(call.id)"
            send(.recordFile(path, format: "wav", escapeDigits: request.escapeDigits, milliseconds: request.maxSeconds * 1000,
                             beep: request.beep, silenceSeconds: settings.recordingSilenceSeconds),
                 .record(startedAt: now, planKeys: request.planKeys), timeout: Double(request.maxSeconds) + settings.promptTimeoutSeconds, at: now, &out)
        case .hangUp:
            send(.hangup, .plain, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .logOutcome(let outcome):
            out.append(.outcome(outcome))
        }
    }

    /// `Dial`'s arguments for an offer: ring with music, and on answer run the whisper routine
    /// (`deploy/asterisk/extensions.conf`, `[hotline-whisper]`) on the advocate's channel with the
    /// caller's language, the interpreter flag and the token under which it notes the moment
    /// the caller is bridged. `U(context^arg1^arg2…)` always starts at `context,s,1` (19b).
    static func dialArguments(_ offer: QueueOffer, music: String, token: String) -> String {
        "\(offer.endpoint),\(offer.ringSeconds),gm(\(music))U(hotline-whisper^\(offer.language)^\(offer.interpreter ? 1 : 0)^\(token))"
    }

    /// `Dial`'s arguments for a transfer: go on in the dialplan when the far end hangs up (`g`, so
    /// the controller hears how it ended), and present the hotline's number on that leg (`b`).
    static func transferArguments(_ destination: String, settings: AGISettings) -> String {
        let preDial = settings.transferPreDialRoutine.isEmpty ? "" : "b(\(settings.transferPreDialRoutine))"
        return "\(destination),\(settings.transferRingSeconds),g\(preDial)"
    }

    /// The expression that reads the whisper's two notes (the advocate answered; the caller was
    /// bridged), the PBX's clock now, and deletes the notes: one command, which also works once
    /// the caller has hung up.
    static func answerTimeExpression(token: String) -> String {
        let answered = "HOTLINE_ANSWERED_\(token)", bridged = "HOTLINE_BRIDGED_\(token)"
        return "${GLOBAL(\(answered))},${GLOBAL(\(bridged))},${STRFTIME(,,%s.%3q)}"
            + "${SET(GLOBAL_DELETE(\(answered))=)}${SET(GLOBAL_DELETE(\(bridged))=)}"
    }

    func path(_ prompt: Prompt) -> String {
        prompt.path(under: settings.promptPrefix)
    }

    mutating func playNext(_ prompts: ArraySlice<Prompt>, escape: String, at now: Date, _ out: inout [AGIOutput]) {
        guard let prompt = prompts.first else {
            feed(.promptFinished(interruptedBy: nil), at: now)
            return
        }
        send(.streamFile(path(prompt), escapeDigits: escape), .play(remaining: prompts.dropFirst(), escape: escape),
             timeout: settings.promptTimeoutSeconds, at: now, &out)
    }

    /// One part of an announcement after another, unless the queue has news for the caller:
    /// then the announcement ends there, so that an offer never waits for all of it.
    mutating func announceNext(_ commands: ArraySlice<AGICommand>, escape: String, at now: Date, _ out: inout [AGIOutput]) {
        guard let command = commands.first, queueNews.isEmpty else {
            feed(.announcementFinished(interruptedBy: nil), at: now)
            return
        }
        send(command, .announce(remaining: commands.dropFirst(), escape: escape), timeout: settings.promptTimeoutSeconds, at: now, &out)
    }

    /// Menus (one key): every prompt by STREAM FILE that any key stops, then WAIT FOR DIGIT.
    /// Several digits: the last prompt by GET DATA, which collects them.
    mutating func collectNext(_ prompts: ArraySlice<Prompt>, _ request: CollectRequest, at now: Date, _ out: inout [AGIOutput]) {
        let milliseconds = Self.milliseconds(request.timeoutSeconds)
        if request.maxDigits > 1, prompts.count == 1, let last = prompts.first {
            send(.getData(path(last), milliseconds: milliseconds, maxDigits: request.maxDigits), .collectGetData(request),
                 timeout: settings.promptTimeoutSeconds + request.timeoutSeconds * Double(request.maxDigits), at: now, &out)
        } else if let prompt = prompts.first {
            send(.streamFile(path(prompt), escapeDigits: Self.allKeys), .collectPrompt(remaining: prompts.dropFirst(), request),
                 timeout: settings.promptTimeoutSeconds, at: now, &out)
        } else {
            send(.waitForDigit(milliseconds: milliseconds), .collectWait(request, digits: ""),
                 timeout: request.timeoutSeconds + settings.commandTimeoutSeconds, at: now, &out)
        }
    }

    /// Seconds as the whole milliseconds a command takes, within what Asterisk can wait.
    static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int(min(seconds, 86_400) * 1000)
    }
}
