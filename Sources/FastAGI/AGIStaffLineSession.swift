import CallEngine
import Dialplan
import Foundation

/// The staff line over FastAGI (`agi://controller/staff`): a translator between the pure
/// `StaffLineCall` and Asterisk, as `AGISession` is for callers. Prompts play by STREAM FILE
/// (no key stops them) and the last prompt of a question by GET DATA, which collects the digits
/// up to `#`. One command in flight at a time; a desk request is answered by `deskAnswered`.
/// Nothing it sends or receives is logged: a PIN crosses it.
public struct AGIStaffLineSession: Sendable {
    public private(set) var line = StaffLineCall()
    let settings: AGISettings
    var pending: [StaffLineAction] = []
    var state: State = .idle

    enum State: Sendable {
        case idle
        case awaiting(AGICommand, Step)
        /// A desk request is out; nothing goes to the PBX until it is answered.
        case askingDesk
        case closed
    }

    enum Step: Sendable {
        case plain
        case prompt(remaining: ArraySlice<Prompt>, then: CollectRequest?)
        case collect
        case hangUp
    }

    /// The FastAGI script name of the staff line: `agi://controller:4573/staff`.
    public static let scriptName = "staff"

    public init(settings: AGISettings) {
        self.settings = settings
    }

    public var closed: Bool {
        if case .closed = state { true } else { false }
    }

    public mutating func start() -> [AGIOutput] {
        pending = line.start()
        var out: [AGIOutput] = []
        pump(&out)
        return out
    }

    /// A line from the PBX, without its `\n`.
    public mutating func receive(_ text: Substring) -> [AGIOutput] {
        var out: [AGIOutput] = []
        guard !closed else { return out }
        if text == "HANGUP" {
            gone(&out)
            return out
        }
        guard case .awaiting(let command, let step) = state, let reply = AGIReply(parsing: text) else {
            out.append(.note(.unexpectedLine))
            gone(&out)
            return out
        }
        state = .idle
        guard reply.code == 200 else {
            if reply.code != 511 { out.append(.note(.commandRejected(verb: command.verb, code: reply.code))) }
            gone(&out)
            return out
        }
        let number = reply.number
        switch step {
        case .plain:
            break
        case .hangUp:
            state = .closed
            out.append(.close)
            return out
        case .prompt(let remaining, let request):
            // -1 is a prompt that could not be played, or a hang-up whose notice follows.
            if number == -1, case .streamFile(let path, _) = command { out.append(.note(.promptUnplayable(path))) }
            next(remaining, request, &out)
        case .collect:
            if number == -1 {
                gone(&out)
                return out
            }
            feed(reply.result.isEmpty ? .noInput : .entered(reply.result))
        }
        pump(&out)
        return out
    }

    /// The desk's reply to the request it was given.
    public mutating func deskAnswered(_ answer: StaffLineDeskAnswer) -> [AGIOutput] {
        var out: [AGIOutput] = []
        guard case .askingDesk = state else { return out }
        state = .idle
        feed(.deskAnswered(answer))
        pump(&out)
        return out
    }

    /// The timer of the last `send` ran out, or the connection closed or broke.
    public mutating func connectionLost() -> [AGIOutput] {
        var out: [AGIOutput] = []
        guard !closed else { return out }
        if case .awaiting(let command, _) = state { out.append(.note(.pbxTimedOut(verb: command.verb))) }
        gone(&out)
        return out
    }

    mutating func gone(_ out: inout [AGIOutput]) {
        _ = line.handle(.hungUp)
        pending.removeAll()
        state = .closed
        out.append(.close)
    }

    mutating func feed(_ event: StaffLineEvent) {
        pending += line.handle(event)
    }

    mutating func pump(_ out: inout [AGIOutput]) {
        while case .idle = state {
            guard !pending.isEmpty else {
                if line.ended { gone(&out) }
                return
            }
            switch pending.removeFirst() {
            case .answer:
                send(.answer, .plain, timeout: settings.commandTimeoutSeconds, &out)
            case .play(let prompts):
                next(prompts[...], nil, &out)
            case .collect(let request):
                next(request.prompts[...], request, &out)
            case .askDesk(let request):
                state = .askingDesk
                out.append(.askDesk(request))
            case .hangUp:
                send(.hangup, .hangUp, timeout: settings.commandTimeoutSeconds, &out)
            }
        }
    }

    /// The next prompt of a `play`, or of a question whose last prompt collects the digits.
    mutating func next(_ prompts: ArraySlice<Prompt>, _ request: CollectRequest?, _ out: inout [AGIOutput]) {
        if let request, prompts.count <= 1 {
            let path = prompts.first.map(path) ?? "silence/1"
            send(.getData(path, milliseconds: AGISession.milliseconds(request.timeoutSeconds), maxDigits: request.maxDigits), .collect,
                 timeout: settings.promptTimeoutSeconds + request.timeoutSeconds * Double(request.maxDigits), &out)
        } else if let prompt = prompts.first {
            send(.streamFile(path(prompt), escapeDigits: ""), .prompt(remaining: prompts.dropFirst(), then: request), timeout: settings.promptTimeoutSeconds, &out)
        }
    }

    func path(_ prompt: Prompt) -> String {
        prompt.path(under: settings.promptPrefix)
    }

    mutating func send(_ command: AGICommand, _ step: Step, timeout: Double, _ out: inout [AGIOutput]) {
        do {
            let text = try command.wireLine()
            state = .awaiting(command, step)
            out.append(.send(text, timeoutSeconds: timeout))
        } catch {
            out.append(.note(.invalidCommand(error.description)))
            gone(&out)
        }
    }
}
