import CallEngine
import Dialplan
import EventSocket
import Foundation
import TestSupport
import Testing

/// Issue 16: the ESL session's first part against a fake FreeSWITCH that answers as the
/// transcripts show: the real `connect` reply (01, with the canary's caller id in it), `+OK` for
/// every command, then the execute's CHANNEL_EXECUTE_COMPLETE under its Event-UUID, DTMF events
/// while a prompt plays, CHANNEL_HANGUP, and the disconnect notice after `exit`.
struct ESLSessionTests {
    static let plan = Dialplan.compile("""
        languages: [en]
        time_zone: UTC
        entries: [{number: "8885550100", campaign: test, start: welcome}, {default: true, start: welcome}]
        global_keys: {"0": bye}
        states:
          welcome: {play: welcome, next: menu}
          menu:
            menu: main_menu
            keys: {"1": {next: number, meaning: option=number}, "2": {next: message, meaning: option=message}, "3": {next: advocate, meaning: option=advocate}}
            exhausted: bye
          number: {collect: enter_number, into: n, min_digits: 2, max_digits: 6, next: bye, exhausted: bye}
          message: {record: record_instructions, max_seconds: 60, next: bye, on_fail: bye}
          advocate: {transfer: "PJSIP/18007997233@referrals", on_fail: bye}
          bye: {hangup: , prompt: goodbye}
        """, file: "esl.yaml", prompts: nil).plan!

    /// Plays FreeSWITCH: answers each command the session sends, as the transcripts show.
    struct FakeFreeSWITCH {
        var session: ESLSession
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        var sent: [String] = []
        var outputs: [ESLOutput] = []
        var parser = ESLFrameParser()
        /// Keys "pressed" while the next playback runs, and what the next collect returns.
        var keysDuringNextPlayback: [Character] = []
        var stoppedBy: Character?
        var collectResults: [String?] = []
        /// The caller hangs up during the first playback (07: CHANNEL_HANGUP, then the playback's
        /// completion says PLAYBACK ERROR).
        var hangUpDuringPlayback = false

        /// A key pressed while the `set` before the first prompt runs: its DTMF event comes then,
        /// and the prompt stops at once, saying only `playback_terminator_used` (04).
        var keyDuringFirstSet: Character?

        init(collect: [String?] = [], keys: [Character] = [], hangUp: Bool = false, keyDuringFirstSet: Character? = nil) throws {
            self.keyDuringFirstSet = keyDuringFirstSet
            hangUpDuringPlayback = hangUp
            collectResults = collect
            keysDuringNextPlayback = keys
            session = ESLSession(call: Call(id: CallID(9), plan: ESLSessionTests.plan), settings: ESLSettings(), uuidPrefix: "t")
            let connectReply = try #require(FreeSWITCHTranscript.all().first { $0.name == "01-connect-channel-data.txt" })
            var framing = ESLFrameParser()
            let reply = try #require(try framing.consume(connectReply.chunks.joined()).first)
            try run(session.start(at: now), replies: [reply])
        }

        static func message(_ text: String, body: String? = nil) throws -> ESLMessage {
            var parser = ESLFrameParser()
            let wire: String = body.map { "Content-Length: \($0.utf8.count)\n\(text)\n\n\($0)" } ?? "\(text)\n\n"
            return try #require(try parser.consume(Array(wire.utf8)).first)
        }

        static func event(_ fields: [(String, String)]) throws -> ESLMessage {
            // Every event carries the caller's identity; the allow-list must drop it.
            let all = fields + [("Channel-Caller-ID-Number", "5550199723"), ("Caller-Caller-ID-Name", "CANARY%20NAMEQX"), ("variable_digits_dialed", "42%23")]
            return try message("Content-Type: text/event-plain", body: all.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n\n")
        }

        /// Feeds `replies` after recording what the session sent; then answers every new command.
        mutating func run(_ outputs: [ESLOutput], replies: [ESLMessage] = []) throws {
            var queue = replies
            var batch = outputs
            while true {
                self.outputs += batch
                for case .send(let text, _) in batch {
                    sent.append(text)
                    queue += try answer(text)
                }
                guard !queue.isEmpty else { return }
                now += 0.02
                batch = session.receive(queue.removeFirst(), at: now)
            }
        }

        mutating func answer(_ command: String) throws -> [ESLMessage] {
            let ok = { (text: String) in try Self.message("Content-Type: command/reply\nReply-Text: \(text)") }
            if command.hasPrefix("connect") { return [] }
            if command.hasPrefix("myevents") { return [try ok("+OK Events Enabled")] }
            if command.hasPrefix("linger") { return [try ok("+OK will linger 5 seconds")] }
            if command.hasPrefix("exit") {
                return [try ok("+OK bye"), try Self.message("Content-Type: text/disconnect-notice\nContent-Disposition: disconnect", body: "Disconnected, goodbye.\n")]
            }
            let lines = command.split(separator: "\n").map(String.init)
            let app = lines.first { $0.hasPrefix("execute-app-name: ") }.map { String($0.dropFirst(18)) } ?? ""
            let uuid = lines.first { $0.hasPrefix("Event-UUID: ") }.map { String($0.dropFirst(12)) } ?? ""
            var events = [try ok("+OK")]
            var fields: [(String, String)] = [("Event-Name", "CHANNEL_EXECUTE_COMPLETE"), ("Application", app), ("Application-UUID", uuid), ("Application-Response", "_none_")]
            switch app {
            case "playback" where hangUpDuringPlayback:
                hangUpDuringPlayback = false
                events.append(try Self.event([("Event-Name", "CHANNEL_HANGUP"), ("Hangup-Cause", "NORMAL_CLEARING")]))
                fields[3].1 = "PLAYBACK%20ERROR"
            case "set" where keyDuringFirstSet != nil:
                events.append(try Self.event([("Event-Name", "DTMF"), ("DTMF-Digit", String(keyDuringFirstSet!))]))
                stoppedBy = keyDuringFirstSet
                keyDuringFirstSet = nil
            case "playback" where stoppedBy != nil:
                fields[3].1 = "FILE%20PLAYED"
                fields.append(("variable_playback_terminator_used", String(stoppedBy!)))
                stoppedBy = nil
            case "playback":
                for key in keysDuringNextPlayback { events.append(try Self.event([("Event-Name", "DTMF"), ("DTMF-Digit", String(key) == "#" ? "%23" : String(key))])) }
                keysDuringNextPlayback = []
                fields[3].1 = "FILE%20PLAYED"
            case "play_and_get_digits":
                if let result = collectResults.isEmpty ? nil : collectResults.removeFirst() {
                    fields += [("variable_read_result", "success"), ("variable_hotline_digits", result)]
                } else {
                    fields += [("variable_read_result", "failure")]
                }
            case "record":
                fields += [("variable_record_ms", "3400")]
            case "hangup":
                events.append(try Self.event([("Event-Name", "CHANNEL_HANGUP"), ("Hangup-Cause", "NORMAL_CLEARING")]))
            default:
                break
            }
            events.append(try Self.event(fields))
            return events
        }

        var executes: [String] { ScriptedFreeSWITCH.executes(sent) }
        var outcomes: [CallOutcome] { outputs.compactMap { if case .outcome(let o) = $0 { o } else { nil } } }
        var closed: Bool { outputs.contains(.close) }
    }

    @Test func aCallerKeysANumberThroughTheMenu() throws {
        let fs = try FakeFreeSWITCH(collect: ["1", "4711"])
        let p = "/usr/share/freeswitch/sounds/hotline/en"
        #expect(Array(fs.sent.prefix(3)) == ["connect\n\n", "myevents\n\n", "linger 5\n\n"])
        #expect(fs.executes == ["answer", "set playback_terminators=0123456789*#", "playback \(p)/welcome.wav",
                                "set playback_terminators=0123456789*#", "play_and_get_digits 1 1 1 5000 none \(p)/main_menu.wav silence_stream://250 hotline_digits ^[0-9*#]+$ 5000",
                                "set playback_terminators=0123456789*#", "play_and_get_digits 1 6 1 10000 # \(p)/enter_number.wav silence_stream://250 hotline_digits ^[0-9*#]+$ 10000",
                                "set playback_terminators=0", "playback \(p)/goodbye.wav", "hangup NORMAL_CLEARING"], "\(fs.executes)")
        #expect(fs.sent.last == "exit\n\n" && fs.closed)
        #expect(fs.outcomes.count == 1 && fs.outcomes.first?.ending == .goodbye && fs.outcomes.first?.choices == ["option=number"], "\(fs.outcomes)")
        #expect(fs.outcomes.first?.dialedNumber == nil || fs.outcomes.first?.dialedNumber == "8885550100")
    }

    @Test func theEmergencyKeyStopsAPromptAndAMessageIsHandedOn() throws {
        let fs = try FakeFreeSWITCH(collect: ["2"])
        // The welcome played; then the menu's 2; record_instructions, then record.
        let recorded = fs.outputs.compactMap { if case .messageRecorded(let r) = $0 { r } else { nil } }
        #expect(recorded.count == 1 && recorded.first?.seconds == 3.4 && recorded.first?.file.hasSuffix(".wav") == true, "\(fs.executes)")
        #expect(fs.executes.contains { $0.hasPrefix("record /var/lib/freeswitch/recordings/hotline-messages/") && $0.hasSuffix(".wav 60 200 10") }, "\(fs.executes)")

        let stopped = try FakeFreeSWITCH(keys: ["0"])
        #expect(stopped.outcomes.first?.ending == .goodbye && stopped.executes.contains("playback /usr/share/freeswitch/sounds/hotline/en/goodbye.wav"),
                "0 during the welcome goes to bye: \(stopped.executes)")
        #expect(!stopped.executes.contains { $0.contains("main_menu") })
    }

    /// 06b, 06d: a failed bridge hangs the caller up unless `continue_on_fail` is set; the caller's
    /// number and name go on to the far end unless the dial string replaces them (06).
    @Test func aTransferIsABridgeThatReturnsTheCallerWhenItFailsAndShowsTheHotlinesNumber() throws {
        let fs = try FakeFreeSWITCH(collect: ["3"])
        let bridges = fs.executes.filter { $0.hasPrefix("bridge ") || $0.hasPrefix("multiset ") }
        #expect(bridges == ["multiset continue_on_fail=true hangup_after_bridge=false transfer_ringback=tone_stream://%(2000,4000,440,480);loops=-1",
                            "bridge {origination_caller_id_number=8885550100,origination_caller_id_name=Hotline,originate_timeout=30,hangup_after_bridge=false}sofia/gateway/referrals/18007997233"],
                "\(fs.executes)")
        // The fake's bridge completes without an originate_disposition: the line could not be reached.
        #expect(fs.outcomes.first?.path.last == "bye" && fs.outcomes.first?.path.contains("advocate") == true, "\(fs.outcomes)")
    }

    @Test func destinationsWrittenForAsteriskAreTranslatedOrRefusedWithWhatToWrite() throws {
        #expect(try ESLDialString.translate("PJSIP/911@emergency") == "sofia/gateway/emergency/911")
        #expect(try ESLDialString.translate("PJSIP/advocate-desk-1") == "user/advocate-desk-1")
        #expect(try ESLDialString.translate("user/1001") == "user/1001")
        #expect(try ESLDialString.translate("loopback/answer/advocates") == "loopback/answer/advocates")
        for bad in ["IAX2/partner", "Local/100@ctx", "PJSIP/1,2", "PJSIP/{x}", "PJSIP/", "911", "PJSIP/@trunk", "PJSIP/a b"] {
            #expect(throws: ESLDialString.Untranslatable.self, "\(bad)") { try ESLDialString.translate(bad) }
        }
        let error = try #require(throws: ESLDialString.Untranslatable.self) { try ESLDialString.translate("IAX2/partner") }
        #expect(error.description.contains("PJSIP/NUMBER@TRUNK"))
    }

    @Test func aHangUpDuringAPromptEndsTheCallThereWithNothingMoreExecuted() throws {
        let fs = try FakeFreeSWITCH(hangUp: true)
        #expect(fs.executes == ["answer", "set playback_terminators=0123456789*#", "playback /usr/share/freeswitch/sounds/hotline/en/welcome.wav"], "\(fs.executes)")
        #expect(fs.outcomes.count == 1 && fs.outcomes.first?.ending == .abandonedInIVR && fs.outcomes.first?.endedIn == "welcome", "\(fs.outcomes)")
        #expect(fs.sent.last == "exit\n\n" && fs.closed)
    }

    @Test func nothingFromTheCallersIdentityReachesAnOutput() throws {
        let fs = try FakeFreeSWITCH(collect: ["1", "4711"])
        let text = fs.outputs.map { "\($0)" }.joined(separator: "\n")
        for needle in ["5550199723", "CANARY", "NAMEQX", "42#"] { #expect(!text.contains(needle), "\(needle)") }
    }

    /// Review of issue 16: a key pressed in the 20 ms of the `set` before a prompt is not lost:
    /// the emergency key still stops the welcome and takes the caller on its path.
    @Test func aKeyPressedJustBeforeAPromptStillCounts() throws {
        let fs = try FakeFreeSWITCH(keyDuringFirstSet: "0")
        #expect(fs.outcomes.first?.path == ["welcome", "bye"], "\(fs.outcomes.first?.path ?? []) \(fs.executes)")
    }

    /// Review of issue 16: a controller that gives a call up (it stops, or the connection cannot
    /// be trusted) logs an error, not the caller's hang-up, and closes without another command.
    @Test func aCallGivenUpIsAnErrorNotAHangUp() throws {
        var session = ESLSession(call: Call(id: CallID(10), plan: Self.plan), settings: ESLSettings(), uuidPrefix: "g")
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        _ = session.start(at: now)
        let transcript = try #require(FreeSWITCHTranscript.all().first { $0.name == "01-connect-channel-data.txt" })
        var parser = ESLFrameParser()
        _ = session.receive(try #require(try parser.consume(transcript.chunks.joined()).first), at: now)
        _ = session.receive(try FakeFreeSWITCH.message("Content-Type: command/reply\nReply-Text: +OK Events Enabled"), at: now)
        let started = session.receive(try FakeFreeSWITCH.message("Content-Type: command/reply\nReply-Text: +OK will linger 5 seconds"), at: now)
        #expect(started.contains { if case .send = $0 { true } else { false } }, "the answer went out")
        let outputs = session.abandon("a framing error", at: now)
        let outcomes = outputs.compactMap { if case .outcome(let o) = $0 { o } else { nil } }
        #expect(outcomes.count == 1 && outcomes.first?.ending == .error, "\(outputs)")
        #expect(outputs.last == .close && !outputs.contains { if case .send = $0 { true } else { false } })
    }
}
