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
            context = CallContext(dialedNumbers: [data["Channel-Destination-Number"], data["Caller-Destination-Number"]].compactMap { $0 }, language: nil)
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
                // Only the reply's first words: `-ERR invalid session id [<uuid>]` names the channel.
                out.append(.note("FreeSWITCH refused \(application) (\(text.split(separator: " ").prefix(3).joined(separator: " ").prefix { $0 != "[" }))"))
                running = nil
                fail("FreeSWITCH refused \(application)", at: now)
                return
            }
        case .exit:
            phase = .closed
            out.append(.close)
        }
    }

    mutating func handle(_ event: ESLEvent, at now: Date, _ out: inout [ESLOutput]) {
        switch event.name {
        case "DTMF":
            if running != nil, let digit = event["DTMF-Digit"]?.first, "0123456789*#".contains(digit) { keys.append(digit) }
        case "CHANNEL_EXECUTE_COMPLETE":
            guard let current = running, event["Application-UUID"] == current.uuid else { return }
            running = nil
            completed(current.step, event, at: now, &out)
        case "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE":
            guard !hungUp else { return }
            hungUp = true
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

    /// What came of an execute.
    mutating func completed(_ step: Step, _ event: ESLEvent, at now: Date, _ out: inout [ESLOutput]) {
        let response = event["Application-Response"] ?? ""
        switch step {
        case .plain, .hangUp:
            break
        case .terminators(let next):
            run(next, at: now, &out)
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
            let key = keys.first { request.planKeys.contains($0) }
            out.append(.messageRecorded(MessageRecording(file: path, seconds: seconds, language: call.language, campaign: call.inProgress?.campaign ?? "other")))
            feed(.recordingFinished(seconds: seconds, endedBy: key), at: now)
        }
    }
}
