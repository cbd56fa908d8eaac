import Foundation

/// Machine-readable report. Every figure is a number or null: counts, rates as fractions (0…1),
/// averages in seconds; null when hidden (and then named in the object's `suppressed` list, and
/// in `complementary` too when it is a count of k or more hidden to protect a smaller one) or
/// undefined. A series entry (language mix, hours, waits) holds null for a hidden count and says
/// why in `hidden` (`belowK` or `complementary`).
public enum ReportJSONRenderer {
    enum Value: Encodable {
        case number(Double)
        case integer(Int)
        case text(String)
        case bool(Bool)
        case null
        case list([Value])
        case object([(String, Value)])

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .number(let value):
                var container = encoder.singleValueContainer()
                try container.encode((value * 10_000).rounded() / 10_000)
            case .integer(let value):
                var container = encoder.singleValueContainer()
                try container.encode(value)
            case .text(let value):
                var container = encoder.singleValueContainer()
                try container.encode(value)
            case .bool(let value):
                var container = encoder.singleValueContainer()
                try container.encode(value)
            case .null:
                var container = encoder.singleValueContainer()
                try container.encodeNil()
            case .list(let values):
                var container = encoder.unkeyedContainer()
                for value in values { try container.encode(value) }
            case .object(let fields):
                var container = encoder.container(keyedBy: Key.self)
                for (name, value) in fields { try container.encode(value, forKey: Key(name)) }
            }
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    public static func render(_ report: CallReport) -> String {
        let options = report.options
        let disclosure = report.disclosure
        func measures(_ row: MeasureRow) -> [(String, Value)] { fields(ReportFigure.figures(row, in: report)) }
        func fields(_ list: [ReportFigure], named names: [ReportFigure.Field] = ReportFigure.fields) -> [(String, Value)] {
            let figures = zip(names, list)
            var fields: [(String, Value)] = figures.map { field, figure in
                switch figure {
                case .count(let n): (field.json, .integer(n))
                case .fraction(let value), .hours(let value): (field.json, .number(value))
                // To the second, as the table: an average to ten thousandths times its count
                // would give a sum of waits finer than anything else shows.
                case .seconds(let value): (field.json, .integer(Int(value.rounded())))
                case .suppressed, .complementary, .hidden, .undefined: (field.json, .null)
                }
            }
            fields.append(("suppressed", .list(figures.filter(\.1.isHidden).map { .text($0.0.json) })))
            fields.append(("complementary", .list(figures.filter { $0.1 == .complementary }.map { .text($0.0.json) })))
            return fields
        }
        /// One entry of a series: its value or null, and when hidden, why.
        func entry(_ label: (String, Value), _ name: String, _ key: CountKey, _ value: Int) -> Value {
            let status = disclosure.status(key)
            var fields = [label, (name, status == .shown ? .integer(value) : .null)]
            if status != .shown { fields.append(("hidden", .text(status.rawValue))) }
            return .object(fields)
        }
        func summary(_ s: WaitSummary) -> Value {
            func bin(_ b: Int?, _ shown: Bool) -> Value { shown ? b.map { .text(WaitHistogram.label($0)) } ?? .null : .null }
            let hidden = [("median", s.isShown(percentile: s.median)), ("ninetiethPercentile", s.isShown(percentile: s.ninetieth)), ("longest", s.showsLongest)]
            return .object([("median", bin(s.median, hidden[0].1)), ("ninetiethPercentile", bin(s.ninetieth, hidden[1].1)), ("longest", bin(s.longest, hidden[2].1)),
                            ("suppressed", .list(hidden.filter { !$0.1 }.map { .text($0.0) }))])
        }
        let iso = Date.ISO8601FormatStyle()
        let waits: [Value] = report.total.answeredWaits.indices.map { bin in
            .object([("wait", .text(WaitHistogram.label(bin))),
                     ("answered", entry(("bin", .integer(bin)), "calls", .answeredWait(bin: bin), report.total.answeredWaits[bin])),
                     ("abandoned", entry(("bin", .integer(bin)), "calls", .abandonedWait(bin: bin), report.total.abandonedWaits[bin]))])
        }
        let document = Value.object([
            ("from", (options.from ?? report.firstBucket).map { .text($0.formatted(iso)) } ?? .null),
            ("to", (options.to ?? report.lastBucket).map { .text($0.formatted(iso)) } ?? .null),
            ("timeZone", .text(options.timeZone.identifier)),
            ("groupedBy", options.grouping.map { .text($0.rawValue) } ?? .null),
            ("k", .integer(options.k)),
            ("serviceLevelSeconds", .integer(Int(options.serviceLevelSeconds))),
            ("serviceLevelFormula", .text(options.serviceLevelFormula.rawValue)),
            ("shortAbandonSeconds", .integer(Int(options.shortAbandonSeconds))),
            ("definitions", .list(report.definitions.map { .text($0) })),
            ("groups", .list(report.rows.map { .object([("label", .text($0.label))] + measures(.group($0.label))) })),
            ("total", .object(measures(.total))),
            ("days", .list(report.days.map { .object([("day", .text($0.label))] + measures(.day($0.label))) })),
            ("languageMix", .list(report.languageMix.map { entry(("language", .text($0.language)), "offered", .language($0.language), $0.offered) })),
            ("volumeByHour", .list(report.volumeByHour.enumerated().map { entry(("hour", .integer($0.offset)), "offered", .hourOfDay($0.offset), $0.element) })),
            ("busiestHours", .list(report.busiestHours.map { .object([("hour", .integer($0.hour)), ("offered", .integer($0.offered))]) })),
            ("waitDistribution", .list(waits)),
            ("advocates", .list(report.advocates.map { a in
                .object([("advocate", .text(a.advocate))] + fields(StaffFigures.figures(a, in: report), named: StaffFigures.fields))
            })),
            ("waits", .object([("answered", summary(report.answeredWaitSummary)), ("abandoned", summary(report.abandonedWaitSummary))])),
            ("previousPeriod", report.previous.map { previous in
                .object([("from", .text(previous.from.formatted(iso))), ("to", .text(previous.to.formatted(iso)))] + fields(previous.figures))
            } ?? .null),
        ])
        return encode(document)
    }

    static func encode(_ document: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }
}
