/// One figure of a report, decided once — suppressed, undefined or its value — and written by
/// each format in its own way: the table as text with units, CSV as a bare number (or an empty
/// cell, named in the row's `suppressed` column), JSON as a number (or null, named in the
/// object's `suppressed` list).
public enum ReportFigure: Equatable, Sendable {
    case count(Int)
    /// A rate, 0…1.
    case fraction(Double)
    case seconds(Double)
    /// A staff duration (logged in, paused).
    case hours(Double)
    /// A count below k.
    case suppressed
    /// A count of k or more, hidden so that a count below k cannot be worked out from the rest.
    case complementary
    /// A rate or average built on a hidden count.
    case hidden
    /// Nothing to compute it from (an average over no calls).
    case undefined

    public var isHidden: Bool { self == .suppressed || self == .complementary || self == .hidden }

    /// One measure's names: the table's label, the CSV header (with its unit), the JSON key.
    public struct Field: Sendable {
        public let label: String
        public let csv: String
        public let json: String
    }

    public static let fields: [Field] = [
        Field(label: "offered", csv: "offered", json: "offered"),
        Field(label: "answered", csv: "answered", json: "answered"),
        Field(label: "abandoned in IVR", csv: "abandoned_in_ivr", json: "abandonedInIVR"),
        Field(label: "abandoned in queue", csv: "abandoned_in_queue", json: "abandonedInQueue"),
        Field(label: "short abandons", csv: "short_abandons", json: "shortAbandons"),
        Field(label: "abandonment rate", csv: "abandonment_rate_percent", json: "abandonmentRate"),
        Field(label: "ASA", csv: "asa_seconds", json: "averageSpeedOfAnswerSeconds"),
        Field(label: "service level", csv: "service_level_percent", json: "serviceLevel"),
        Field(label: "AHT", csv: "aht_seconds", json: "averageHandleTimeSeconds"),
        Field(label: "time to abandon", csv: "time_to_abandon_seconds", json: "averageTimeToAbandonSeconds"),
        Field(label: "after hours", csv: "after_hours", json: "afterHours"),
        Field(label: "no advocates", csv: "no_advocates", json: "noAdvocates"),
        Field(label: "outage", csv: "outage", json: "outage"),
        Field(label: "messages", csv: "messages", json: "messages"),
        Field(label: "transferred", csv: "transferred", json: "transferred"),
        Field(label: "emergency", csv: "emergency", json: "emergency"),
        Field(label: "interpreted", csv: "interpreted", json: "interpreted"),
        Field(label: "overflowed", csv: "overflowed", json: "overflowed"),
    ]

    /// The figures the page's tiles and the comparison with the previous period show (indexes
    /// into `fields`): offered, answered, abandonment rate, service level, ASA, AHT, time to abandon.
    public static let headline = [0, 1, 5, 7, 6, 8, 9]

    /// The figures of one row of `report`, in the order of `fields`: a count as `disclosure`
    /// decided; a rate or average hidden when any count it is built from is hidden (numerator,
    /// denominator, or a count they are worked out from: the abandonment rate beside a hidden
    /// answered count and a shown abandon count gave the answered count back, issue 12 item 1).
    public static func figures(_ row: MeasureRow, in report: CallReport) -> [ReportFigure] {
        guard let m = report.measures(row) else { return fields.map { _ in .undefined } }
        let disclosure = report.disclosure
        func count(_ name: CountName) -> ReportFigure {
            switch disclosure.status(.measure(row, name)) {
            case .shown: .count(m.count(name))
            case .belowK: .suppressed
            case .complementary: .complementary
            }
        }
        // Hidden before undefined: "–" (nothing to average) beside a hidden count would say it is 0.
        func built(_ value: Double?, on parts: [CountName], _ make: (Double) -> ReportFigure) -> ReportFigure {
            if parts.contains(where: { disclosure.isHidden(.measure(row, $0)) }) { return .hidden }
            return value.map(make) ?? .undefined
        }
        let serviceLevelParts: [CountName] = report.options.serviceLevelFormula == .answered ? [.answeredWithinThreshold, .answered]
            : [.answeredWithinThreshold, .abandonedWithinThreshold, .answered, .abandonedInQueue]
        return [
            count(.offered), count(.answered), count(.abandonedInIVR), count(.abandonedInQueue), count(.shortAbandons),
            built(m.abandonRate, on: [.answered, .longAbandons], ReportFigure.fraction),
            built(m.averageSpeedOfAnswer, on: [.answered], ReportFigure.seconds),
            built(m.serviceLevel(report.options.serviceLevelFormula), on: serviceLevelParts, ReportFigure.fraction),
            built(m.averageHandleTime, on: [.timedAnswered], ReportFigure.seconds),
            built(m.averageTimeToAbandon, on: [.abandonedInQueue], ReportFigure.seconds),
            count(.afterHours), count(.noAdvocates), count(.outage), count(.messages), count(.transferred), count(.emergency),
            count(.interpreted), count(.overflowed),
        ]
    }

    /// As the table and the page show it: "<k", "–", "12.5 %", "39 s".
    public func text(k: Int) -> String {
        switch self {
        case .count(let n): String(n)
        case .fraction(let value): String(format: "%.1f %%", value * 100)
        case .seconds(let value): String(format: "%.0f s", value)
        case .hours(let value): String(format: "%.1f h", value)
        case .suppressed: "<\(k)"
        case .complementary, .hidden: "hidden"
        case .undefined: "–"
        }
    }

    /// As CSV holds it: a bare number (percent for rates), empty when suppressed or undefined.
    public var csv: String {
        switch self {
        case .count(let n): String(n)
        case .fraction(let value): String(format: "%.1f", value * 100)
        case .seconds(let value): String(format: "%.0f", value)
        case .hours(let value): String(format: "%.1f", value)
        case .suppressed, .complementary, .hidden, .undefined: ""
        }
    }
}
