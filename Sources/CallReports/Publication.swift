import Dialplan
import Foundation

/// Counts fit to publish: every count of `CountName.partition`, for every group a grouping can
/// have (not only the groups with calls: a group that appears only when someone called is itself
/// a disclosure), with geometric noise added and negative results set to 0. Offered, answered and
/// abandoned in queue are sums of the noisy counts, and a total the sum of its groups, so the
/// figures add up; rates are computed from the noisy counts and say so. Nothing is k-suppressed:
/// the noise, not hiding, protects the callers.
public struct Publication: Sendable {
    public struct Group: Sendable {
        public let label: String
        /// The noisy counts of `CountName.partition`.
        public let counts: [CountName: Int]

        public func count(_ name: CountName) -> Int {
            switch name {
            case .offered: CountName.partition.reduce(0) { $0 + (counts[$1] ?? 0) }
            case .answered: (counts[.answeredWithinThreshold] ?? 0) + (counts[.answeredAfterThreshold] ?? 0)
            case .abandonedInQueue: (counts[.shortAbandons] ?? 0) + (counts[.longAbandons] ?? 0)
            default: counts[name] ?? 0
            }
        }

        /// From noisy counts: long abandons ÷ (answered + long abandons).
        public var abandonRate: Double? {
            let denominator = count(.answered) + count(.longAbandons)
            return denominator > 0 ? Double(count(.longAbandons)) / Double(denominator) : nil
        }

        /// From noisy counts: answered within the threshold ÷ answered.
        public var serviceLevel: Double? {
            count(.answered) > 0 ? Double(count(.answeredWithinThreshold)) / Double(count(.answered)) : nil
        }
    }

    public let options: ReportOptions
    public let epsilon: Double
    public let firstDay: String
    public let lastDay: String
    public let groups: [Group]
    public let total: Group

    /// The counts each group publishes, in order: the partition and the sums of it.
    public static let published: [CountName] = [.offered, .answered, .answeredWithinThreshold, .abandonedInQueue, .shortAbandons, .longAbandons,
                                                .abandonedInIVR, .afterHours, .noAdvocates, .outage, .messages, .transferred, .emergency, .otherEndings]

    /// Half the width of the interval a noisy partition count falls in around the true one, 95
    /// times in 100.
    public var margin: Int { GeometricNoise(epsilon: epsilon).margin() }

    /// The groups a grouping has whatever the data: every day of the period, every hour of the
    /// day, every outcome, or what the plan declares (languages, campaigns) and `other`.
    public static func groups(_ options: ReportOptions, days: [String], declared: [String]) -> [String] {
        switch options.grouping {
        case nil: []
        case .day: days
        case .hour: (0..<24).map { String(format: "%02d:00", $0) }
        case .interval: (0..<(24 * 60 / options.intervalMinutes)).map { String(format: "%02d:%02d", $0 * options.intervalMinutes / 60, $0 * options.intervalMinutes % 60) }
        case .outcome: CallEnding.allCases.map(\.rawValue).sorted()
        case .language, .campaign: declared.sorted() + (declared.contains(otherGroup) ? [] : [otherGroup])
        }
    }

    /// Where calls of a language or campaign the plan does not declare are counted.
    public static let otherGroup = "other"

    /// Adds the noise. `random` must be the system's generator outside tests.
    public static func publish(_ cells: [CallCellKey: CallCell], options: ReportOptions, epsilon: Double, firstDay: String, lastDay: String,
                               groups labels: [String], using random: inout some RandomNumberGenerator) -> Publication {
        var exact = options
        exact.k = 1
        let report = ReportBuilder.build(cells, options: exact)
        var measures: [String: Measures] = [:]
        let listed = Set(labels)
        for row in report.rows {
            let label = listed.contains(row.label) ? row.label : otherGroup
            var merged = measures[label] ?? Measures()
            merged.merge(row.measures)
            measures[label] = merged
        }
        let noise = GeometricNoise(epsilon: epsilon)
        func noisy(_ label: String, _ m: Measures) -> Group {
            Group(label: label, counts: Dictionary(uniqueKeysWithValues: CountName.partition.map { ($0, max(0, m.count($0) + noise.sample(using: &random))) }))
        }
        let groups: [Group]
        var total: Group
        if options.grouping == nil {
            total = noisy("total", report.total)
            groups = []
        } else {
            groups = labels.map { noisy($0, measures[$0] ?? Measures()) }
            var sums: [CountName: Int] = [:]
            for group in groups { for (name, value) in group.counts { sums[name, default: 0] += value } }
            total = Group(label: "total", counts: sums)
        }
        return Publication(options: options, epsilon: epsilon, firstDay: firstDay, lastDay: lastDay, groups: groups, total: total)
    }
}
