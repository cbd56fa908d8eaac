import CallEngine
import Dialplan
import Foundation

/// One FastAGI call after its environment block: turns the engine's actions into commands, one
/// in flight at a time, and the PBX's replies (and its out-of-band `HANGUP`) into engine events.
/// Pure: the channel handler feeds it lines and timeouts with the time they happened.
public struct AGISession: Sendable {
    public internal(set) var call: Call
    let settings: AGISettings
    var pending: [CallAction] = []
    var waiting: Waiting?
    /// Replies still owed for commands the session stopped caring about (a hang-up came first).
    var repliesToDiscard = 0
    /// Inside a multi-line `520` reply.
    var readingUsage = false
    var hungUp = false
    var pbxGone = false
    /// In the queue (after its music started): the request, and queue signals that arrived while
    /// a command other than the wait was running.
    var inQueue: QueueRequest?
    var queueSignals: [QueueSignal] = []
    public private(set) var closed = false

    /// What the session waits for: the reply to the one command in flight.
    enum Waiting: Sendable {
        case reply(AGICommand, Purpose)
    }

    enum Purpose: Sendable {
        case plain
        case play(remaining: ArraySlice<Prompt>, escape: String)
        case collectPrompt(remaining: ArraySlice<Prompt>, CollectRequest)
        case collectGetData(CollectRequest)
        case collectWait(CollectRequest, digits: String)
        case dial
        case dialStatus
        case record(startedAt: Date)
        case musicOn(QueueRequest)
        case musicOff(QueueResult)
        /// WAIT FOR DIGIT while waiting in the queue, so a key press (or a signal) ends it.
        case queueWait
        /// A fixed series of commands whose replies only matter for hang-ups; then `then`.
        case script(remaining: [AGICommand], then: AfterScript)
        case offerDial(QueueOffer)
        case offerStatus(QueueOffer)
        case offerTalk(QueueOffer)
    }

    /// What follows a script of commands.
    enum AfterScript: Sendable {
        case resumeWaiting
    }

    static let allKeys = "0123456789*#"

    public init(call: Call, settings: AGISettings) {
        self.call = call
        self.settings = settings
    }

    public var callEnded: Bool { call.phase == .ended }

    public mutating func start(_ environment: AGIEnvironment, at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        feed(.callStarted(CallContext(dialedNumber: environment.hotlineNumber, language: environment.language)), at: now, &out)
        pump(at: now, &out)
        return out
    }

    /// A line from the PBX, without its `\n`.
    public mutating func receive(_ line: Substring, at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        guard !closed else { return out }
        if readingUsage {
            if line.hasPrefix("520 ") {
                readingUsage = false
                rejected(code: 520, at: now, &out)
            }
        } else if line == "HANGUP" {
            peerHungUp(at: now, &out)
        } else if line.hasPrefix("520-") {
            readingUsage = true
        } else if let reply = AGIReply(parsing: line) {
            handle(reply, at: now, &out)
        } else {
            out.append(.note(.unexpectedLine))
            if case .reply? = waiting { repliesToDiscard += 1 }
            fail("the PBX sent a line that is not a reply", at: now, &out)
        }
        pump(at: now, &out)
        return out
    }

    /// The command in flight got no reply in time: the PBX is gone.
    public mutating func pbxTimedOut(at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        guard !closed, case .reply(let command, _)? = waiting else { return out }
        out.append(.note(.pbxTimedOut(verb: command.verb)))
        pbxGone = true
        waiting = nil
        fail("the PBX did not answer \(command.verb)", at: now, &out)
        pump(at: now, &out)
        return out
    }

    /// The connection cannot be trusted any more (a line too long, NUL bytes, invalid UTF-8):
    /// the call ends as an error without another command, and the connection is closed.
    public mutating func abandon(_ reason: String, at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        guard !closed else { return out }
        pbxGone = true
        if !callEnded { fail(reason, at: now, &out) }
        pump(at: now, &out)
        return out
    }

    /// The PBX closed the connection.
    public mutating func connectionClosed(at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        guard !closed else { return out }
        pbxGone = true
        waiting = nil
        if !callEnded { feed(.remoteHungUp, at: now, &out) }
        pump(at: now, &out)
        closed = true
        return out
    }

    /// The queue says something about this waiting caller. A signal that arrives while the
    /// caller just waits cuts the WAIT FOR DIGIT short by sending the next command at once (its
    /// reply, a fake `result=1`, is then discarded), as the Asterisk transcripts show it does.
    public mutating func queueSignal(_ signal: QueueSignal, at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        guard !closed, !callEnded, inQueue != nil else { return out }
        if case .reply(.waitForDigit, .queueWait)? = waiting {
            repliesToDiscard += 1
            waiting = nil
            act(on: signal, at: now, &out)
        } else {
            queueSignals.append(signal)
        }
        pump(at: now, &out)
        return out
    }

    /// Back to waiting in the queue: first what the queue said meanwhile, else WAIT FOR DIGIT.
    mutating func resumeWaiting(at now: Date, _ out: inout [AGIOutput]) {
        guard let request = inQueue, !callEnded else { return }
        if !queueSignals.isEmpty {
            act(on: queueSignals.removeFirst(), at: now, &out)
            return
        }
        let seconds = Double(request.maxWaitSeconds) + 60
        send(.waitForDigit(milliseconds: Int(seconds * 1000)), .queueWait, timeout: seconds + settings.commandTimeoutSeconds, at: now, &out)
    }

    mutating func act(on signal: QueueSignal, at now: Date, _ out: inout [AGIOutput]) {
        switch signal {
        case .announce(let position, let wait):
            feed(.queueAnnouncement(position: position, estimatedWaitSeconds: wait), at: now, &out)
            if pending.isEmpty { resumeWaiting(at: now, &out) }
        case .offer(let offer):
            let whisper = "U(hotline-whisper^s^1(\(offer.language)^\(offer.interpreter ? 1 : 0)))"
            let music = inQueue?.music ?? "default"
            send(.exec(application: "Dial", arguments: "\(offer.endpoint),\(offer.ringSeconds),gm(\(music))\(whisper)"), .offerDial(offer),
                 timeout: settings.transferTimeoutSeconds, at: now, &out)
        case .resolved(let result):
            inQueue = nil
            send(.setMusic(on: false, musicClass: nil), .musicOff(result), timeout: settings.commandTimeoutSeconds, at: now, &out)
        }
    }

    // MARK: - Engine side

    mutating func feed(_ event: CallEvent, at now: Date, _ out: inout [AGIOutput]) {
        pending += call.handle(event, at: now)
    }

    /// The call cannot go on: what was left of the current batch of actions is dropped.
    mutating func fail(_ reason: String, at now: Date, _ out: inout [AGIOutput]) {
        waiting = nil
        dropPendingCommands()
        feed(.channelFailed(reason), at: now, &out)
    }

    mutating func peerHungUp(at now: Date, _ out: inout [AGIOutput]) {
        guard !hungUp else { return }
        hungUp = true
        if case .reply? = waiting { repliesToDiscard += 1 }
        waiting = nil
        inQueue = nil
        queueSignals.removeAll()
        dropPendingCommands()
        feed(.remoteHungUp, at: now, &out)
    }

    /// Drops actions that would talk to the PBX; an outcome already produced is kept, so a call
    /// that ended just before the hang-up still logs exactly once.
    mutating func dropPendingCommands() {
        pending.removeAll { if case .logOutcome = $0 { false } else { true } }
    }

    /// Carries out pending actions until one waits for the PBX, then closes once the call ended.
    mutating func pump(at now: Date, _ out: inout [AGIOutput]) {
        while waiting == nil, !closed, !pending.isEmpty {
            start(pending.removeFirst(), at: now, &out)
        }
        if waiting == nil, pending.isEmpty, callEnded, !closed {
            closed = true
            out.append(.close)
        }
    }

    mutating func start(_ action: CallAction, at now: Date, _ out: inout [AGIOutput]) {
        switch action {
        case .answer:
            send(.answer, .plain, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .play(let prompts, let escape):
            playNext(prompts[...], escape: escape, at: now, &out)
        case .collect(let request):
            collectNext(request.prompts[...], request, at: now, &out)
        case .enqueue(let request):
            send(.setMusic(on: true, musicClass: request.music), .musicOn(request), timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .announce(let parts):
            var commands: [AGICommand] = [.setMusic(on: false, musicClass: nil)]
            for part in parts {
                switch part {
                case .prompt(let prompt):
                    commands.append(.streamFile(path(prompt), escapeDigits: ""))
                case .number(let number, let language):
                    commands += [.setVariable("CHANNEL(language)", language), .sayNumber(number)]
                }
            }
            commands.append(.setMusic(on: true, musicClass: inQueue?.music))
            runScript(commands, then: .resumeWaiting, at: now, &out)
        case .leaveQueue:
            inQueue = nil
            queueSignals.removeAll()
            out.append(.leaveQueue)
            send(.setMusic(on: false, musicClass: nil), .plain, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .transfer(let destination, _):
            send(.exec(application: "Dial", arguments: "\(destination),\(settings.transferRingSeconds),g"), .dial, timeout: settings.transferTimeoutSeconds, at: now, &out)
        case .record(let request):
            let path = "\(settings.recordingDirectory)/\(call.id)"
            send(.recordFile(path, format: "wav", escapeDigits: request.terminator, milliseconds: request.maxSeconds * 1000,
                             beep: request.beep, silenceSeconds: settings.recordingSilenceSeconds),
                 .record(startedAt: now), timeout: Double(request.maxSeconds) + settings.promptTimeoutSeconds, at: now, &out)
        case .hangUp:
            if !hungUp { send(.hangup, .plain, timeout: settings.commandTimeoutSeconds, at: now, &out) }
        case .logOutcome(let outcome):
            out.append(.outcome(outcome))
        }
    }

    mutating func send(_ command: AGICommand, _ purpose: Purpose, timeout: Double, at now: Date, _ out: inout [AGIOutput]) {
        guard !pbxGone, !(hungUp && !command.allowedOnDeadChannel) else { return }
        do {
            let line = try command.wireLine()
            waiting = .reply(command, purpose)
            out.append(.send(line, timeoutSeconds: timeout))
        } catch {
            out.append(.note(.invalidCommand(error.description)))
            fail("\(command.verb) could not be sent: \(error)", at: now, &out)
        }
    }

    mutating func runScript(_ commands: [AGICommand], then: AfterScript, at now: Date, _ out: inout [AGIOutput]) {
        guard let first = commands.first else {
            if case .resumeWaiting = then { resumeWaiting(at: now, &out) }
            return
        }
        send(first, .script(remaining: Array(commands.dropFirst()), then: then), timeout: settings.promptTimeoutSeconds, at: now, &out)
    }

    func path(_ prompt: Prompt) -> String {
        settings.promptPrefix.isEmpty ? prompt.path : "\(settings.promptPrefix)/\(prompt.path)"
    }

    mutating func playNext(_ prompts: ArraySlice<Prompt>, escape: String, at now: Date, _ out: inout [AGIOutput]) {
        guard let prompt = prompts.first else {
            feed(.promptFinished(interruptedBy: nil), at: now, &out)
            return
        }
        send(.streamFile(path(prompt), escapeDigits: escape), .play(remaining: prompts.dropFirst(), escape: escape), timeout: settings.promptTimeoutSeconds, at: now, &out)
    }

    /// Menus (one key): every prompt by STREAM FILE that any key stops, then WAIT FOR DIGIT.
    /// Several digits: the last prompt by GET DATA, which collects them.
    mutating func collectNext(_ prompts: ArraySlice<Prompt>, _ request: CollectRequest, at now: Date, _ out: inout [AGIOutput]) {
        let milliseconds = Int(request.timeoutSeconds * 1000)
        if request.maxDigits > 1, prompts.count == 1, let last = prompts.first {
            send(.getData(path(last), milliseconds: milliseconds, maxDigits: request.maxDigits), .collectGetData(request),
                 timeout: settings.promptTimeoutSeconds + request.timeoutSeconds * Double(request.maxDigits), at: now, &out)
        } else if let prompt = prompts.first {
            send(.streamFile(path(prompt), escapeDigits: Self.allKeys), .collectPrompt(remaining: prompts.dropFirst(), request), timeout: settings.promptTimeoutSeconds, at: now, &out)
        } else {
            send(.waitForDigit(milliseconds: milliseconds), .collectWait(request, digits: ""), timeout: request.timeoutSeconds + settings.commandTimeoutSeconds, at: now, &out)
        }
    }
}
