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
    public var rows: [Row]
    public var total: Measures
    /// Offered calls by language, most first.
    public var languageMix: [(language: String, offered: Int)]
    /// Offered calls by local hour of day, 0…23.
    public var volumeByHour: [Int]
    /// Offered calls by local day.
    public var volumeByDay: [(day: String, offered: Int)]
    /// The three hours of the day with the most calls.
    public var busiestHours: [(hour: Int, offered: Int)]

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
            "ASA = average wait of answered calls; AHT = average time with an advocate (no wrap-up)",
            "cells below \(options.k) are shown as <\(options.k), and so are rates and averages built on them, so that no caller can be singled out",
            "times are read in \(options.timeZone.identifier); start times are stored only to the hour (or the configured granularity)",
        ]
    }
}
