import Foundation

/// What a report covers and how its measures are computed.
public struct ReportOptions: Sendable {
    public enum Grouping: String, Sendable, CaseIterable {
        case day, hour, interval, language, campaign, outcome
    }

    /// How service level is computed; contact centres disagree, so the report says which.
    public enum ServiceLevelFormula: String, Sendable, CaseIterable {
        /// Answered in less than T ÷ answered.
        case answered
        /// Asterisk's variant: (answered in less than T + abandoned in less than T) ÷ (answered + abandoned).
        case asterisk
    }

    public var from: Date?
    public var to: Date?
    public var grouping: Grouping?
    /// Cells below k are shown as "<k".
    public var k: Int = 5
    public var serviceLevelSeconds: Double = 30
    public var serviceLevelFormula: ServiceLevelFormula = .answered
    /// Calls abandoned in the queue in less than this are left out of the abandonment rate.
    public var shortAbandonSeconds: Double = 5
    public var timeZone: TimeZone = TimeZone(identifier: "UTC")!
    /// Minutes of the intervals of `--by interval` (15, 30 or 60): times of day over the period.
    public var intervalMinutes = 15

    public static let intervals = [15, 30, 60]

    public init() {}

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Thresholds must be histogram edges, so the statistics-only mode computes them exactly.
    public func validate() throws(Invalid) {
        let edges = WaitHistogram.edges.map { String(Int($0)) }.joined(separator: ", ")
        guard WaitHistogram.edges.contains(serviceLevelSeconds) else {
            throw Invalid(description: "the service-level threshold must be one of \(edges) seconds (the wait histogram's edges)")
        }
        guard WaitHistogram.edges.contains(shortAbandonSeconds) else {
            throw Invalid(description: "the short-abandon threshold must be one of \(edges) seconds (the wait histogram's edges)")
        }
        guard Self.intervals.contains(intervalMinutes) else {
            throw Invalid(description: "the interval must be 15, 30 or 60 minutes")
        }
        guard k >= 1 else { throw Invalid(description: "k must be at least 1 (1 hides nothing)") }
        guard k != 2 else {
            throw Invalid(description: "k 2 would print <2 for exactly one call, which hides nothing; give 1 to hide nothing, or 3 or more")
        }
    }
}
