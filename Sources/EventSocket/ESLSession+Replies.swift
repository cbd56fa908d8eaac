import CallEngine
import Foundation

/// Command replies and events, as the engine hears them.
extension ESLSession {
    mutating func reply(_ message: ESLMessage, at now: Date, _ out: inout [ESLOutput]) {
        guard !replies.isEmpty else {
            out.append(.note("FreeSWITCH sent a reply to no command"))
            return
        }
        let meaning = replies.removeFirst()
        let text = (message["Reply-Text"] ?? "").removingPercentEncoding ?? ""
        switch meaning {
        case .connect:
            guard let data = ESLEvent(message) else {
                out.append(.note("the reply to connect carried no channel data"))
                connectionClosed(at: now, &out)
                return
            }
            let dialed = [data["Channel-Destination-Number"], data["Caller-Destination-Number"]].compactMap { $0 }
            context = CallContext(dialedNumbers: dialed, language: nil)
            if let number = call.plan.declaredNumber(among: dialed) { presentedNumber = number }
            // Read from the reply itself, not the allow-listed event: the uuid never enters
            // anything that could be logged (`ESLChannel`).
            channel = message["Unique-ID"].flatMap { ESLChannel($0) }
            phase = .subscribing
            command(.myEvents, .subscribe, &out)
            command(.linger(seconds: settings.lingerSeconds), .subscribe, &out)
        case .subscribe:
            guard replies.isEmpty, phase == .subscribing else { return }
            phase = .running
            feed(.callStarted(context ?? CallContext()), at: now)
            context = nil
        case .queued:
            guard text.hasPrefix("+OK") else {
                let application = running?.application ?? "an execute"
                // Never the reply's text: `-ERR invalid session id [<uuid>]` names the channel.
                out.append(.note("FreeSWITCH refused \(application) (its reply was not +OK)"))
                running = nil
                fail("FreeSWITCH refused \(application)", at: now)
                return
            }
        case .api:
            // `uuid_break`: `-ERR No such channel!` means the caller is gone, which the hang-up
            // events say too; either way the music's completion (or the end) follows.
            break
        case .exit:
            phase = .closed
            out.append(.close)
        }
    }

    mutating func handle(_ event: ESLEvent, at now: Date, _ out: inout [ESLOutput]) {
        switch event.name {
        case "DTMF":
            guard let digit = event["DTMF-Digit"]?.first, Self.allKeys.contains(digit), !hungUp else { return }
            if holding, running.map({ $0.step.isHold }) ?? true {
                // On hold a key reaches the engine at once (the music is then broken off).
                feed(.digitsReceived(String(digit)), at: now)
            } else if running != nil {
                keys.append(digit)
            }
        case "CHANNEL_BRIDGE":
            bridgedAt = Self.timestamp(event)
        case "CHANNEL_UNBRIDGE":
            unbridgedAt = Self.timestamp(event)
        case "CHANNEL_EXECUTE_COMPLETE":
            guard let current = running, event["Application-UUID"] == current.uuid else { return }
            running = nil
            // The key that stopped a prompt, as FreeSWITCH says it (04), in case its DTMF event
            // comes after the completion (events are not ordered, README fact 5). Only `playback`
            // and `record` clear the variable when they start (mod_dptools); after anything else
            // it may be an old prompt's key.
            if ["playback", "record"].contains(current.application), current.step.stopsOnKeys,
               let used = event["variable_playback_terminator_used"]?.first, Self.allKeys.contains(used), !keys.contains(used) {
                keys.insert(used, at: 0)
            }
            completed(current.step, event, at: now, &out)
            if hungUp, current.step.outlivesHangUp, call.phase != .ended {
                dropPendingCommands()
                feed(.remoteHungUp, at: now)
            }
        case "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE":
            guard !hungUp else { return }
            hungUp = true
            queueNews.removeAll()
            holding = false
            // A bridge's or a recording's completion still comes, and tells what came of it.
            if let step = running?.step, step.outlivesHangUp { return }
            let ours: Bool
            if case .hangUp = running?.step { ours = true } else { ours = false }
            running = nil
            if !ours, call.phase != .ended, call.phase != .notStarted {
                dropPendingCommands()
                feed(.remoteHungUp, at: now)
            }
        default:
            break
        }
    }

    /// An event's `Event-Date-Timestamp`: FreeSWITCH's clock, microseconds since 1970.
    static func timestamp(_ event: ESLEvent) -> Int64? {
        event["Event-Date-Timestamp"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// FreeSWITCH's `originate_disposition` in the hotline's words (06*). An answered bridge whose
    /// caller was never put through was not taken: NORMAL_CLEARING, which a real FreeSWITCH 1.10.12 reports when the advocate answers and
    /// hangs up during the whisper (`group_confirm_file`): a missed offer, not a broken phone.
    func dialResult(_ event: ESLEvent) -> DialResult {
        let disposition = event["variable_originate_disposition"] ?? event["variable_DIALSTATUS"] ?? ""
        switch disposition {
        case "SUCCESS", "ANSWER":
            // CHANNEL_BRIDGE not seen (events are not ordered): a conversation of unknown length,
            // never a missed offer that would ring the caller's advocate again.
            guard let bridgedAt else { return .answered(talkSeconds: nil) }
            // CHANNEL_UNBRIDGE not seen yet: the bridge's completion is when it ended.
            guard let ended = unbridgedAt ?? Self.timestamp(event), ended >= bridgedAt else { return .answered(talkSeconds: nil) }
            let talk = Double(ended - bridgedAt) / 1_000_000
            return .answered(talkSeconds: talk < 86_400 ? talk : nil)
        case _ where hungUp: return .callerGone
        case "USER_BUSY", "BUSY", "CALL_REJECTED": return .busy
        case "NO_ANSWER", "NOANSWER", "ALLOTTED_TIMEOUT", "NO_USER_RESPONSE", "PROGRESS_TIMEOUT", "NORMAL_CLEARING": return .noAnswer
        case "ORIGINATOR_CANCEL", "CANCEL": return .callerGone
        default: return .unreachable   // NO_ROUTE_DESTINATION, USER_NOT_REGISTERED, CHAN_NOT_IMPLEMENTED, anything new
        }
    }

    /// What came of an execute.
    mutating func completed(_ step: Step, _ event: ESLEvent, at now: Date, _ out: inout [ESLOutput]) {
        let response = event["Application-Response"] ?? ""
        switch step {
        case .plain, .hangUp:
            break
        case .terminators(.hold):
            // The music begins unless the engine moved on meanwhile (a key, the queue's news):
            // then `pump` hands the news over, and starts the music again if the caller still holds.
            if holding, pending.isEmpty, queueNews.isEmpty, case .terminators(let next) = step { run(next, at: now, &out) }
        case .terminators(let next), .variables(let next):
            run(next, at: now, &out)
        case .beep(let next):
            if let key = keys.first(where: { Self.recordEscape(next).contains($0) }) {
                // A key during the beep: the recording never began.
                feed(.recordingFinished(seconds: 0, endedBy: Self.recordPlanKeys(next).contains(key) ? key : nil), at: now)
            } else {
                run(next, at: now, &out)
            }
        case .hold:
            if !breakingHold {
                // Nobody broke it off: the stream is missing or ended. The caller waits on in
                // silence (keys and the queue's news still count), rather than a restart loop.
                out.append(.note("the music on hold stopped by itself (is local_stream configured on the FreeSWITCH host?)"))
                holdMusic = nil
            }
            breakingHold = false
        case .announce(let remaining, let escape):
            if event["Application-Response"] == "FILE NOT FOUND" { out.append(.note("an announcement prompt could not be played (missing on the FreeSWITCH host?)")) }
            if let key = keys.first(where: { escape.contains($0) }) {
                feed(.announcementFinished(interruptedBy: key), at: now)
            } else {
                announce(remaining, escape: escape, at: now, &out)
            }
        case .bridge(let offer, _):
            let result = dialResult(event)
            bridgedAt = nil
            unbridgedAt = nil
            feed(offer ? .offerFinished(result) : .transferFinished(result), at: now)
        case .play(let remaining, let escape):
            if response == "FILE NOT FOUND" { out.append(.note("a prompt could not be played (missing on the FreeSWITCH host?)")) }
            if let key = keys.first(where: { escape.contains($0) }) {
                feed(.promptFinished(interruptedBy: key), at: now)
            } else {
                play(remaining, escape: escape, at: now, &out)
            }
        case .collectPrompt(let remaining, let request):
            if let key = keys.first {
                if request.maxDigits == 1 || String(key) == request.terminator {
                    feed(.digitsReceived(String(key)), at: now)
                } else {
                    run(.collect(request, typed: String(key)), at: now, &out)
                }
            } else {
                collect(remaining, request, at: now, &out)
            }
        case .collect(let request, let typed):
            // No input removes the variable; otherwise it holds what was keyed (03).
            let digits = event["variable_read_result"] == "failure" ? "" : (event["variable_hotline_digits"] ?? "")
            let entered = String((typed + digits).prefix(request.maxDigits))
            feed(entered.isEmpty ? .inputTimedOut : .digitsReceived(entered), at: now)
        case .record(let request, let path, let startedAt):
            let seconds = Double(event["variable_record_ms"] ?? "").map { $0 / 1000 } ?? now.timeIntervalSince(startedAt)
            recorded(path: path, seconds: seconds, &out)
            if !hungUp { feed(.recordingFinished(seconds: seconds, endedBy: keys.first { request.planKeys.contains($0) }), at: now) }
        }
    }

    /// The file `record` wrote (whole, or cut short by a hang-up), for the runtime to seal.
    func recorded(path: String, seconds: Double, _ out: inout [ESLOutput]) {
        out.append(.messageRecorded(MessageRecording(file: path, seconds: max(0, seconds), language: call.language, campaign: call.inProgress?.campaign ?? "other")))
    }

    static func recordEscape(_ step: Step) -> String {
        if case .record(let request, _, _) = step { request.escapeDigits } else { "" }
    }

    static func recordPlanKeys(_ step: Step) -> String {
        if case .record(let request, _, _) = step { request.planKeys } else { "" }
    }
}
