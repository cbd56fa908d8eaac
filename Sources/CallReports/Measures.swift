import Dialplan

/// The standard contact-centre measures of a set of calls, computed from cells.
public struct Measures: Sendable, Hashable {
    public var offered = 0
    public var answered = 0
    public var abandonedInIVR = 0
    public var abandonedInQueue = 0
    /// Abandoned in the queue in less than the short-abandon threshold.
    public var shortAbandons = 0
    public var afterHours = 0
    /// Asked for an advocate while open, nobody logged in could take the call.
    public var noAdvocates = 0
    public var outage = 0
    public var messages = 0
    public var transferred = 0
    public var emergency = 0
    public var interpreted = 0
    public var overflowed = 0
    public var answeredWithinThreshold = 0
    public var abandonedWithinThreshold = 0
    public var waitOfAnswered = 0.0
    public var talkOfAnswered = 0.0
    /// Answered calls whose conversation length is unknown: left out of the handle time.
    public var talkTimeUnknown = 0
    /// Goodbye, no input, error, interrupted.
    public var otherEndings = 0
    public var waitOfAbandoned = 0.0
    /// Waits of answered calls, and of calls abandoned in the queue, in the histogram's bins.
    public var answeredWaits = [Int](repeating: 0, count: WaitHistogram.binCount)
    public var abandonedWaits = [Int](repeating: 0, count: WaitHistogram.binCount)

    public init() {}

    public mutating func add(_ key: CallCellKey, _ cell: CallCell, options: ReportOptions) {
        offered += cell.count
        interpreted += cell.interpreted
        overflowed += cell.overflowed
        switch key.ending {
        case .advocate:
            answered += cell.count
            answeredWithinThreshold += WaitHistogram.count(below: options.serviceLevelSeconds, in: cell.waitHistogram)
            waitOfAnswered += cell.secondsWaiting
            talkOfAnswered += cell.secondsWithAdvocate
            talkTimeUnknown += cell.talkTimeUnknown
            for i in answeredWaits.indices { answeredWaits[i] += cell.waitHistogram[i] }
        case .abandonedInQueue:
            abandonedInQueue += cell.count
            shortAbandons += WaitHistogram.count(below: options.shortAbandonSeconds, in: cell.waitHistogram)
            abandonedWithinThreshold += WaitHistogram.count(below: options.serviceLevelSeconds, in: cell.waitHistogram)
            waitOfAbandoned += cell.secondsWaiting
            for i in abandonedWaits.indices { abandonedWaits[i] += cell.waitHistogram[i] }
        case .abandonedInIVR: abandonedInIVR += cell.count
        case .afterHours: afterHours += cell.count
        case .noAdvocates: noAdvocates += cell.count
        case .outage: outage += cell.count
        case .message: messages += cell.count
        case .transferred: transferred += cell.count
        case .emergency: emergency += cell.count
        case .goodbye, .noInput, .error, .interrupted: otherEndings += cell.count
        }
    }

    /// Adds the calls of `other` (two groups merged into one).
    public mutating func merge(_ other: Measures) {
        offered += other.offered; answered += other.answered; abandonedInIVR += other.abandonedInIVR
        abandonedInQueue += other.abandonedInQueue; shortAbandons += other.shortAbandons; afterHours += other.afterHours
        noAdvocates += other.noAdvocates; outage += other.outage; messages += other.messages; transferred += other.transferred
        emergency += other.emergency; interpreted += other.interpreted; overflowed += other.overflowed
        answeredWithinThreshold += other.answeredWithinThreshold; abandonedWithinThreshold += other.abandonedWithinThreshold
        waitOfAnswered += other.waitOfAnswered; talkOfAnswered += other.talkOfAnswered; talkTimeUnknown += other.talkTimeUnknown
        otherEndings += other.otherEndings; waitOfAbandoned += other.waitOfAbandoned
        for i in answeredWaits.indices {
            answeredWaits[i] += other.answeredWaits[i]
            abandonedWaits[i] += other.abandonedWaits[i]
        }
    }

    /// Abandoned in queue (short abandons left out) ÷ (answered + those abandons).
    public var abandonRate: Double? {
        let abandoned = abandonedInQueue - shortAbandons
        return answered + abandoned > 0 ? Double(abandoned) / Double(answered + abandoned) : nil
    }

    /// Average speed of answer: mean wait of answered calls, in seconds.
    public var averageSpeedOfAnswer: Double? { answered > 0 ? waitOfAnswered / Double(answered) : nil }

    /// Average handle time: mean talk time with an advocate (no wrap-up is known here).
    public var averageHandleTime: Double? {
        let timed = answered - talkTimeUnknown
        return timed > 0 ? talkOfAnswered / Double(timed) : nil
    }

    /// Average time to abandon: mean wait of calls abandoned in the queue, in seconds.
    public var averageTimeToAbandon: Double? { abandonedInQueue > 0 ? waitOfAbandoned / Double(abandonedInQueue) : nil }

    public func serviceLevel(_ formula: ReportOptions.ServiceLevelFormula) -> Double? {
        switch formula {
        case .answered:
            return answered > 0 ? Double(answeredWithinThreshold) / Double(answered) : nil
        case .asterisk:
            let total = answered + abandonedInQueue
            return total > 0 ? Double(answeredWithinThreshold + abandonedWithinThreshold) / Double(total) : nil
        }
    }
}
