import CallEngine
import Dialplan
import EventSocket
import Foundation
import Simulator

/// A call of the simulator's script language (`2,1,queue-timeout,1,record:30`) played over the
/// Event Socket: FreeSWITCH's side answers every command as the transcripts show, and a scripted
/// queue answers the session's joins as the simulator's queue does. Pure and in-process: the
/// session's outputs are answered until it closes.
///
/// What FreeSWITCH sends is built as the recordings show it: the real `connect` reply of 01 (the
/// canary caller's number and name in it), `+OK` replies to every command, events whose bodies
/// are a real CHANNEL_EXECUTE_COMPLETE of 02 (with its dozen caller-id headers) with the fields of
/// the moment written over, DTMF events for keys, CHANNEL_BRIDGE / UNBRIDGE around an answered
/// bridge (their timestamps the talk time), CHANNEL_HANGUP before the interrupted execute's
/// completion (07), an `api/response` to `uuid_break` and then the music's completion (10).
public struct ScriptedFreeSWITCH: Sendable {
    public var session: ESLSession
    public var steps: ArraySlice<CallScript.Step>
    var queue: ScriptedQueue
    var now: Date
    /// FreeSWITCH's clock, microseconds.
    var clock: Int64 = 1_796_148_177_525_637
    public var sent: [String] = []
    public var outputs: [ESLOutput] = []
    var terminators = "*"
    /// The Event-UUID of the execute that runs (music on hold runs until broken off).
    var running: (app: String, uuid: String)?
    var inQueue: Bool { queue.inQueue }
    var hungUp = false
    var conversationSeconds = 300.0
    /// The next advocate answers and hangs up during the whisper: a real FreeSWITCH 1.10.12 then
    /// fails the bridge with NORMAL_CLEARING and sends no CHANNEL_BRIDGE.
    public var advocateHangsUpDuringWhisper = false
    public var queueAnnouncesRegardless: Bool {
        get { queue.announcesRegardless }
        set { queue.announcesRegardless = newValue }
    }
    var recordingSeconds = 30.0

    static let template: [String] = {
        let transcript = FreeSWITCHTranscript.all().first { $0.name == "02-answer-playback.txt" }
        var parser = ESLFrameParser()
        let bytes: [UInt8] = transcript.map { Array($0.chunks.joined()) } ?? []
        let messages = (try? parser.consume(bytes)) ?? []
        let complete = messages.first { String(decoding: $0.body, as: UTF8.self).contains("Event-Name: CHANNEL_EXECUTE_COMPLETE\n") }
        let lines = complete.map { String(decoding: $0.body, as: UTF8.self).split(separator: "\n").map(String.init) } ?? []
        // Whatever the recording holds, the canary's identity is in it: the headers the README
        // lists, those that come from the hang-up on, and those a SIP call adds.
        return lines + ["Channel-Caller-ID-Number: 5550199723", "Caller-Caller-ID-Name: CANARY%20NAMEQX", "variable_digits_dialed: 42%237",
                        "variable_caller_id: %22CANARY%20NAMEQX%22%20%3C5550199723%3E", "Caller-Network-Addr: 198.51.100.77",
                        "variable_sip_from_user: 5550199723", "variable_sip_from_display: CANARY%20NAMEQX", "variable_sip_P-Asserted-Identity: %3Csip%3A5550199723%40carrier%3E",
                        "variable_sip_network_ip: 198.51.100.77", "variable_sip_call_id: canary-call-id-77"]
    }()

    static let connectReply: ESLMessage? = {
        guard let transcript = FreeSWITCHTranscript.all().first(where: { $0.name == "01-connect-channel-data.txt" }) else { return nil }
        var parser = ESLFrameParser()
        return try? parser.consume(transcript.chunks.joined()).first
    }()

    public init(plan: Plan, script: String, at start: Date, switchesOn: Set<String> = []) throws {
        steps = try CallScript(parsing: script).steps[...]
        queue = ScriptedQueue(plan: plan)
        now = start
        session = ESLSession(call: Call(id: CallID(0x5157_1a7e), plan: plan, switchesOn: switchesOn), settings: ESLSettings(), uuidPrefix: "s")
    }

    /// Plays the call to its end; returns its one outcome.
    public mutating func play(dialed number: String) throws -> CallOutcome? {
        var inbox: [ESLMessage] = []
        handle(session.start(at: now), &inbox)
        inbox.append(try connect(number))
        var rounds = 0
        while !session.closed {
            rounds += 1
            guard rounds < 20_000 else { throw Stuck(description: "the call did not end: \(sent.suffix(6))") }
            if !inbox.isEmpty {
                now += 0.02
                clock += 20_000
                handle(session.receive(inbox.removeFirst(), at: now), &inbox)
            } else if let signal = waitingCaller(&inbox) {
                handle(session.queueSignal(signal, at: now), &inbox)
            } else if inbox.isEmpty {
                throw Stuck(description: "nothing more happens, and the session waits: \(sent.suffix(4))")
            }
        }
        return outputs.compactMap { if case .outcome(let o) = $0 { o } else { nil } }.first
    }

    public struct Stuck: Error, CustomStringConvertible { public let description: String }

    mutating func handle(_ batch: [ESLOutput], _ inbox: inout [ESLMessage]) {
        outputs += batch
        for output in batch {
            switch output {
            case .send(let text, _):
                sent.append(text)
                inbox += answer(text)
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

    /// Nothing is in flight: the queue, or the caller on hold, does the next thing.
    mutating func waitingCaller(_ inbox: inout [ESLMessage]) -> QueueSignal? {
        if let signal = queue.nextSignal() { return signal }
        guard inQueue, let music = running, music.app == "playback" else { return nil }
        switch queue.whileHolding(steps: &steps, language: session.call.language) {
        case .hangUp:
            hangUp(&inbox, response: "FILE%20PLAYED")
            return nil
        case .key(let digits):
            for key in digits { inbox.append(event(["Event-Name": "DTMF", "DTMF-Digit": escaped(key)], full: false)) }
            return nil
        case .signal(let signal):
            return signal
        }
    }

    func escaped(_ key: Character) -> String { key == "#" ? "%23" : String(key) }

    public mutating func connect(_ number: String) throws -> ESLMessage {
        guard var reply = Self.connectReply else { throw Stuck(description: InteropFolder.missing) }
        for index in reply.headers.indices where ["Channel-Destination-Number", "Caller-Destination-Number"].contains(reply.headers[index].name) {
            reply.headers[index].value = number
        }
        return reply
    }

    func reply(_ text: String, type: String = "command/reply") -> ESLMessage {
        ESLMessage(headers: [ESLHeader("Content-Type", type), ESLHeader("Reply-Text", text)])
    }

    /// An event as FreeSWITCH writes it: the template's headers with `fields` written over.
    func event(_ fields: [String: String], full: Bool = true) -> ESLMessage {
        var lines = (full ? Self.template : ["Channel-Caller-ID-Number: 5550199723"]).filter { line in
            !fields.keys.contains { line.hasPrefix("\($0): ") } && !line.hasPrefix("Event-Date-Timestamp: ")
        }
        lines += fields.map { "\($0.key): \($0.value)" } + ["Event-Date-Timestamp: \(clock)"]
        let body = Array((lines.joined(separator: "\n") + "\n\n").utf8)
        return ESLMessage(headers: [ESLHeader("Content-Length", "\(body.count)"), ESLHeader("Content-Type", "text/event-plain")], body: body)
    }

    func completion(_ fields: [String: String] = [:], response: String = "_none_") -> ESLMessage {
        var all = fields
        all["Event-Name"] = "CHANNEL_EXECUTE_COMPLETE"
        all["Application"] = running?.app ?? ""
        all["Application-UUID"] = running?.uuid ?? ""
        all["Application-Response"] = response
        return event(all)
    }

    mutating func hangUp(_ inbox: inout [ESLMessage], response: String) {
        hungUp = true
        inbox.append(event(["Event-Name": "CHANNEL_HANGUP", "Hangup-Cause": "NORMAL_CLEARING"]))
        if running != nil { inbox.append(completion(response: response)) }
        inbox.append(event(["Event-Name": "CHANNEL_HANGUP_COMPLETE", "Hangup-Cause": "NORMAL_CLEARING"]))
        running = nil
    }

    /// FreeSWITCH's answer to one command: its reply, and the events that follow.
    public mutating func answer(_ text: String) -> [ESLMessage] {
        let lines = text.split(separator: "\n").map(String.init)
        guard let verb = lines.first else { return [] }
        if verb == "connect" { return [] }
        if verb == "myevents" { return [reply("+OK Events Enabled")] }
        if verb.hasPrefix("linger") { return [reply("+OK will linger 5 seconds")] }
        if verb == "exit" {
            return [reply("+OK bye"), ESLMessage(headers: [ESLHeader("Content-Type", "text/disconnect-notice"), ESLHeader("Content-Disposition", "disconnect")])]
        }
        if verb.hasPrefix("api uuid_break") {
            var out = [ESLMessage(headers: [ESLHeader("Content-Type", "api/response"), ESLHeader("Content-Length", "4")], body: Array("+OK\n".utf8))]
            if running != nil { out.append(completion(response: "FILE%20PLAYED")) }
            running = nil
            return out
        }
        guard verb == "sendmsg", !hungUp else { return [reply("+OK")] }
        func header(_ name: String) -> String { lines.first { $0.hasPrefix("\(name): ") }.map { String($0.dropFirst(name.count + 2)) } ?? "" }
        let app = header("execute-app-name"), arg = header("execute-app-arg")
        running = (app, header("Event-UUID"))
        var out = [reply("+OK")]
        switch app {
        case "set" where arg.hasPrefix("playback_terminators="):
            terminators = String(arg.dropFirst("playback_terminators=".count))
            out.append(completion())
        case "playback" where arg.hasPrefix("local_stream://"):
            return out   // music on hold: until uuid_break
        case "playback", "say":
            if steps.first == .hangUp {
                steps.removeFirst()
                hangUp(&out, response: "PLAYBACK%20ERROR")
                return out
            }
            if case .interrupt(let key)? = steps.first, terminators.contains(key) {
                steps.removeFirst()
                out.append(event(["Event-Name": "DTMF", "DTMF-Digit": escaped(key)], full: false))
                now += 1
            } else if case .keys(let digits)? = steps.first, digits.count == 1, inQueue, terminators.contains(digits) {
                // A key during the queue's announcement.
                steps.removeFirst()
                out.append(event(["Event-Name": "DTMF", "DTMF-Digit": escaped(digits.first!)], full: false))
            } else {
                now += 3
            }
            out.append(completion(response: "FILE%20PLAYED"))
        case "play_and_get_digits":
            if steps.first == .hangUp {
                steps.removeFirst()
                hangUp(&out, response: "PLAYBACK%20ERROR")
                return out
            }
            now += 3
            if case .keys(let digits)? = steps.first {
                steps.removeFirst()
                let typed = digits.hasSuffix("#") ? String(digits.dropLast()) : digits
                out.append(completion(["variable_read_result": "success", "variable_hotline_digits": typed.replacingOccurrences(of: "#", with: "%23")]))
            } else {
                if steps.first == .silence { steps.removeFirst() }
                now += 5
                out.append(completion(["variable_read_result": "failure"]))
            }
        case "record":
            switch steps.first {
            case .hangUp?:
                steps.removeFirst()
                now += 10
                hangUp(&out, response: "_none_")
            case .interrupt(let key)?:
                steps.removeFirst()
                out.append(event(["Event-Name": "DTMF", "DTMF-Digit": escaped(key)], full: false))
                out.append(completion(["variable_record_ms": "0"]))
            case .recorded(let seconds)?:
                steps.removeFirst()
                now += seconds
                out.append(completion(["variable_record_ms": "\(Int(seconds * 1000))"]))
            default:
                now += recordingSeconds
                out.append(completion(["variable_record_ms": "\(Int(recordingSeconds * 1000))"]))
            }
        case "bridge":
            let failures: [DialResult: (String, String)] = [.busy: ("USER_BUSY", "BUSY"), .noAnswer: ("NO_ANSWER", "NOANSWER"),
                                                            .unreachable: ("NO_ROUTE_DESTINATION", "NO_ROUTE_DESTINATION")]
            if advocateHangsUpDuringWhisper, arg.contains("group_confirm_key=exec") {
                advocateHangsUpDuringWhisper = false
                now += 5
                out.append(completion(["variable_originate_disposition": "NORMAL_CLEARING", "variable_originate_failed_cause": "NORMAL_CLEARING"]))
            } else if case .dialFailed(let result)? = steps.first, let (disposition, status) = failures[result] {
                steps.removeFirst()
                now += 20
                out.append(completion(["variable_originate_disposition": disposition, "variable_DIALSTATUS": status]))
            } else {
                if steps.first == .answer { steps.removeFirst() }
                let talk = arg.contains("group_confirm_key=exec") ? conversationSeconds : 120
                out.append(event(["Event-Name": "CHANNEL_BRIDGE", "variable_originate_disposition": "SUCCESS"]))
                now += talk
                clock += Int64(talk * 1_000_000)
                out.append(event(["Event-Name": "CHANNEL_UNBRIDGE", "variable_originate_disposition": "SUCCESS"]))
                out.append(completion(["variable_originate_disposition": "SUCCESS", "variable_DIALSTATUS": "SUCCESS"]))
            }
        case "hangup":
            hangUp(&out, response: "_none_")
        default:
            out.append(completion())
        }
        return out
    }

    /// A message as FreeSWITCH writes it on the wire.
    public static func bytes(of message: ESLMessage) -> [UInt8] {
        var text = ""
        for header in message.headers { text += "\(header.name): \(header.value)\n" }
        return Array((text + "\n").utf8) + message.body
    }

    /// The executes among commands, as `app arg`: what a test compares.
    public static func executes(_ sent: [String]) -> [String] {
        sent.compactMap { text in
            let lines = text.split(separator: "\n")
            guard let app = lines.first(where: { $0.hasPrefix("execute-app-name: ") })?.dropFirst(18) else { return nil }
            let arg = lines.first { $0.hasPrefix("execute-app-arg: ") }?.dropFirst(17)
            return arg.map { "\(app) \($0)" } ?? String(app)
        }
    }
}
