import CallEngine
import Dialplan
import Foundation

/// What each `200` reply means for the command it answers.
extension AGISession {
    mutating func handle(_ reply: AGIReply, at now: Date, _ out: inout [AGIOutput]) {
        if repliesToDiscard > 0 {
            repliesToDiscard -= 1
            return
        }
        guard case .reply(let command, let purpose)? = waiting else {
            out.append(.note(.unexpectedLine))
            return
        }
        waiting = nil
        switch reply.code {
        case 200:
            succeeded(command, purpose, reply, at: now, &out)
        case 511:
            peerHungUp(at: now, &out)
        default:
            rejected(code: reply.code, verb: command.verb, at: now, &out)
        }
    }

    mutating func rejected(code: Int, verb: String? = nil, at now: Date, _ out: inout [AGIOutput]) {
        var name = verb ?? "a command"
        if case .reply(let command, _)? = waiting { name = command.verb }
        out.append(.note(.commandRejected(verb: name, code: code)))
        fail("the PBX rejected \(name) with \(code)", at: now, &out)
    }

    /// A key reported as its ASCII code (`50` for 2), as STREAM FILE and WAIT FOR DIGIT do.
    static func key(_ code: Int) -> Character? {
        guard let scalar = Unicode.Scalar(code), allKeys.unicodeScalars.contains(scalar) else { return nil }
        return Character(scalar)
    }

    mutating func succeeded(_ command: AGICommand, _ purpose: Purpose, _ reply: AGIReply, at now: Date, _ out: inout [AGIOutput]) {
        let number = reply.number ?? 0
        if number < 0, reply.detail == "hangup" {
            peerHungUp(at: now, &out)
            return
        }
        switch purpose {
        case .plain:
            break
        case .play(let remaining, let escape):
            if number > 0, let key = Self.key(number) {
                feed(.promptFinished(interruptedBy: key), at: now, &out)
                return
            }
            if number < 0, case .streamFile(let path, _) = command { out.append(.note(.promptUnplayable(path))) }
            playNext(remaining, escape: escape, at: now, &out)
        case .collectPrompt(let remaining, let request):
            if number > 0, let key = Self.key(number) {
                keyPressed(key, request, digits: "", at: now, &out)
                return
            }
            if number < 0, case .streamFile(let path, _) = command { out.append(.note(.promptUnplayable(path))) }
            collectNext(remaining, request, at: now, &out)
        case .collectGetData(let request):
            if number < 0 {
                if case .getData(let path, _, _) = command { out.append(.note(.promptUnplayable(path))) }
                collectNext([], request, at: now, &out)
            } else if reply.result.isEmpty {
                feed(.inputTimedOut, at: now, &out)
            } else {
                feed(.digitsReceived(reply.result), at: now, &out)
            }
        case .collectWait(let request, let digits):
            if number > 0, let key = Self.key(number) {
                keyPressed(key, request, digits: digits, at: now, &out)
            } else {
                feed(digits.isEmpty ? .inputTimedOut : .digitsReceived(digits), at: now, &out)
            }
        case .dial:
            send(.getVariable("DIALSTATUS"), .dialStatus, timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .dialStatus:
            let status = reply.number == 1 ? reply.detail.flatMap(DialStatus.init(rawValue:)) : nil
            feed(.transferFinished(status ?? .unavailable), at: now, &out)
        case .record(let startedAt):
            if reply.detail == "writefile" || number < 0 {
                out.append(.note(.recordingFailed))
                feed(.recordingFinished(seconds: 0), at: now, &out)
            } else if reply.detail == "dtmf", (reply.endpos ?? 0) == 0 {
                // Asterisk reports endpos=0 when a key ends the recording: time it ourselves.
                feed(.recordingFinished(seconds: now.timeIntervalSince(startedAt)), at: now, &out)
            } else {
                feed(.recordingFinished(seconds: Double(reply.endpos ?? 0) / 8000), at: now, &out)
            }
        case .musicOn(let request):
            inQueue = request
            out.append(.enqueue(request))
            resumeWaiting(at: now, &out)
        case .musicOff(let result):
            feed(.queueResult(result), at: now, &out)
        case .queueWait:
            if number > 0, let key = Self.key(number) {
                feed(.digitsReceived(String(key)), at: now, &out)
            }
            // Still waiting (an ignored key, or the long wait ran out): wait again.
            if pending.isEmpty, inQueue != nil { resumeWaiting(at: now, &out) }
        case .script(let remaining, let then):
            if case .streamFile(let path, _) = command, number < 0 { out.append(.note(.promptUnplayable(path))) }
            runScript(remaining, then: then, at: now, &out)
        case .offerDial(let offer):
            send(.getVariable("DIALSTATUS"), .offerStatus(offer), timeout: settings.commandTimeoutSeconds, at: now, &out)
        case .offerStatus(let offer):
            let status = reply.number == 1 ? reply.detail.flatMap(DialStatus.init(rawValue:)) ?? .unavailable : .unavailable
            if status == .answer {
                send(.getVariable("ANSWEREDTIME"), .offerTalk(offer), timeout: settings.commandTimeoutSeconds, at: now, &out)
            } else {
                out.append(.offerFinished(status, talkSeconds: 0))
                runScript([.setMusic(on: true, musicClass: inQueue?.music)], then: .resumeWaiting, at: now, &out)
            }
        case .offerTalk(let offer):
            let talk = reply.number == 1 ? Double(reply.detail ?? "") ?? 0 : 0
            out.append(.offerFinished(.answer, talkSeconds: talk))
            inQueue = nil
            queueSignals.removeAll()
            // Dial returns when the conversation is over: it was answered `talk` seconds ago.
            pending += call.handle(.queueResult(offer.interpreter ? .answeredWithInterpreter : .answered), at: now.addingTimeInterval(-talk))
            feed(.conversationEnded, at: now, &out)
        }
    }

    mutating func keyPressed(_ key: Character, _ request: CollectRequest, digits: String, at now: Date, _ out: inout [AGIOutput]) {
        let entered = digits + String(key)
        if request.maxDigits == 1 || String(key) == request.terminator || entered.count >= request.maxDigits {
            feed(.digitsReceived(entered), at: now, &out)
        } else {
            send(.waitForDigit(milliseconds: Int(request.timeoutSeconds * 1000)), .collectWait(request, digits: entered),
                 timeout: request.timeoutSeconds + settings.commandTimeoutSeconds, at: now, &out)
        }
    }
}
