import Foundation

/// Machine-readable report. Counts are numbers, or the string "<k" when suppressed; rates are
/// fractions (0…1), averages seconds, "<k" when suppressed and null when undefined.
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
        func count(_ n: Int) -> Value { s.isSuppressed(n) ? .text("<\(options.k)") : .integer(n) }
        func ratio(_ value: Double?, _ parts: [Int]) -> Value {
            guard let value else { return .null }
            return parts.contains(where: s.isSuppressed) ? .text("<\(options.k)") : .number(value)
        }
        func measures(_ m: Measures) -> [(String, Value)] {
            let abandoned = m.abandonedInQueue - m.shortAbandons
            let slParts = options.serviceLevelFormula == .answered ? [m.answeredWithinThreshold, m.answered]
                : [m.answeredWithinThreshold + m.abandonedWithinThreshold, m.answered + m.abandonedInQueue]
            return [
                ("offered", count(m.offered)), ("answered", count(m.answered)),
                ("abandonedInIVR", count(m.abandonedInIVR)), ("abandonedInQueue", count(m.abandonedInQueue)),
                ("shortAbandons", count(m.shortAbandons)),
                ("abandonmentRate", ratio(m.abandonRate, [abandoned, m.answered + abandoned])),
                ("averageSpeedOfAnswerSeconds", ratio(m.averageSpeedOfAnswer, [m.answered])),
                ("serviceLevel", ratio(m.serviceLevel(options.serviceLevelFormula), slParts)),
                ("averageHandleTimeSeconds", ratio(m.averageHandleTime, [m.answered])),
                ("afterHours", count(m.afterHours)), ("noAdvocates", count(m.noAdvocates)), ("outage", count(m.outage)),
                ("messages", count(m.messages)),
                ("transferred", count(m.transferred)), ("emergency", count(m.emergency)),
                ("interpreted", count(m.interpreted)), ("overflowed", count(m.overflowed)),
            ]
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
