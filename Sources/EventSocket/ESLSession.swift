import CallEngine
import Dialplan
import Foundation

/// One outbound Event Socket connection: a translator between the engine and FreeSWITCH, as
/// `AGISession` is for Asterisk. It sends `connect`, reads the channel data (through the
/// allow-list: the dialed number, nothing of the caller), subscribes (`myevents`, `linger`), then
/// carries out the engine's actions one execute at a time (each with `event-lock` and its own
/// `Event-UUID`, its result the CHANNEL_EXECUTE_COMPLETE of that UUID) and turns events into
/// engine events. It decides nothing about the call. Pure: the handler feeds it messages and
/// timer expiries with their time.
///
/// Keys come from DTMF events, which arrive whether or not an application collects (04): a key
/// in a prompt's terminators stops it, a key on hold reaches the engine at once. Music on hold is
/// `playback local_stream://<class>` with no terminators, stopped by `api uuid_break` when the
/// engine moves on (10). Offers and transfers are `bridge` with `continue_on_fail` and
/// `hangup_after_bridge=false` (06b, 06d): the result from `originate_disposition`, the talk time
/// from the CHANNEL_BRIDGE and CHANNEL_UNBRIDGE events' own clock (06, 07c).
public struct ESLSession: Sendable {
    public internal(set) var call: Call
    let settings: ESLSettings
    var phase: Phase = .connecting
    /// What each awaited command reply means, oldest first: every command gets one, in order.
    var replies: [Reply] = []
    /// The execute whose completion the call waits for.
    var running: Running?
    var pending: [CallAction] = []
    /// Keys pressed while the running execute ran.
    var keys: [Character] = []
    var executes = 0
    let uuidPrefix: String
    /// The channel is gone (CHANNEL_HANGUP): nothing more is executed.
    var hungUp = false
    /// The call's context from the channel data, until the subscription is confirmed.
    var context: CallContext?
    /// The hotline number the caller dialed, shown to advocates instead of the caller's.
    var presentedNumber: String
    /// The channel, for `uuid_break` (memory only; see `ESLChannel`).
    var channel: ESLChannel?
    /// Queue signals that arrived while an execute other than the music on hold ran.
    var queueNews: [QueueSignal] = []
    /// The caller is on hold (the music may have stopped by itself: keys still count).
    var holding = false
    /// `uuid_break` was sent for the music now playing.
    var breakingHold = false
    /// The music on hold to play while `holding` and nothing else runs; nil once it stopped by
    /// itself (a missing stream), so the caller waits in silence instead of a restart loop.
    var holdMusic: String?
    /// The bridge in progress: when FreeSWITCH bridged and unbridged the caller (its clock, µs).
    var bridgedAt: Int64?
    var unbridgedAt: Int64?
    /// Set once the call variables that make a failed bridge return the caller are sent.
    var bridgeVariablesSet = false

    enum Phase: Hashable, Sendable { case connecting, subscribing, running, closing, closed }
    enum Reply: Hashable, Sendable { case connect, subscribe, queued, api, exit }

    struct Running: Sendable {
        var uuid: String
        var application: String
        var step: Step
    }

    indirect enum Step: Sendable {
        /// `set playback_terminators=…`, then the step that needs it.
        case terminators(then: Step)
        case plain
        case play(remaining: ArraySlice<Prompt>, escape: String)
        case collectPrompt(remaining: ArraySlice<Prompt>, CollectRequest)
        case collect(CollectRequest, typed: String)
        case record(RecordRequest, path: String, startedAt: Date)
        /// The beep before a recording, then the recording.
        case beep(then: Step)
        /// `multiset` of the variables the step needs, then the step.
        case variables(then: Step)
        /// Music on hold, until `uuid_break`.
        case hold(music: String)
        case announce(remaining: ArraySlice<AnnouncementPart>, escape: String)
        /// A bridge to an advocate (`offer`) or a partner line.
        case bridge(offer: Bool, dial: String)
        case hangUp

        var isHold: Bool {
            switch self {
            case .hold, .terminators(.hold): true
            default: false
            }
        }

        /// Prompts a key in the terminators stops (its `playback_terminator_used` names it).
        var stopsOnKeys: Bool {
            switch self {
            case .play, .collectPrompt, .announce, .record, .beep: true
            default: false
            }
        }

        /// Steps whose completion still comes, and counts, after the caller hung up (07c: the
        /// bridge's; a recording's file stays on disk).
        var outlivesHangUp: Bool {
            switch self {
            case .bridge, .record: true
            default: false
            }
        }
    }

    public init(call: Call, settings: ESLSettings, uuidPrefix: String = String(UInt64.random(in: .min ... .max), radix: 16)) {
        self.call = call
        self.settings = settings
        self.uuidPrefix = uuidPrefix
        presentedNumber = settings.presentedNumberWhenUnknown
    }

    public var closed: Bool { phase == .closed }

    public mutating func start(at now: Date) -> [ESLOutput] {
        var out: [ESLOutput] = []
        command(.connect, .connect, &out)
        return out
    }

    public mutating func receive(_ message: ESLMessage, at now: Date) -> [ESLOutput] {
        var out: [ESLOutput] = []
        guard phase != .closed else { return out }
        switch message.kind {
        case .commandReply, .apiResponse:
            reply(message, at: now, &out)
        case .event:
            if let event = ESLEvent(message) { handle(event, at: now, &out) }
        case .disconnectNotice:
            if message["Content-Disposition"] == "disconnect" { connectionClosed(at: now, &out) }
        case .other:
            break
        }
        pump(at: now, &out)
        return out
    }

    /// The connection handler sent `connect` itself (it had to read the channel data to know a
    /// caller's call from the staff line's): the session goes on from its reply.
    public mutating func connected(_ reply: ESLMessage, at now: Date) -> [ESLOutput] {
        replies = [.connect]
        return receive(reply, at: now)
    }

    /// Nothing answered in time: FreeSWITCH counts as gone, the call ends as an error and the
    /// connection is closed (closing it hands the caller to the dialplan after `socket`, 09d).
    public mutating func timerFired(at now: Date) -> [ESLOutput] {
        var out: [ESLOutput] = []
        guard phase != .closed else { return out }
        out.append(.note("FreeSWITCH did not answer in time"))
        hungUp = true
        running = nil
        replies.removeAll()
        if call.phase != .ended, call.phase != .notStarted { fail("FreeSWITCH did not answer in time", at: now) }
        flushOutcomes(&out)
        phase = .closed
        out.append(.close)
        return out
    }

    /// Something FreeSWITCH owes is outstanding: a reply, or the completion of an execute
    /// (music on hold plays until the controller stops it, so it is not owed).
    public var waitsForFreeSWITCH: Bool {
        if !replies.isEmpty { return true }
        guard let running else { return false }
        if case .hold = running.step { return breakingHold }
        return true
    }

    /// The connection cannot be trusted any more (a framing error) or the controller is
    /// stopping: the call ends as an error (FreeSWITCH's dialplan takes the caller on once the
    /// connection closes, 09d), not as the caller's hang-up.
    public mutating func abandon(_ reason: String, at now: Date) -> [ESLOutput] {
        var out: [ESLOutput] = []
        guard phase != .closed else { return out }
        hungUp = true
        running = nil
        replies.removeAll()
        if call.phase != .ended, call.phase != .notStarted { fail(reason, at: now) }
        flushOutcomes(&out)
        phase = .closed
        out.append(.close)
        return out
    }

    /// The connection closed or broke.
    public mutating func connectionLost(at now: Date) -> [ESLOutput] {
        var out: [ESLOutput] = []
        connectionClosed(at: now, &out)
        return out
    }

    /// The queue says something about this waiting caller: on hold it reaches the engine at once
    /// (the music is broken off for whatever comes next); otherwise when the running execute ends.
    public mutating func queueSignal(_ signal: QueueSignal, at now: Date) -> [ESLOutput] {
        var out: [ESLOutput] = []
        guard phase == .running, !hungUp, call.phase != .ended else { return out }
        if holding, running.map({ $0.step.isHold }) ?? true {
            feed(signal.event, at: now)
        } else {
            queueNews.append(signal)
        }
        pump(at: now, &out)
        return out
    }

    mutating func connectionClosed(at now: Date, _ out: inout [ESLOutput]) {
        guard phase != .closed else { return }
        hungUp = true
        if case .record(_, let path, let startedAt)? = running?.step {
            // The caller hung up while recording and the completion never came: the file is there.
            recorded(path: path, seconds: now.timeIntervalSince(startedAt), &out)
        }
        running = nil
        dropPendingCommands()
        if call.phase != .notStarted, call.phase != .ended { feed(.remoteHungUp, at: now) }
        flushOutcomes(&out)
        phase = .closed
        out.append(.close)
    }

    // MARK: - Engine side

    mutating func feed(_ event: CallEvent, at now: Date) {
        pending += call.handle(event, at: now)
    }

    mutating func fail(_ reason: String, at now: Date) {
        dropPendingCommands()
        feed(.channelFailed(reason), at: now)
    }

    /// Drops actions that would talk to FreeSWITCH; what goes to the queue or the call log stays,
    /// so a call that ended just before the hang-up still logs exactly once.
    mutating func dropPendingCommands() {
        pending.removeAll { action in
            switch action {
            case .logOutcome, .leaveQueue, .reportOffer, .joinQueue: false
            case .answer, .play, .collect, .hold, .stopHold, .announce, .offer, .transfer, .record, .hangUp: true
            }
        }
    }

    /// What the queue and the call log must still hear once FreeSWITCH is gone.
    mutating func flushOutcomes(_ out: inout [ESLOutput]) {
        for action in pending {
            switch action {
            case .logOutcome(let outcome): out.append(.outcome(outcome))
            case .leaveQueue: out.append(.leaveQueue)
            case .reportOffer(let result): out.append(.offerFinished(result))
            default: break
            }
        }
        pending.removeAll()
    }

    /// Carries out pending actions while nothing is in flight; says goodbye once the call ended.
    mutating func pump(at now: Date, _ out: inout [ESLOutput]) {
        while phase == .running, replies.isEmpty {
            if let current = running {
                guard case .hold = current.step else { return }
                // On hold the queue's news reaches the engine at once; when the engine moves on,
                // the music is broken off, and what comes next starts when it has stopped.
                while !queueNews.isEmpty, !hungUp { feed(queueNews.removeFirst().event, at: now) }
                if !pending.isEmpty, !breakingHold, let channel {
                    breakingHold = true
                    command(channel.breakCommand, .api, &out)
                }
                return
            }
            if !pending.isEmpty {
                start(pending.removeFirst(), at: now, &out)
                continue
            }
            if !queueNews.isEmpty, !hungUp {
                feed(queueNews.removeFirst().event, at: now)
                continue
            }
            if holding, !hungUp, call.phase != .ended, let music = holdMusic {
                // On hold with nothing to do (news that changed nothing, a key the plan ignores):
                // the music again, never silence.
                run(.terminators(then: .hold(music: music)), at: now, &out)
                continue
            }
            if call.phase == .ended {
                phase = .closing
                command(.exit, .exit, &out)
            }
            return
        }
    }

    mutating func command(_ command: ESLCommand, _ reply: Reply, _ out: inout [ESLOutput]) {
        do {
            out.append(.send(try command.wireText(), timeoutSeconds: settings.commandTimeoutSeconds))
            replies.append(reply)
        } catch {
            out.append(.note("a command could not be sent: \(error)"))
        }
    }

    mutating func execute(_ application: String, _ argument: String, _ step: Step, timeout: Double, at now: Date, _ out: inout [ESLOutput]) {
        guard !hungUp else { return }
        executes += 1
        let uuid = "\(uuidPrefix)-\(executes)"
        do {
            let text = try ESLCommand.execute(application: application, argument: argument, uuid: uuid).wireText()
            out.append(.send(text, timeoutSeconds: timeout))
            replies.append(.queued)
            running = Running(uuid: uuid, application: application, step: step)
        } catch {
            out.append(.note("\(application) could not be sent: \(error)"))
            fail("\(application) could not be sent", at: now)
        }
    }
}
