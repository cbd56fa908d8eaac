import Foundation

/// Machine-readable report. Every figure is a number or null: counts, rates as fractions (0…1),
/// averages in seconds; null when suppressed (and then named in the object's `suppressed` list)
/// or undefined. Series (language mix, volumes, waits) hold null for a suppressed count.
public enum ReportJSONRenderer {
    enum Value: Encodable {
        case number(Double)
        case integer(Int)
        case text(String)
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
        let s = Suppression(k: options.k)
        func count(_ n: Int) -> Value { s.isSuppressed(n) ? .null : .integer(n) }
        func measures(_ m: Measures) -> [(String, Value)] {
            let figures = ReportFigure.figures(m, options)
            var fields: [(String, Value)] = zip(ReportFigure.fields, figures).map { field, figure in
                switch figure {
                case .count(let n): (field.json, .integer(n))
                case .fraction(let value), .seconds(let value): (field.json, .number(value))
                case .suppressed, .undefined: (field.json, .null)
                }
            }
            fields.append(("suppressed", .list(zip(ReportFigure.fields, figures).filter { $0.1 == .suppressed }.map { .text($0.0.json) })))
            return fields
        }
        let iso = Date.ISO8601FormatStyle()
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
            ("groups", .list(report.rows.map { .object([("label", .text($0.label))] + measures($0.measures)) })),
            ("total", .object(measures(report.total))),
            ("languageMix", .list(report.languageMix.map { .object([("language", .text($0.language)), ("offered", count($0.offered))]) })),
            ("volumeByHour", .list(report.volumeByHour.map(count))),
            ("volumeByDay", .list(report.volumeByDay.map { .object([("day", .text($0.day)), ("offered", count($0.offered))]) })),
            ("busiestHours", .list(report.busiestHours.map { .object([("hour", .integer($0.hour)), ("offered", count($0.offered))]) })),
            ("waitDistribution", .list(report.total.waitHistogram.enumerated().map { .object([("wait", .text(WaitHistogram.label($0.offset))), ("calls", count($0.element))]) })),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }
}
