/// Every count a set of calls is summed into, shown or not: the figures of a report are these
/// counts and the rates and averages built on them. Complementary suppression reasons about them
/// one by one, so the ones no format prints (the long abandons, the calls answered within the
/// service-level threshold) are here too: a shown rate gives them away as surely as a column.
public enum CountName: String, CaseIterable, Sendable, Hashable, Comparable {
    case offered, answered, abandonedInIVR, abandonedInQueue, shortAbandons
    /// Abandoned in the queue after the short-abandon threshold: the abandonment rate's numerator.
    case longAbandons
    case afterHours, noAdvocates, outage, messages, transferred, emergency
    /// Goodbye, no input, error, interrupted: the endings no column names. Treated as published
    /// (offered minus the named outcomes gives it), so a hidden outcome needs a partner.
    case otherEndings
    case interpreted, overflowed
    /// Answered within the service-level threshold; abandoned within it (Asterisk's formula).
    case answeredWithinThreshold, abandonedWithinThreshold
    /// Answered at or after the service-level threshold.
    case answeredAfterThreshold
    /// Answered calls whose conversation length is known: the handle time's denominator.
    case timedAnswered

    public static func < (a: CountName, b: CountName) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The outcomes whose counts add up to `offered`.
    public static let endings: [CountName] = [.answered, .abandonedInIVR, .abandonedInQueue, .afterHours, .noAdvocates,
                                              .outage, .messages, .transferred, .emergency, .otherEndings]

    /// Counts every call falls in exactly one of: what a publication adds noise to (one call
    /// changes one of them by one, whatever the grouping).
    public static let partition: [CountName] = [.answeredWithinThreshold, .answeredAfterThreshold, .shortAbandons, .longAbandons,
                                                .abandonedInIVR, .afterHours, .noAdvocates, .outage, .messages, .transferred,
                                                .emergency, .otherEndings]
}

extension Measures {
    public func count(_ name: CountName) -> Int {
        switch name {
        case .offered: offered
        case .answered: answered
        case .abandonedInIVR: abandonedInIVR
        case .abandonedInQueue: abandonedInQueue
        case .shortAbandons: shortAbandons
        case .longAbandons: abandonedInQueue - shortAbandons
        case .afterHours: afterHours
        case .noAdvocates: noAdvocates
        case .outage: outage
        case .messages: messages
        case .transferred: transferred
        case .emergency: emergency
        case .otherEndings: otherEndings
        case .interpreted: interpreted
        case .overflowed: overflowed
        case .answeredWithinThreshold: answeredWithinThreshold
        case .abandonedWithinThreshold: abandonedWithinThreshold
        case .answeredAfterThreshold: answered - answeredWithinThreshold
        case .timedAnswered: answered - talkTimeUnknown
        }
    }
}
