import Foundation
import GRDB

/// The privacy budget each day of calls has left. Every publication with differential privacy
/// spends its ε on every day it covers; a day's publications together may not spend more than
/// the budget, so publishing the same period again and again cannot average the noise away.
public struct PrivacyLedger: Sendable {
    public struct Entry: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
        public static let databaseTableName = "privacyLedger"
        public var id: Int64?
        public var publishedAt: String
        public var firstDay: String
        public var lastDay: String
        /// Seconds since 1970: the period is [fromTime, toTime).
        public var fromTime: Int64
        public var toTime: Int64
        public var epsilon: Double
        public var budgetPerDay: Double
        public var grouping: String

        public init(publishedAt: String, firstDay: String, lastDay: String, fromTime: Int64, toTime: Int64, epsilon: Double, budgetPerDay: Double, grouping: String) {
            self.publishedAt = publishedAt
            self.firstDay = firstDay
            self.lastDay = lastDay
            self.fromTime = fromTime
            self.toTime = toTime
            self.epsilon = epsilon
            self.budgetPerDay = budgetPerDay
            self.grouping = grouping
        }

        public func covers(_ time: Int64) -> Bool { fromTime <= time && time < toTime }
    }

    /// One day of a publication: its name in the publication's time zone and the instants it covers.
    public struct Day: Sendable {
        public let name: String
        public let start: Date
        public let end: Date

        public init(name: String, start: Date, end: Date) {
            self.name = name
            self.start = start
            self.end = end
        }
    }

    public struct Exhausted: Error, CustomStringConvertible {
        public let day: String
        public let spent: Double
        public let asked: Double
        public let budget: Double
        public var description: String {
            let left = budget - spent
            let smaller = left > 1e-9 ? "publish with --epsilon \(Self.format(left)) or less, " : "nothing is left for it: "
            return "the privacy budget of \(day) would be overspent: its publications used ε = \(Self.format(spent)) of \(Self.format(budget)), "
                + "this one asks \(Self.format(asked)); \(smaller)leave \(day) out of the period, "
                + "or reuse what was published before (hotline report --privacy-ledger lists it)"
        }

        static func format(_ value: Double) -> String { String(format: "%g", (value * 1000).rounded() / 1000) }
    }
}

extension CallLogDatabase {
    /// Records a publication of `days` at `epsilon`, in one transaction with the check that at no
    /// instant of them would the publications covering it spend more than `budgetPerDay`: two
    /// publications at once cannot both pass, nor one in another time zone.
    public func spendPrivacyBudget(days: [PrivacyLedger.Day], epsilon: Double, budgetPerDay: Double, grouping: String, at date: Date = Date()) async throws {
        guard let first = days.first, let last = days.last else { return }
        let from = Int64(first.start.timeIntervalSince1970), to = Int64(last.end.timeIntervalSince1970)
        try await writer.write { db in
            let entries = try PrivacyLedger.Entry.filter(Column("toTime") > from && Column("fromTime") < to).fetchAll(db)
            for day in days {
                let start = Int64(day.start.timeIntervalSince1970), end = Int64(day.end.timeIntervalSince1970)
                // The spend is constant between the starts of publications: its most is at one of them.
                let moments = [start] + entries.map(\.fromTime).filter { $0 > start && $0 < end }
                let spent = moments.map { moment in entries.filter { $0.covers(moment) }.reduce(0) { $0 + $1.epsilon } }.max() ?? 0
                if spent + epsilon > budgetPerDay + 1e-9 {
                    throw PrivacyLedger.Exhausted(day: day.name, spent: spent, asked: epsilon, budget: budgetPerDay)
                }
            }
            try PrivacyLedger.Entry(publishedAt: date.formatted(.iso8601), firstDay: first.name, lastDay: last.name, fromTime: from, toTime: to,
                                    epsilon: epsilon, budgetPerDay: budgetPerDay, grouping: grouping).insert(db)
        }
    }

    /// Every publication, oldest first.
    public func privacyLedger() async throws -> [PrivacyLedger.Entry] {
        try await writer.read { db in
            guard try db.tableExists(PrivacyLedger.Entry.databaseTableName) else { return [] }
            return try PrivacyLedger.Entry.order(Column("id")).fetchAll(db)
        }
    }
}
