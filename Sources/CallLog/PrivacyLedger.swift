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
        public var epsilon: Double
        public var budgetPerDay: Double
        public var grouping: String

        public init(publishedAt: String, firstDay: String, lastDay: String, epsilon: Double, budgetPerDay: Double, grouping: String) {
            self.publishedAt = publishedAt
            self.firstDay = firstDay
            self.lastDay = lastDay
            self.epsilon = epsilon
            self.budgetPerDay = budgetPerDay
            self.grouping = grouping
        }

        public func covers(_ day: String) -> Bool { firstDay <= day && day <= lastDay }
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
    /// Records a publication of `days` at `epsilon`, in one transaction with the check that no
    /// day would go past `budgetPerDay`: two publications at once cannot both pass.
    public func spendPrivacyBudget(days: [String], epsilon: Double, budgetPerDay: Double, grouping: String, at date: Date = Date()) async throws {
        guard let first = days.first, let last = days.last else { return }
        try await writer.write { db in
            let entries = try PrivacyLedger.Entry.filter(Column("lastDay") >= first && Column("firstDay") <= last).fetchAll(db)
            for day in days {
                let spent = entries.filter { $0.covers(day) }.reduce(0) { $0 + $1.epsilon }
                if spent + epsilon > budgetPerDay + 1e-9 {
                    throw PrivacyLedger.Exhausted(day: day, spent: spent, asked: epsilon, budget: budgetPerDay)
                }
            }
            try PrivacyLedger.Entry(publishedAt: date.formatted(.iso8601), firstDay: first, lastDay: last, epsilon: epsilon,
                                    budgetPerDay: budgetPerDay, grouping: grouping).insert(db)
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
