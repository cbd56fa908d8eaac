import CallEngine
import Dialplan
import Foundation

/// One FastAGI call after its environment block: a translator between the engine and Asterisk.
/// It turns the engine's actions into commands, one in flight at a time, and the PBX's replies
/// (and its out-of-band `HANGUP`) into engine events. It decides nothing about the call.
/// Pure: the channel handler feeds it lines, queue signals and timer expiries with their time.
///
/// Holding a caller is a series of long WAIT FOR DIGITs. News from the queue cuts the running one
/// short with a nudge (`AGISession+Nudge.swift`); the hold never depends on that nudge being read
/// at once (Asterisk's stdio buffer can hide a line from WAIT FOR DIGIT: `18b-*`, `18c-*`), since
/// the session nudges again until every nudge is answered.
public struct AGISession: Sendable {
    public internal(set) var call: Call
    let sharedSettings: Shared<AGISettings>
    var settings: AGISettings { sharedSettings.value }
    var state: State = .idle
    /// Whether the caller's channel is still there.
    var line: Line = .up
    /// Actions the engine asked for that have not started yet.
    var pending: [CallAction] = []
    /// Queue signals that arrived while a command ran; handed to the engine when the line is free.
    var queueNews: [QueueSignal] = []
    /// Replies still owed for commands the session stopped caring about (the caller hung up).
    var repliesToDiscard = 0
    /// Names the PBX-side variable through which the whisper reports the answer moment: random,
    /// never the call id (which must not be linkable to anything on the PBX side).
    let offerTokenPrefix: String
    var offersMade = 0
    /// Commands sent outside the queue; bounded by `settings.maximumCommandsPerCall`.
    var commandsSent = 0
    /// `NOOP`s sent to cut a hold wait short whose replies have not come yet; their replies
    /// follow the wait's, and nothing else is sent before them.
    var nudgesUnanswered = 0
    /// By when the PBX must have answered the first unanswered nudge.
    var nudgeDeadline: Date?

    /// What the session is doing. Exactly one command is in flight in `awaiting`.
    enum State: Sendable {
        /// Nothing in flight and nothing to do until the engine or the queue says more.
        case idle
        /// The caller is on hold: between two short waits for a key.
        case holding
        /// One command in flight; its reply means `Step`.
        case awaiting(AGICommand, Step)
        /// Inside a multi-line `520` reply to the command in flight.
        case readingUsage(AGICommand)
        /// A command answered `-1` without saying why. A caller who hung up is followed by
        /// `HANGUP` within milliseconds; if none comes before the timer, the command failed (a
        /// missing or unplayable prompt) and `Step` goes on.
        case confirmingHangUp(AGICommand, Step)
        case closed
    }

    /// What the reply to the command in flight means.
    enum Step: Sendable {
        case plain
        case startHold
        case play(remaining: ArraySlice<Prompt>, escape: String)
        case collectPrompt(remaining: ArraySlice<Prompt>, CollectRequest)
        case collectGetData(CollectRequest)
        case collectWait(CollectRequest, digits: String)
        /// One short wait for a key while the caller is on hold.
        case holdWait
        case announce(remaining: ArraySlice<AGICommand>, escape: String)
        case offerDial(token: String)
        case offerStatus(token: String)
        case offerAnswerTime
        case transferDial
        case transferStatus
        case record(startedAt: Date, planKeys: String)

        /// Steps that read what came of a Dial: they go on after the caller hangs up, since the
        /// dial's result (answered, and for how long) is part of the call's outcome.
        var readsDialResult: Bool {
            switch self {
            case .offerDial, .offerStatus, .offerAnswerTime, .transferDial, .transferStatus: true
            case .plain, .startHold, .play, .collectPrompt, .collectGetData, .collectWait, .holdWait, .announce, .record: false
            }
        }
    }

    enum Line: Sendable {
        case up
        /// `HANGUP` came (or a `511`): only dead-channel commands may still be sent.
        case callerGone
        /// The connection is closed or broken: nothing may be sent.
        case pbxGone
    }

    static let allKeys = "0123456789*#"

    public init(call: Call, settings: Shared<AGISettings>, offerTokenPrefix: String = AGISession.randomToken()) {
        self.call = call
        self.sharedSettings = settings
        self.offerTokenPrefix = offerTokenPrefix
    }

    public init(call: Call, settings: AGISettings, offerTokenPrefix: String = AGISession.randomToken()) {
        self.init(call: call, settings: Shared(settings), offerTokenPrefix: offerTokenPrefix)
    }

    /// At most fifteen random hex digits (60 bits): a string that short is kept inline, without
    /// a heap allocation for every call.
    public static func randomToken() -> String {
        String(UInt64.random(in: 0 ..< 1 << 60), radix: 16)
    }

    public var callEnded: Bool { call.phase == .ended }

    public var closed: Bool {
        if case .closed = state { true } else { false }
    }

    public mutating func start(_ environment: AGIEnvironment, at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        feed(.callStarted(CallContext(dialedNumbers: environment.hotlineNumberCandidates, language: environment.language)), at: now)
        pump(at: now, &out)
        return out
    }

    /// A line from the PBX, without its `\n`.
    public mutating func receive(_ text: Substring, at now: Date) -> [AGIOutput] {
        // Room for what a reply usually brings (the call log's outcome, the next command, a
        // close): growing from empty cost two or three allocations on most lines.
        var out: [AGIOutput] = []
        out.reserveCapacity(4)
        if closed { return out }
        if case .readingUsage(let command) = state {
            if text.hasPrefix("520 ") {
                state = .idle
                rejected(command.verb, code: 520, at: now, &out)
            }
        } else if text == "HANGUP" {
            peerHungUp(at: now, &out)
        } else if let reply = AGIReply(parsing: text) {
            handle(reply, at: now, &out)
        } else {
            out.append(.note(.unexpectedLine))
            if case .awaiting = state {
                repliesToDiscard += 1
                state = .idle
            }
            fail("the PBX sent a line that is not a reply", at: now)
        }
        pump(at: now, &out)
        return out
    }

    /// The timer of the last `send` or `awaitLine` ran out.
    public mutating func timerFired(at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        if nudgeTimerFired(at: now, &out) {
            pump(at: now, &out)
            return out
        }
        switch state {
        case .awaiting(let command, _), .readingUsage(let command):
            out.append(.note(.pbxTimedOut(verb: command.verb)))
            line = .pbxGone
            state = .idle
            fail("the PBX did not answer \(command.verb)", at: now)
        case .confirmingHangUp(let command, let step):
            state = .idle
            commandFailed(command, step, at: now, &out)
        case .idle, .holding, .closed:
            return out
        }
        pump(at: now, &out)
        return out
    }

    /// The connection cannot be trusted any more (a line too long, NUL bytes, invalid UTF-8):
    /// the call ends as an error without another command, and the connection is closed.
    public mutating func abandon(_ reason: String, at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        if closed { return out }
        line = .pbxGone
        state = .idle
        if !callEnded { fail(reason, at: now) }
        pump(at: now, &out)
        return out
    }

    /// The PBX closed the connection.
    public mutating func connectionClosed(at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        if closed { return out }
        line = .pbxGone
        state = .idle
        dropPendingCommands()
        if !callEnded { feed(.remoteHungUp, at: now) }
        pump(at: now, &out)
        state = .closed
        return out
    }

    /// The queue says something about this waiting caller. It reaches the engine when no
    /// command is in flight: a hold wait is nudged to end at once; any other command (a part of
    /// an announcement, a Dial) runs to its end first.
    public mutating func queueSignal(_ signal: QueueSignal, at now: Date) -> [AGIOutput] {
        var out: [AGIOutput] = []
        guard !closed, !callEnded, line == .up else { return out }
        queueNews.append(signal)
        nudgeHoldWait(at: now, &out)
        pump(at: now, &out)
        return out
    }

    // MARK: - Engine side

    mutating func feed(_ event: CallEvent, at now: Date) {
        if pending.isEmpty {
            pending = call.handle(event, at: now)
        } else {
            pending += call.handle(event, at: now)
        }
    }

    /// The call cannot go on: what was left of the current batch of actions is dropped.
    mutating func fail(_ reason: String, at now: Date) {
        dropPendingCommands()
        feed(.channelFailed(reason), at: now)
    }

    /// `HANGUP`: the call ends in the state it is in. A command in flight that reads a dial's
    /// result is still answered (those commands work on a dead channel) and its result counts.
    mutating func peerHungUp(at now: Date, _ out: inout [AGIOutput]) {
        guard line == .up else { return }
        line = .callerGone
        queueNews.removeAll()
        switch state {
        case .awaiting(_, let step) where step.readsDialResult:
            return
        case .awaiting, .readingUsage:
            repliesToDiscard += 1
        case .idle, .holding, .confirmingHangUp, .closed:
            break
        }
        if !closed { state = .idle }
        dropPendingCommands()
        feed(.remoteHungUp, at: now)
    }

    /// Drops actions that would talk to the PBX; what goes to the queue or the call log stays,
    /// so a call that ended just before the hang-up still logs exactly once.
    mutating func dropPendingCommands() {
        pending.removeAll { action in
            switch action {
            case .logOutcome, .leaveQueue, .reportOffer, .joinQueue: false
            case .answer, .play, .collect, .hold, .stopHold, .announce, .offer, .transfer, .record, .hangUp: true
            }
        }
    }

    /// Carries out pending actions until one waits for the PBX; hands queue news to the engine
    /// when the line is free; keeps a held caller waiting; closes once the call ended.
    mutating func pump(at now: Date, _ out: inout [AGIOutput]) {
        while true {
            switch state {
            case .idle, .holding:
                if awaitingNudges(at: now, &out) { return }
                // Emptied arrays are let go, not kept with their capacity: a held caller would
                // carry the last batch's storage (a few hundred bytes) for as long as it waits.
                if !pending.isEmpty {
                    let action = pending.removeFirst()
                    if pending.isEmpty { pending = [] }
                    start(action, at: now, &out)
                    continue
                }
                if !queueNews.isEmpty {
                    let news = queueNews.removeFirst()
                    if queueNews.isEmpty { queueNews = [] }
                    feed(news.event, at: now)
                    continue
                }
                if case .holding = state, line == .up {
                    let milliseconds = settings.holdWaitMilliseconds
                    send(.waitForDigit(milliseconds: milliseconds), .holdWait,
                         timeout: Double(milliseconds) / 1000 + settings.commandTimeoutSeconds, at: now, &out)
                    continue
                }
                if callEnded {
                    state = .closed
                    out.append(.close)
                }
                return
            case .awaiting, .readingUsage, .confirmingHangUp, .closed:
                return
            }
        }
    }

    /// Sends a command and waits for its reply; a command the line no longer allows is skipped.
    mutating func send(_ command: AGICommand, _ step: Step, timeout: Double, at now: Date, _ out: inout [AGIOutput]) {
        guard line != .pbxGone, line == .up || command.allowedOnDeadChannel else {
            state = .idle
            return
        }
        // The queue conversation (hold, announcements, offers) is bounded by the queue's own
        // max_wait, and may take thousands of commands on a long wait: it is not counted.
        if case .queued = call.phase {} else { commandsSent += 1 }
        if commandsSent == settings.maximumCommandsPerCall + 1 {
            state = .idle
            out.append(.note(.commandLimit(settings.maximumCommandsPerCall)))
            fail("the call sent \(settings.maximumCommandsPerCall) commands, the most one call may", at: now)
            return
        }
        do {
            let text = try command.wireLine()
            state = .awaiting(command, step)
            out.append(.send(text, timeoutSeconds: timeout))
        } catch {
            state = .idle
            out.append(.note(.invalidCommand(error.description)))
            fail("\(command.verb) could not be sent: \(error)", at: now)
        }
    }
}
