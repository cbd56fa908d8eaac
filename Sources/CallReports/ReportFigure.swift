/// One figure of a report, decided once — suppressed, undefined or its value — and written by
/// each format in its own way: the table as text with units, CSV as a bare number (or an empty
/// cell, named in the row's `suppressed` column), JSON as a number (or null, named in the
/// object's `suppressed` list).
public enum ReportFigure: Equatable, Sendable {
    case count(Int)
    /// A rate, 0…1.
    case fraction(Double)
    case seconds(Double)
    /// Hidden by k-suppression.
    case suppressed
    /// Nothing to compute it from (an average over no calls).
    case undefined

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
        Field(label: "after hours", csv: "after_hours", json: "afterHours"),
        Field(label: "no advocates", csv: "no_advocates", json: "noAdvocates"),
        Field(label: "outage", csv: "outage", json: "outage"),
        Field(label: "messages", csv: "messages", json: "messages"),
        Field(label: "transferred", csv: "transferred", json: "transferred"),
        Field(label: "emergency", csv: "emergency", json: "emergency"),
        Field(label: "interpreted", csv: "interpreted", json: "interpreted"),
        Field(label: "overflowed", csv: "overflowed", json: "overflowed"),
    ]

    /// The figures of `m`, in the order of `fields`. A count below k is suppressed, and so is
    /// every rate or average built on one — on any of the counts it is made of, not only its
    /// numerator and denominator: the abandonment rate shown beside a hidden answered count and
    /// a shown abandon count gave the answered count back exactly (issue 12, item 1).
    public static func figures(_ m: Measures, _ options: ReportOptions) -> [ReportFigure] {
        let s = Suppression(k: options.k)
        func count(_ n: Int) -> ReportFigure { s.isSuppressed(n) ? .suppressed : .count(n) }
        func built(_ value: Double?, on parts: [Int], _ make: (Double) -> ReportFigure) -> ReportFigure {
            guard let value else { return .undefined }
            return parts.contains(where: s.isSuppressed) ? .suppressed : make(value)
        }
        let abandoned = m.abandonedInQueue - m.shortAbandons
        let slParts = options.serviceLevelFormula == .answered ? [m.answeredWithinThreshold, m.answered]
            : [m.answeredWithinThreshold, m.abandonedWithinThreshold, m.answered, m.abandonedInQueue]
        return [
            count(m.offered), count(m.answered), count(m.abandonedInIVR), count(m.abandonedInQueue), count(m.shortAbandons),
            built(m.abandonRate, on: [abandoned, m.answered, m.abandonedInQueue, m.shortAbandons], ReportFigure.fraction),
            built(m.averageSpeedOfAnswer, on: [m.answered], ReportFigure.seconds),
            built(m.serviceLevel(options.serviceLevelFormula), on: slParts, ReportFigure.fraction),
            built(m.averageHandleTime, on: [m.answered], ReportFigure.seconds),
            count(m.afterHours), count(m.noAdvocates), count(m.outage), count(m.messages), count(m.transferred), count(m.emergency),
            count(m.interpreted), count(m.overflowed),
        ]
    }

    /// As the table and the page show it: "<k", "–", "12.5 %", "39 s".
    public func text(k: Int) -> String {
        switch self {
        case .count(let n): String(n)
        case .fraction(let value): String(format: "%.1f %%", value * 100)
        case .seconds(let value): String(format: "%.0f s", value)
        case .suppressed: "<\(k)"
        case .undefined: "–"
        }
    }

    /// As CSV holds it: a bare number (percent for rates), empty when suppressed or undefined.
    public var csv: String {
        switch self {
        case .count(let n): String(n)
        case .fraction(let value): String(format: "%.1f", value * 100)
        case .seconds(let value): String(format: "%.0f", value)
        case .suppressed, .undefined: ""
        }
    }
}
