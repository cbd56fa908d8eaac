import CallEngine
import Foundation

/// A report over a period: measures per group and in total, and the series the charts show.
public struct CallReport: Sendable {
    public struct Row: Sendable, Hashable {
        public var label: String
        public var measures: Measures
    }

    public var options: ReportOptions
    /// The first and last time bucket with calls, if any.
    public var firstBucket: Date?
    public var lastBucket: Date?
    /// The groups of `--by`, in order.
    public var rows: [Row]
    /// Every local day with calls, in order: the trends.
    public var days: [Row]
    public var total: Measures
    /// Offered calls by language, most first.
    public var languageMix: [(language: String, offered: Int)]
    /// Offered calls by local hour of day, 0…23.
    public var volumeByHour: [Int]
    /// Which counts are hidden: below k, or to keep one below k from being worked out.
    public var disclosure: Disclosure
    /// The period before, when the report covers a given period (`--from` and `--to`).
    public var previous: PeriodComparison?
    /// Each advocate's figures over the period (staff, by roster id), by id.
    public var advocates: [StaffActivity] = []

    /// Offered calls by local day.
    public var volumeByDay: [(day: String, offered: Int)] { days.map { ($0.label, $0.measures.offered) } }

    /// The three hours of the day with the most calls, among those shown (a hidden hour is
    /// ranked nowhere: its rank would bound it).
    public var busiestHours: [(hour: Int, offered: Int)] {
        volumeByHour.enumerated().filter { $0.element > 0 && !disclosure.isHidden(.hourOfDay($0.offset)) }
            .sorted { ($0.element, -$0.offset) > ($1.element, -$1.offset) }.prefix(3).map { ($0.offset, $0.element) }
    }

    /// Plain-language statements of the formulas used, printed with every report.
    public var definitions: [String] {
        let t = Int(options.serviceLevelSeconds), s = Int(options.shortAbandonSeconds)
        let serviceLevel = switch options.serviceLevelFormula {
        case .answered: "service level = answered in less than \(t) s ÷ answered"
        case .asterisk: "service level (Asterisk's formula) = (answered in less than \(t) s + abandoned in the queue in less than \(t) s) ÷ (answered + abandoned in the queue)"
        }
        return [
            "offered = every call that reached the controller",
            "abandonment rate = calls abandoned in the queue after \(s) s or more ÷ (answered + those calls); short abandons (under \(s) s) are left out",
            serviceLevel,
            "ASA = average wait of answered calls; AHT = average time with an advocate (no wrap-up); time to abandon = average wait of calls abandoned in the queue",
            "median, 90th percentile and longest wait = the wait-histogram bins they fall in (nothing finer is stored)",
            "advocates: calls taken (k rules as every count), AHT, logged-in and paused hours, occupancy = time talking ÷ logged-in time not paused (no wrap-up is known); a call is counted for its advocate when it ends",
            "previous period = the same number of days just before, with its own suppression; change = in % for counts, in points for rates",
            "counts below \(options.k) are shown as <\(options.k); a count is also hidden when, with the figures shown, it would give a count below \(options.k) back (a total minus the other groups, offered minus the other outcomes); a rate or average built on a hidden count is hidden too",
            "times are read in \(options.timeZone.identifier); start times are stored only to the hour (or the configured granularity)",
        ]
    }
}
