import Foundation

/// Cutting a hold wait short when the queue has news (an advocate is free, an announcement is
/// due, the wait is over), so a held caller hears it within a round trip instead of when the
/// wait would end.
///
/// A line that reaches Asterisk while WAIT FOR DIGIT runs ends the wait with `200 result=1`, and
/// the line is then run as a command (`../shared/interop/asterisk/18c-*`: 30 of 30 when it came
/// 5 ms or more after the wait). A line that Asterisk pulls into its stdio buffer together with
/// an earlier one is invisible to the wait's `poll()` and stays unread until another byte comes
/// (`18b-*`, and 4 of 10 at 0.3 ms). So the nudge is a `NOOP`, harmless on a live or a dead
/// channel, and the session never counts on it arriving alone: while a nudge is unanswered and
/// the PBX says nothing for `nudgeRetrySeconds`, it sends another one (each new byte wakes the
/// `poll()` and lets Asterisk read what its buffer holds). Every `NOOP` is answered in order,
/// after the wait; nothing else is sent until all of them are, so a real command can never be
/// the line left in the buffer.
extension AGISession {
    /// News while a hold wait runs: send the first nudge.
    mutating func nudgeHoldWait(at now: Date, _ out: inout [AGIOutput]) {
        guard nudgesUnanswered == 0, line == .up, case .awaiting(_, .holdWait) = state else { return }
        nudgeDeadline = now.addingTimeInterval(settings.commandTimeoutSeconds)
        sendNudge(at: now, &out)
    }

    /// The timer ran out with a nudge unanswered. Returns false when no nudge is owed.
    mutating func nudgeTimerFired(at now: Date, _ out: inout [AGIOutput]) -> Bool {
        guard nudgesUnanswered > 0, let deadline = nudgeDeadline else { return false }
        switch state {
        case .awaiting(_, .holdWait), .idle, .holding:
            break
        case .awaiting, .readingUsage, .confirmingHangUp, .closed:
            return false
        }
        if now >= deadline {
            out.append(.note(.pbxTimedOut(verb: AGICommand.noop.verb)))
            line = .pbxGone
            state = .idle
            nudgesUnanswered = 0
            nudgeDeadline = nil
            fail("the PBX did not answer NOOP", at: now)
        } else if nudgesUnanswered < Self.mostNudgesUnanswered {
            sendNudge(at: now, &out)
        } else {
            out.append(.awaitLine(seconds: deadline.timeIntervalSince(now)))
        }
        return true
    }

    /// A reply that is a nudge's (it follows the wait it cut short; nothing else was sent since).
    mutating func nudgeAnswered(_ out: inout [AGIOutput]) {
        nudgesUnanswered -= 1
        if nudgesUnanswered == 0 { nudgeDeadline = nil }
        // Every line the PBX sends stops the handler's timer: the hang-up notice's must go on.
        if case .confirmingHangUp = state { out.append(.awaitLine(seconds: settings.hangUpNoticeSeconds)) }
    }

    /// While nudges are unanswered nothing else may be sent: wait for their replies (and nudge
    /// again if none comes). True when the pump must stop here.
    mutating func awaitingNudges(at now: Date, _ out: inout [AGIOutput]) -> Bool {
        guard nudgesUnanswered > 0, line == .up else { return false }
        out.append(.awaitLine(seconds: nudgeWait(at: now)))
        return true
    }

    private mutating func sendNudge(at now: Date, _ out: inout [AGIOutput]) {
        nudgesUnanswered += 1
        out.append(.send(Self.nudgeLine, timeoutSeconds: nudgeWait(at: now)))
    }

    private func nudgeWait(at now: Date) -> Double {
        max(0, min(settings.nudgeRetrySeconds, nudgeDeadline.map { $0.timeIntervalSince(now) } ?? settings.nudgeRetrySeconds))
    }

    /// Past this many unanswered nudges the session only waits: one new byte is enough to make
    /// Asterisk read what its buffer holds, and a few more cover replies that are merely slow.
    static let mostNudgesUnanswered = 4

    static let nudgeLine = "NOOP\n"
}
