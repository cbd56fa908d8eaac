import CallEngine
import Dialplan
import Foundation

/// The staff line over the Event Socket: an advocate's desk phone dials `*55`, FreeSWITCH's
/// `[hotline-agents]` context sets `hotline_script=staff` and connects to the controller like a
/// caller's call; the connect reply's `variable_hotline_script` tells them apart. A translator
/// between the pure `StaffLineCall` and FreeSWITCH, as `AGIStaffLineSession` is for Asterisk:
/// prompts play whole (`playback_terminators=none`), the last prompt of a question collects the
/// digits up to `#` (`play_and_get_digits`), and the variable that held them is unset at once,
/// so a PIN does not stay on the channel. One execute at a time. Nothing it sends or receives is
/// logged: a PIN crosses it.
public struct ESLStaffLineSession: Sendable {
    public private(set) var line = StaffLineCall()
    let settings: ESLSettings
    let uuidPrefix: String
    var pending: [StaffLineAction] = []
    var replies = 0
    var running: (uuid: String, step: Step)?
    var askingDesk = false
    var subscribed = false
    var exiting = false
    var executes = 0
    public private(set) var closed = false

    enum Step: Sendable {
        case plain
        /// `answer`; then the prompts' terminators: none (they play whole).
        case answer
        case prompt(remaining: ArraySlice<Prompt>, then: CollectRequest?)
        case collect
        case hangUp
    }

    /// The value of the channel variable `hotline_script` that marks a staff-line call.
    public static let scriptName = "staff"

    /// Whether a `connect` reply is a desk phone's staff-line call.
    public static func isStaffLine(_ connectReply: ESLMessage) -> Bool {
        ESLEvent(connectReply)?["variable_hotline_script"] == scriptName
    }

    public init(settings: ESLSettings, uuidPrefix: String = String(UInt64.random(in: .min ... .max), radix: 16)) {
        self.settings = settings
        self.uuidPrefix = uuidPrefix
    }

    /// After the `connect` reply: subscribe, then the dialogue.
    public mutating func connected(at now: Date) -> [ESLOutput] {
        var out: [ESLOutput] = []
        send(.myEvents, &out)
        send(.linger(seconds: settings.lingerSeconds), &out)
        pending = line.start()
        return out
    }

    public mutating func receive(_ message: ESLMessage, at now: Date) -> [ESLOutput] {
        var out: [ESLOutput] = []
        guard !closed else { return out }
        switch message.kind {
        case .commandReply, .apiResponse:
            guard replies > 0 else { break }
            replies -= 1
            let text = message["Reply-Text"] ?? ""
            if exiting {
                gone(&out)
                return out
            }
            if running != nil, !text.hasPrefix("+OK") {
                gone(&out)
                return out
            }
            if replies == 0, !subscribed { subscribed = true }
        case .event:
            guard let event = ESLEvent(message) else { break }
            switch event.name {
            case "CHANNEL_EXECUTE_COMPLETE":
                guard let current = running, event["Application-UUID"] == current.uuid else { break }
                running = nil
                completed(current.step, event, &out)
            case "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE":
                if exiting { break }
                if case .hangUp? = running?.step {
                    running = nil
                    exit(&out)
                    break
                }
                gone(&out)
                return out
            default:
                break
            }
        case .disconnectNotice:
            if message["Content-Disposition"] == "disconnect" {
                gone(&out)
                return out
            }
        case .other:
            break
        }
        pump(&out)
        return out
    }

    /// The desk's reply to the request it was given.
    public mutating func deskAnswered(_ answer: StaffLineDeskAnswer) -> [ESLOutput] {
        var out: [ESLOutput] = []
        guard askingDesk, !closed else { return out }
        askingDesk = false
        pending += line.handle(.deskAnswered(answer))
        pump(&out)
        return out
    }

    /// A timeout, or the connection closed or broke.
    public mutating func connectionLost() -> [ESLOutput] {
        var out: [ESLOutput] = []
        if !closed { gone(&out) }
        return out
    }

    public var waitsForFreeSWITCH: Bool { replies > 0 || running != nil }

    mutating func gone(_ out: inout [ESLOutput]) {
        _ = line.handle(.hungUp)
        pending.removeAll()
        running = nil
        closed = true
        out.append(.close)
    }

    mutating func completed(_ step: Step, _ event: ESLEvent, _ out: inout [ESLOutput]) {
        switch step {
        case .plain:
            break
        case .answer:
            execute("set", "playback_terminators=none", .plain, &out)
        case .hangUp:
            exit(&out)
        case .prompt(let remaining, let request):
            if event["Application-Response"] == "FILE NOT FOUND" { out.append(.note("a staff line prompt could not be played (missing on the FreeSWITCH host?)")) }
            next(remaining, request, &out)
        case .collect:
            let digits = event["variable_read_result"] == "failure" ? "" : (event["variable_hotline_digits"] ?? "")
            // The PIN leaves the channel before anything else happens.
            execute("unset", "hotline_digits", .plain, &out)
            pending.insert(contentsOf: line.handle(digits.isEmpty ? .noInput : .entered(digits)), at: 0)
        }
    }

    mutating func pump(_ out: inout [ESLOutput]) {
        while subscribed, replies == 0, running == nil, !askingDesk, !closed, !exiting {
            guard !pending.isEmpty else {
                if line.ended { execute("hangup", "NORMAL_CLEARING", .hangUp, &out) }
                return
            }
            switch pending.removeFirst() {
            case .answer:
                execute("answer", "", .answer, &out)
            case .play(let prompts):
                next(prompts[...], nil, &out)
            case .collect(let request):
                next(request.prompts[...], request, &out)
            case .askDesk(let request):
                askingDesk = true
                out.append(.askDesk(request))
            case .hangUp:
                execute("hangup", "NORMAL_CLEARING", .hangUp, &out)
            }
        }
    }

    mutating func exit(_ out: inout [ESLOutput]) {
        guard !exiting else { return }
        exiting = true
        send(.exit, &out)
    }

    /// The next prompt of a `play`, or of a question whose last prompt collects the digits.
    mutating func next(_ prompts: ArraySlice<Prompt>, _ request: CollectRequest?, _ out: inout [ESLOutput]) {
        if let request, prompts.count <= 1 {
            let milliseconds = Int(max(1, request.timeoutSeconds) * 1000)
            let file = prompts.first.map(path) ?? "silence_stream://250"
            execute("play_and_get_digits", "1 \(request.maxDigits) 1 \(milliseconds) # \(file) silence_stream://250 hotline_digits ^[0-9]+$ \(milliseconds)", .collect, &out)
        } else if let prompt = prompts.first {
            execute("playback", path(prompt), .prompt(remaining: prompts.dropFirst(), then: request), &out)
        }
    }

    func path(_ prompt: Prompt) -> String { "\(settings.promptFolder)/\(prompt.path).wav" }

    mutating func send(_ command: ESLCommand, _ out: inout [ESLOutput]) {
        guard let text = try? command.wireText() else { return }
        replies += 1
        out.append(.send(text, timeoutSeconds: settings.commandTimeoutSeconds))
    }

    mutating func execute(_ application: String, _ argument: String, _ step: Step, _ out: inout [ESLOutput]) {
        executes += 1
        let uuid = "\(uuidPrefix)-\(executes)"
        do {
            let text = try ESLCommand.execute(application: application, argument: argument, uuid: uuid).wireText()
            replies += 1
            running = (uuid, step)
            out.append(.send(text, timeoutSeconds: settings.promptTimeoutSeconds))
        } catch {
            out.append(.note("\(application) could not be sent on the staff line"))
            gone(&out)
        }
    }
}
