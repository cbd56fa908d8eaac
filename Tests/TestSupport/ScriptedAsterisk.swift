import CallEngine
import Dialplan
import FastAGI
import Foundation
import Simulator

/// A call of the simulator's script language played over FastAGI, as `ScriptedFreeSWITCH` plays
/// it over the Event Socket: Asterisk's side answers every command the way the recordings of
/// Asterisk 22.10.1 show (`200 result=<key> endpos=…`, `-1` then `HANGUP` when the caller hangs
/// up, DIALSTATUS after a Dial, the whisper's notes through GET FULL VARIABLE), and the same
/// scripted queue answers the joins. A WAIT FOR DIGIT on hold is answered when something
/// happens: a key, or the queue's news with the session's nudge.
public struct ScriptedAsterisk: Sendable {
    public var session: AGISession
    public var steps: ArraySlice<CallScript.Step>
    var queue: ScriptedQueue
    var now: Date
    public var sent: [String] = []
    public var outputs: [AGIOutput] = []
    var onHold = false
    var heldWait = false
    var hungUp = false
    var timerPending = false
    var clock = 1_796_148_177.0
    var conversationSeconds = 300.0
    var transferSeconds = 120.0
    var recordingSeconds = 30.0

    public init(plan: Plan, script: String, at start: Date, switchesOn: Set<String> = []) throws {
        steps = try CallScript(parsing: script).steps[...]
        queue = ScriptedQueue(plan: plan)
        now = start
        session = AGISession(call: Call(id: CallID(0x5157_1a7e), plan: plan, switchesOn: switchesOn), settings: AGISettings(), offerTokenPrefix: "t")
    }

    public struct Stuck: Error, CustomStringConvertible { public let description: String }

    public mutating func play(dialed number: String) throws -> CallOutcome? {
        var parser = AGIEnvironmentParser()
        var environment: AGIEnvironment?
        let block = "agi_network: yes\nagi_network_script: hotline\nagi_callerid: 5550199723\nagi_calleridname: CANARY NAMEQX\nagi_extension: \(number)\n\n"
        for line in block.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if case .complete(let found) = parser.consume(bytes: Array(line.utf8)) { environment = found }
        }
        guard let environment else { throw Stuck(description: "the environment block did not parse") }
        var inbox: [String] = []
        handle(session.start(environment, at: now), &inbox)
        var rounds = 0
        while !session.closed {
            rounds += 1
            guard rounds < 20_000 else { throw Stuck(description: "the call did not end: \(sent.suffix(6))") }
            now += 0.02
            if !inbox.isEmpty {
                handle(session.receive(Substring(inbox.removeFirst()), at: now), &inbox)
            } else if heldWait {
                heldWait = false
                if let signal = queue.nextSignal() {
                    handle(session.queueSignal(signal, at: now), &inbox)
                    holdWaitEnded(&inbox)
                    continue
                }
                switch queue.whileHolding(steps: &steps, language: session.call.language) {
                case .hangUp: inbox += ["200 result=-1", "HANGUP"]; hungUp = true
                case .key(let digits): inbox.append("200 result=\(digits.first!.asciiValue!)")
                case .signal(let signal):
                    handle(session.queueSignal(signal, at: now), &inbox)
                    holdWaitEnded(&inbox)
                }
            } else if let signal = queue.nextSignal() {
                handle(session.queueSignal(signal, at: now), &inbox)
            } else if timerPending {
                timerPending = false
                handle(session.timerFired(at: now), &inbox)
            } else {
                throw Stuck(description: "nothing more happens, and the session waits: \(sent.suffix(4))")
            }
        }
        return outputs.compactMap { if case .outcome(let o) = $0 { o } else { nil } }.first
    }

    mutating func handle(_ batch: [AGIOutput], _ inbox: inout [String]) {
        outputs += batch
        for output in batch {
            switch output {
            case .send(let line, _):
                sent.append(line)
                inbox += answer(String(line.dropLast()))
            case .awaitLine:
                timerPending = true
            case .joinQueue(let request):
                queue.joined(request, steps: &steps)
            case .leaveQueue:
                queue.left()
            case .offerFinished(let result):
                queue.offerFinished(result)
            case .askDesk, .messageRecorded, .outcome, .note, .close:
                break
            }
        }
    }

    /// The wait on hold ends as Asterisk ends it: `200 result=1` at once when the session nudged
    /// it (before the nudge's own reply, `18c-*`), else `200 result=0` when its time runs out.
    mutating func holdWaitEnded(_ inbox: inout [String]) {
        if sent.last == "NOOP\n" {
            inbox.insert("200 result=1", at: 0)
        } else {
            inbox.append("200 result=0")
        }
    }

    func ascii(_ key: Character) -> String { "\(key.asciiValue!)" }

    /// The escape digits of `STREAM FILE path "digits"` or `SAY NUMBER n "digits"`.
    func escape(_ line: String) -> String {
        guard let open = line.firstIndex(of: "\"") else { return "" }
        return String(line[line.index(after: open)...].prefix { $0 != "\"" })
    }

    mutating func hangUp(_ reply: String) -> [String] {
        hungUp = true
        return [reply, "HANGUP"]
    }

    /// Asterisk's reply lines to one command.
    mutating func answer(_ line: String) -> [String] {
        if hungUp {
            return line.hasPrefix("GET ") ? ["200 result=0"] : ["511 Command Not Permitted on a dead channel or intercept routine"]
        }
        if line.hasPrefix("STREAM FILE") || line.hasPrefix("SAY NUMBER") {
            if steps.first == .hangUp {
                steps.removeFirst()
                return hangUp("200 result=-1 endpos=4000")
            }
            let escape = escape(line)
            if case .interrupt(let key)? = steps.first, escape.contains(key) {
                steps.removeFirst()
                return ["200 result=\(ascii(key)) endpos=8000"]
            }
            if case .keys(let digits)? = steps.first, digits.count == 1, queue.inQueue, escape.contains(digits) {
                steps.removeFirst()   // a key during the queue's announcement
                return ["200 result=\(ascii(digits.first!)) endpos=8000"]
            }
            now += 3
            return ["200 result=0 endpos=24000"]
        }
        if line.hasPrefix("WAIT FOR DIGIT") {
            if onHold {
                heldWait = true
                return []
            }
            switch steps.first {
            case .hangUp?:
                steps.removeFirst()
                return hangUp("200 result=-1")
            case .keys(let digits)?:
                steps.removeFirst()
                if digits.count > 1 { steps.insert(.keys(String(digits.dropFirst())), at: steps.startIndex) }
                return ["200 result=\(ascii(digits.first!))"]
            case .silence?:
                steps.removeFirst()
                return ["200 result=0"]
            default:
                return ["200 result=0"]
            }
        }
        if line.hasPrefix("GET DATA") {
            switch steps.first {
            case .hangUp?:
                steps.removeFirst()
                return hangUp("200 result=-1")
            case .keys(let digits)?:
                steps.removeFirst()
                return ["200 result=\(digits.hasSuffix("#") ? String(digits.dropLast()) : digits)"]
            default:
                if steps.first == .silence { steps.removeFirst() }
                return ["200 result= (timeout)"]
            }
        }
        if line.hasPrefix("RECORD FILE") {
            switch steps.first {
            case .hangUp?:
                steps.removeFirst()
                return hangUp("200 result=-1 (hangup) endpos=80000")
            case .interrupt(let key)?:
                steps.removeFirst()
                return ["200 result=\(ascii(key)) (dtmf) endpos=0"]
            case .recorded(let seconds)?:
                steps.removeFirst()
                now += seconds
                return ["200 result=0 (timeout) endpos=\(Int(seconds * 8000))"]
            default:
                now += recordingSeconds
                return ["200 result=0 (timeout) endpos=\(Int(recordingSeconds * 8000))"]
            }
        }
        if line.hasPrefix("EXEC Dial") {
            if case .dialFailed(let result)? = steps.first {
                steps.removeFirst()
                now += 20
                dialStatus = [.busy: "BUSY", .noAnswer: "NOANSWER", .unreachable: "CHANUNAVAIL"][result] ?? "CHANUNAVAIL"
            } else {
                if steps.first == .answer { steps.removeFirst() }
                let talk = line.contains("hotline-whisper") ? conversationSeconds : transferSeconds
                answeredAt = clock
                clock += talk
                now += talk
                dialStatus = "ANSWER"
            }
            return ["200 result=0"]
        }
        if line.hasPrefix("GET VARIABLE DIALSTATUS") { return ["200 result=1 (\(dialStatus))"] }
        if line.hasPrefix("GET FULL VARIABLE") {
            return ["200 result=1 (\(answeredAt),\(answeredAt + 1),\(clock + 1))"]
        }
        if line.hasPrefix("SET MUSIC") { onHold = line.hasPrefix("SET MUSIC ON") }
        if line == "HANGUP" { return hangUp("200 result=1") }
        return ["200 result=0"]
    }

    var dialStatus = "ANSWER"
    var answeredAt = 0.0
}
