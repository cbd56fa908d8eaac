import CallEngine
import CallLog
import Foundation
import Testing

/// The privacy budget per day: publications add up, a day cannot be overspent, a refused
/// publication records nothing, and two at once cannot both pass.
@Suite struct PrivacyLedgerTests {
    static func days(_ first: Int, _ last: Int, month: Int = 11, zone: String = "UTC") -> [PrivacyLedger.Day] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return (first...last).map { day in
            let start = calendar.date(from: DateComponents(year: 2026, month: month, day: day))!
            return PrivacyLedger.Day(name: String(format: "2026-%02d-%02d", month, day), start: start, end: calendar.date(byAdding: .day, value: 1, to: start)!)
        }
    }

    @Test func publicationsSpendTheBudgetOfTheDaysTheyCover() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallLogDatabase(path: folder.path("log.sqlite"))
        try await store.spendPrivacyBudget(days: Self.days(1, 30), epsilon: 0.5, budgetPerDay: 1, grouping: "none")
        try await store.spendPrivacyBudget(days: Self.days(1, 10), epsilon: 0.5, budgetPerDay: 1, grouping: "day")
        // The 10th has nothing left; the 11th half.
        await #expect(throws: PrivacyLedger.Exhausted.self) {
            try await store.spendPrivacyBudget(days: Self.days(10, 12), epsilon: 0.1, budgetPerDay: 1, grouping: "none")
        }
        do {
            try await store.spendPrivacyBudget(days: Self.days(5, 20), epsilon: 0.6, budgetPerDay: 1, grouping: "none")
            Issue.record("overspent")
        } catch let exhausted as PrivacyLedger.Exhausted {
            #expect(exhausted.day == "2026-11-05")
            #expect(exhausted.description.contains("nothing is left for it"))
        }
        do {
            try await store.spendPrivacyBudget(days: Self.days(11, 20), epsilon: 0.6, budgetPerDay: 1, grouping: "none")
            Issue.record("overspent")
        } catch let exhausted as PrivacyLedger.Exhausted {
            #expect(exhausted.description.contains("publish with --epsilon 0.5 or less"))
        }
        try await store.spendPrivacyBudget(days: Self.days(11, 30), epsilon: 0.5, budgetPerDay: 1, grouping: "language")
        let ledger = try await store.privacyLedger()
        #expect(ledger.map(\.epsilon) == [0.5, 0.5, 0.5])   // the refused ones left nothing
        #expect(ledger.map(\.firstDay) == ["2026-11-01", "2026-11-01", "2026-11-11"])
        #expect(ledger.last?.grouping == "language")
    }

    /// The budget is kept on instants, not on day names: the same hours published again as
    /// "another day" of another time zone are refused (review of issue 12).
    @Test func anotherTimeZoneDoesNotOpenANewBudget() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallLogDatabase(path: folder.path("log.sqlite"))
        try await store.spendPrivacyBudget(days: Self.days(1, 30, zone: "Pacific/Kiritimati"), epsilon: 0.6, budgetPerDay: 1, grouping: "none")   // UTC+14
        // 31 October at UTC−12 is 31 October 12:00 to 1 November 12:00 UTC: half of it is 1 November at UTC+14.
        await #expect(throws: PrivacyLedger.Exhausted.self) {
            try await store.spendPrivacyBudget(days: Self.days(31, 31, month: 10, zone: "Etc/GMT+12"), epsilon: 0.6, budgetPerDay: 1, grouping: "none")
        }
        // 1 November at UTC+14 began on 31 October at 10:00 UTC; 30 October at UTC−12 ends on
        // 31 October at 12:00 UTC: two hours in common. 29 October at UTC−12 has none.
        await #expect(throws: PrivacyLedger.Exhausted.self) {
            try await store.spendPrivacyBudget(days: Self.days(30, 30, month: 10, zone: "Etc/GMT+12"), epsilon: 0.6, budgetPerDay: 1, grouping: "none")
        }
        try await store.spendPrivacyBudget(days: Self.days(29, 29, month: 10, zone: "Etc/GMT+12"), epsilon: 0.6, budgetPerDay: 1, grouping: "none")
    }

    @Test func twoPublicationsAtOnceCannotBothPass() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("log.sqlite")
        _ = try CallLogDatabase(path: path)
        // Two processes' worth: two separate connections to the same file.
        let first = try CallLogDatabase(path: path), second = try CallLogDatabase(path: path)
        async let a: Bool = (try? await first.spendPrivacyBudget(days: Self.days(1, 30), epsilon: 0.6, budgetPerDay: 1, grouping: "none")) != nil
        async let b: Bool = (try? await second.spendPrivacyBudget(days: Self.days(1, 30), epsilon: 0.6, budgetPerDay: 1, grouping: "none")) != nil
        let results = await [a, b]
        #expect(results.filter { $0 }.count == 1)
        #expect(try await first.privacyLedger().count == 1)
    }
}

/// The staff figures in the call log: added per bucket, summed per advocate over a period, purged with the rest.
@Suite struct StaffCellTests {
    @Test func staffFiguresAddUpPerAdvocateAndPeriod() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallLogDatabase(path: folder.path("log.sqlite"))
        let day = Date(timeIntervalSince1970: 1_796_050_800)
        try await store.recordStaffActivity([StaffActivity(advocate: "ana", calls: 2, talkSeconds: 300, loggedInSeconds: 60)], at: day, granularity: 3600)
        try await store.recordStaffActivity([StaffActivity(advocate: "ana", calls: 1, talkTimeUnknown: 1, loggedInSeconds: 60, pausedSeconds: 30),
                                             StaffActivity(advocate: "bo", loggedInSeconds: 60)], at: day.addingTimeInterval(60), granularity: 3600)
        try await store.recordStaffActivity([StaffActivity(advocate: "ana", calls: 4, loggedInSeconds: 3600)], at: day.addingTimeInterval(86_400), granularity: 3600)
        let first = try await store.staffActivity(from: day, to: day.addingTimeInterval(86_400))
        #expect(first == [StaffActivity(advocate: "ana", calls: 3, talkSeconds: 300, talkTimeUnknown: 1, loggedInSeconds: 120, pausedSeconds: 30),
                          StaffActivity(advocate: "bo", loggedInSeconds: 60)])
        #expect(try await store.staffActivity().first?.calls == 7)
        try await store.purge(before: day.addingTimeInterval(3600))
        #expect(try await store.staffActivity().map(\.calls) == [4])
    }
}
