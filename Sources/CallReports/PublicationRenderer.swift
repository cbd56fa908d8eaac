import Foundation

/// A publication as a table, CSV or JSON. Each says that its counts are noisy, by how much, and
/// that its rates are computed from noisy counts.
public enum PublicationRenderer {
    static let labels: [CountName: String] = [
        .offered: "offered", .answered: "answered", .answeredWithinThreshold: "answered within threshold",
        .abandonedInQueue: "abandoned in queue", .shortAbandons: "short abandons", .longAbandons: "long abandons",
        .abandonedInIVR: "abandoned in IVR", .afterHours: "after hours", .noAdvocates: "no advocates", .outage: "outage",
        .messages: "messages", .transferred: "transferred", .emergency: "emergency", .otherEndings: "other endings",
    ]

    /// Plain-language statements of what the figures are, printed with every publication.
    public static func statements(_ p: Publication) -> [String] {
        let t = Int(p.options.serviceLevelSeconds), s = Int(p.options.shortAbandonSeconds)
        return [
            "published with differential privacy, ε = \(format(p.epsilon)) per call: every count below has noise added (two-sided geometric, α = e^−ε); whether any one call is in the data changes the chance of these figures by a factor of at most e^\(format(p.epsilon)) = \(format(exp(p.epsilon)))",
            "each of answered within \(t) s, answered after, short abandons (under \(s) s), long abandons and the other outcomes is within ±\(p.margin) of the true count 95 times in 100; a negative result is shown as 0",
            "offered, answered and abandoned in queue are sums of noisy counts, and the total the sum of the groups, so the figures add up",
            "abandonment rate and service level are computed from the noisy counts, not from the true ones",
            "a caller who called n times is protected by n × ε, not ε",
        ]
    }

    public static func table(_ p: Publication) -> String {
        let rows = p.groups + [p.total]
        var lines = [[p.options.grouping?.rawValue ?? ""] + Publication.published.map { labels[$0] ?? $0.rawValue } + ["abandonment rate (noisy)", "service level (noisy)"]]
        for row in rows {
            lines.append([row.label] + Publication.published.map { String(row.count($0)) } + [percent(row.abandonRate), percent(row.serviceLevel)])
        }
        // A few groups: one column each; many (days, hours): one line each, growing down.
        let shown = lines.count <= ReportTableRenderer.maximumGroupColumns + 1 ? transpose(lines) : lines
        let widths = (0..<shown[0].count).map { column in shown.map { $0[column].count }.max() ?? 0 }
        var out = "Hotline calls from \(p.firstDay) to \(p.lastDay) (\(p.options.timeZone.identifier)), published with noise (ε = \(format(p.epsilon)))\n\n"
        for line in shown {
            out += line.enumerated().map { $0.offset == 0 ? $0.element.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: max(0, widths[$0.offset] - $0.element.count)) + $0.element }.joined(separator: "  ") + "\n"
        }
        return out + "\n" + statements(p).map { "• \($0)" }.joined(separator: "\n") + "\n"
    }

    public static func csv(_ p: Publication) -> String {
        let header = [p.options.grouping?.rawValue ?? "group"] + Publication.published.map(\.csvName) + ["abandonment_rate_percent_from_noisy_counts", "service_level_percent_from_noisy_counts"]
        var lines = [header.joined(separator: ",")]
        for row in p.groups + [p.total] {
            let rates = [row.abandonRate, row.serviceLevel].map { $0.map { String(format: "%.1f", $0 * 100) } ?? "" }
            lines.append(([ReportCSVRenderer.field(row.label)] + Publication.published.map { String(row.count($0)) } + rates).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ p: Publication) -> String {
        typealias Value = ReportJSONRenderer.Value
        func group(_ row: Publication.Group) -> Value {
            .object([("label", .text(row.label))] + Publication.published.map { ($0.rawValue, .integer(row.count($0))) } + [
                ("abandonmentRateFromNoisyCounts", row.abandonRate.map(Value.number) ?? .null),
                ("serviceLevelFromNoisyCounts", row.serviceLevel.map(Value.number) ?? .null),
            ])
        }
        let document = Value.object([
            ("firstDay", .text(p.firstDay)), ("lastDay", .text(p.lastDay)), ("timeZone", .text(p.options.timeZone.identifier)),
            ("groupedBy", p.options.grouping.map { .text($0.rawValue) } ?? .null),
            ("differentialPrivacy", .object([
                ("mechanism", .text("two-sided geometric")), ("epsilon", .number(p.epsilon)), ("unit", .text("one call")),
                ("noisyCounts", .list(CountName.partition.map { .text($0.rawValue) })),
                ("margin95", .integer(p.margin)), ("negativeCountsShownAs", .integer(0)),
            ])),
            ("serviceLevelSeconds", .integer(Int(p.options.serviceLevelSeconds))),
            ("shortAbandonSeconds", .integer(Int(p.options.shortAbandonSeconds))),
            ("statements", .list(statements(p).map { .text($0) })),
            ("groups", .list(p.groups.map(group))),
            ("total", group(p.total)),
        ])
        return ReportJSONRenderer.encode(document)
    }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0 * 100) } ?? "–" }

    static func format(_ value: Double) -> String { String(format: "%g", (value * 1000).rounded() / 1000) }

    static func transpose(_ lines: [[String]]) -> [[String]] {
        (0..<(lines.first?.count ?? 0)).map { column in lines.map { $0[column] } }
    }
}

extension CountName {
    /// The CSV header of a published count.
    var csvName: String {
        rawValue.reduce(into: "") { out, character in
            if character.isUppercase { out += "_" + character.lowercased() } else { out.append(character) }
        }.replacingOccurrences(of: "_i_v_r", with: "_ivr")
    }
}
