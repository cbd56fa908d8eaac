import CallEngine
import Dialplan
import Foundation

/// What each reply means for the command it answers.
extension AGISession {
    mutating func handle(_ reply: AGIReply, at now: Date, _ out: inout [AGIOutput]) {
        if repliesToDiscard > 0 {
            repliesToDiscard -= 1
            return
        }
        guard case .awaiting(let command, let step) = state else {
            if nudgesUnanswered > 0 {
                nudgeAnswered(&out)
            } else {
                out.append(.note(.unexpectedLine))
            }
            return
        }
        state = .idle
        switch reply.code {
        case 200:
            succeeded(command, step, reply, at: now, &out)
        case 511:
            if case .offerAnswerTime = step {
                // The conversation happened; how long it was, the PBX will not say any more.
                line = .callerGone
                dialFinished(.offerFinished(.answered(talkSeconds: nil)), at: now)
            } else if line == .up {
                peerHungUp(at: now, &out)
            } else {
                dropPendingCommands()
                feed(.remoteHungUp, at: now)
            }
        case 520 where reply.isUsageStart:
            state = .readingUsage(command)
        default:
            rejected(command.verb, code: reply.code, at: now, &out)
        }
    }

    mutating func rejected(_ verb: String, code: Int, at now: Date, _ out: inout [AGIOutput]) {
        out.append(.note(.commandRejected(verb: verb, code: code)))
        fail("the PBX rejected \(verb) with \(code)", at: now)
    }

    /// A key reported as its ASCII code (`50` for 2), as STREAM FILE and WAIT FOR DIGIT do.
    static func key(_ code: Int) -> Character? {
        guard code > 0, let scalar = Unicode.Scalar(code), allKeys.unicodeScalars.contains(scalar) else { return nil }
        return Character(scalar)
    }

    mutating func succeeded(_ command: AGICommand, _ step: Step, _ reply: AGIReply, at now: Date, _ out: inout [AGIOutput]) {
        let number = reply.number ?? 0
        if number < 0, reply.detail == "hangup" {
            // A hang-up during RECORD FILE leaves the partial file on disk (08c): it is a message.
            if case .record = step { recorded(samples: reply.endpos ?? 0, &out) }
            peerHungUp(at: now, &out)
            return
        }
        switch step {
        case .plain:
            break
        case .startHold:
            state = .holding
        case .play(let remaining, let escape):
            if let key = Self.key(number) {
                feed(.promptFinished(interruptedBy: key), at: now)
            } else if number < 0 {
                awaitHangUp(command, step, &out)
            } else {
                playNext(remaining, escape: escape, at: now, &out)
            }
        case .collectPrompt(let remaining, let request):
            if let key = Self.key(number) {
                keyPressed(key, request, digits: "", at: now, &out)
            } else if number < 0 {
                awaitHangUp(command, step, &out)
            } else {
                collectNext(remaining, request, at: now, &out)
            }
        case .collectGetData:
            if number < 0 {
                awaitHangUp(command, step, &out)
            } else if reply.result.isEmpty {
                feed(.inputTimedOut, at: now)
            } else {
                feed(.digitsReceived(reply.result), at: now)
            }
        case .collectWait(let request, let digits):
            if let key = Self.key(number) {
                keyPressed(key, request, digits: digits, at: now, &out)
            } else if number < 0 {
                awaitHangUp(command, step, &out)
            } else {
                feed(digits.isEmpty ? .inputTimedOut : .digitsReceived(digits), at: now)
            }
        case .holdWait:
            if let key = Self.key(number) {
                state = .holding
                feed(.digitsReceived(String(key)), at: now)
            } else if number < 0 {
                awaitHangUp(command, step, &out)
            } else {
                state = .holding
            }
        case .announce(let remaining, let escape):
            let speaks: Bool
            switch command {
            case .streamFile, .sayNumber: speaks = true
            default: speaks = false
            }
            if speaks, let key = Self.key(number) {
                feed(.announcementFinished(interruptedBy: key), at: now)
            } else if speaks, number < 0 {
                awaitHangUp(command, step, &out)
            } else {
                announceNext(remaining, escape: escape, at: now, &out)
            }
        case .offerDial(let token):
            // Any result: `-1` only says the advocate hung up first (07); HANGUP says the caller did.
            send(.getVariable("DIALSTATUS"), .offerStatus(token: token), timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .offerStatus(let token):
            let result = Self.dialResult(reply)
            if case .answered = result {
                send(.getFullVariable(Self.answerTimeExpression(token: token)), .offerAnswerTime, timeout: settings.commandTimeoutSeconds, at: now, &out)
            } else {
                dialFinished(.offerFinished(result), at: now)
            }
        case .offerAnswerTime:
            dialFinished(.offerFinished(Self.answeredOffer(reply)), at: now)
        case .transferDial:
            send(.getVariable("DIALSTATUS"), .transferStatus, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .transferStatus:
            dialFinished(.transferFinished(Self.dialResult(reply)), at: now)
        case .record(let startedAt, let planKeys):
            if reply.detail == "writefile" || number < 0 {
                out.append(.note(.recordingFailed))
                feed(.recordingFinished(seconds: 0), at: now)
            } else if reply.detail == "dtmf" {
                // Asterisk reports endpos=0 when a key ends the recording: time it ourselves.
                let key = Self.key(number)
                let seconds = (reply.endpos ?? 0) > 0 ? Double(reply.endpos ?? 0) / 8000 : now.timeIntervalSince(startedAt)
                out.append(.messageRecorded(recording(seconds: seconds)))
                feed(.recordingFinished(seconds: seconds, endedBy: key.flatMap { planKeys.contains($0) ? $0 : nil }), at: now)
            } else {
                recorded(samples: reply.endpos ?? 0, &out)
                feed(.recordingFinished(seconds: Double(max(0, reply.endpos ?? 0)) / 8000), at: now)
            }
        }
    }

    /// The file RECORD FILE wrote, `endpos` samples (8 kHz) long, for the runtime to seal.
    mutating func recorded(samples: Int, _ out: inout [AGIOutput]) {
        out.append(.messageRecorded(recording(seconds: Double(max(0, samples)) / 8000)))
    }

    func recording(seconds: Double) -> MessageRecording {
        MessageRecording(file: "\(settings.recordingDirectory)/\(call.id).wav", seconds: seconds, language: call.language,
                         campaign: call.inProgress?.campaign ?? "other")
    }

    /// A dial's result is known: the engine hears it first, then the hang-up that came meanwhile.
    mutating func dialFinished(_ event: CallEvent, at now: Date) {
        feed(event, at: now)
        if line != .up {
            dropPendingCommands()
            feed(.remoteHungUp, at: now)
        }
    }

    /// `-1` from a prompt or a wait: a hang-up notice should follow at once.
    mutating func awaitHangUp(_ command: AGICommand, _ step: Step, _ out: inout [AGIOutput]) {
        state = .confirmingHangUp(command, step)
        out.append(.awaitLine(seconds: settings.hangUpNoticeSeconds))
    }

    /// No hang-up followed a `-1`: the command itself failed. The call goes on as if it had
    /// played (a missing prompt must not drop a caller); if the caller is in fact gone, the
    /// next command's `511` says so.
    mutating func commandFailed(_ command: AGICommand, _ step: Step, at now: Date, _ out: inout [AGIOutput]) {
        switch command {
        case .streamFile(let path, _), .getData(let path, _, _): out.append(.note(.promptUnplayable(path)))
        default: out.append(.note(.commandFailed(verb: command.verb)))
        }
        switch step {
        case .play(let remaining, let escape): playNext(remaining, escape: escape, at: now, &out)
        case .collectPrompt(let remaining, let request): collectNext(remaining, request, at: now, &out)
        case .collectGetData(let request): collectNext([], request, at: now, &out)
        case .collectWait(_, let digits): feed(digits.isEmpty ? .inputTimedOut : .digitsReceived(digits), at: now)
        case .holdWait: state = .holding
        case .announce(let remaining, let escape): announceNext(remaining, escape: escape, at: now, &out)
        case .plain, .startHold, .offerDial, .offerStatus, .offerAnswerTime, .transferDial, .transferStatus, .record:
            preconditionFailure("only prompts and waits wait for a hang-up notice")
        }
    }

    mutating func keyPressed(_ key: Character, _ request: CollectRequest, digits: String, at now: Date, _ out: inout [AGIOutput]) {
        let entered = digits + String(key)
        if request.maxDigits == 1 || String(key) == request.terminator || entered.count >= request.maxDigits {
            feed(.digitsReceived(entered), at: now)
        } else {
            send(.waitForDigit(milliseconds: Self.milliseconds(request.timeoutSeconds)), .collectWait(request, digits: entered),
                 timeout: request.timeoutSeconds + settings.commandTimeoutSeconds, at: now, &out)
        }
    }

    /// Asterisk's DIALSTATUS in the hotline's words.
    static func dialResult(_ reply: AGIReply) -> DialResult {
        guard reply.number == 1, let status = reply.detail else { return .unreachable }
        switch status {
        case "ANSWER": return .answered(talkSeconds: nil)
        case "BUSY": return .busy
        case "NOANSWER": return .noAnswer
        case "CANCEL": return .callerGone
        default: return .unreachable   // CHANUNAVAIL, CONGESTION, INVALIDARGS, anything new
        }
    }

    /// What an offer Asterisk calls ANSWER was, from `(<answered at>,<bridged at>,<now>)` (the
    /// PBX's clock, seconds). An advocate who answered but hung up during the whisper was never
    /// bridged to the caller: for the caller and the queue that offer was not taken. Otherwise
    /// the conversation's length, or nil when a time is missing or implausible (NaN, infinite,
    /// negative, reversed) — also when the whisper wrote no notes at all (an older whisper).
    static func answeredOffer(_ reply: AGIReply) -> DialResult {
        guard reply.number == 1, let detail = reply.detail else { return .answered(talkSeconds: nil) }
        let parts = detail.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return .answered(talkSeconds: nil) }
        if !parts[0].isEmpty, parts[1].isEmpty { return .noAnswer }
        guard let bridged = Double(parts[1]), let now = Double(parts[2]), bridged.isFinite, now.isFinite, bridged > 0 else {
            return .answered(talkSeconds: nil)
        }
        let talk = now - bridged
        return .answered(talkSeconds: talk.isFinite && talk >= 0 && talk < 86_400 ? talk : nil)
    }
}
