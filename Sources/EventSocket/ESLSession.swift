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
/// This first part carries answer, prompts (keys that stop them from DTMF events), digit
/// collection (`play_and_get_digits`), recording and hang-up. A plan step it cannot carry yet
/// (queue, transfer, hold, announcements) ends the call as an error with a note, never silently.
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

    enum Phase: Hashable, Sendable { case connecting, subscribing, running, closing, closed }
    enum Reply: Hashable, Sendable { case connect, subscribe, queued, exit }

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
        case hangUp
    }

    public init(call: Call, settings: ESLSettings, uuidPrefix: String = String(UInt64.random(in: .min ... .max), radix: 16)) {
        self.call = call
        self.settings = settings
        self.uuidPrefix = uuidPrefix
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
        case .commandReply:
            reply(message, at: now, &out)
        case .event:
            if let event = ESLEvent(message) { handle(event, at: now, &out) }
        case .disconnectNotice:
            if message["Content-Disposition"] == "disconnect" { connectionClosed(at: now, &out) }
        case .apiResponse, .other:
            break
        }
        pump(at: now, &out)
        return out
    }

    /// Nothing answered in time: FreeSWITCH counts as gone.
    public mutating func timerFired(at now: Date) -> [ESLOutput] {
        var out: [ESLOutput] = []
        guard phase != .closed else { return out }
        out.append(.note("FreeSWITCH did not answer in time"))
        hungUp = true
        running = nil
        if call.phase != .ended { fail("FreeSWITCH did not answer in time", at: now) }
        pump(at: now, &out)
        return out
    }

    /// The connection closed or broke.
    public mutating func connectionLost(at now: Date) -> [ESLOutput] {
        var out: [ESLOutput] = []
        connectionClosed(at: now, &out)
        return out
    }

    mutating func connectionClosed(at now: Date, _ out: inout [ESLOutput]) {
        guard phase != .closed else { return }
        hungUp = true
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

    mutating func dropPendingCommands() {
        pending.removeAll { if case .logOutcome = $0 { false } else { true } }
    }

    mutating func flushOutcomes(_ out: inout [ESLOutput]) {
        for case .logOutcome(let outcome) in pending { out.append(.outcome(outcome)) }
        pending.removeAll { if case .logOutcome = $0 { true } else { false } }
    }

    /// Carries out pending actions while nothing is in flight; says goodbye once the call ended.
    mutating func pump(at now: Date, _ out: inout [ESLOutput]) {
        while phase == .running, running == nil, replies.isEmpty {
            if !pending.isEmpty {
                start(pending.removeFirst(), at: now, &out)
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
            keys = []
        } catch {
            out.append(.note("\(application) could not be sent: \(error)"))
            fail("\(application) could not be sent", at: now)
        }
    }
}
