@testable import CallLog
import CallReports
import Foundation
import GRDB
import Testing

@Suite struct CallLogDatabaseTests {
    @Test func schemaHoldsNoCallerIdentifierColumn() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallLogDatabase(path: folder.path("log.sqlite"))
        let columns = try await store.writer.read { db in try db.columns(in: "call").map(\.name) }
        #expect(Set(columns) == ["id", "startBucket", "dialedNumber", "campaign", "language", "ending", "endedIn", "path",
                                 "secondsInIVR", "secondsWaiting", "secondsWithAdvocate", "planVersion", "retries", "choices", "interpreter", "overflowed", "talkTimeUnknown"])
        let journal = try await store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func rowsKeepOnlyTheCoarseStartTime() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallLogDatabase(path: folder.path("log.sqlite"))
        try await store.record(Outcomes.make(3), settings: CallLogSettings())
        let buckets = try await store.writer.read { db in try Int64.fetchAll(db, sql: "SELECT startBucket FROM call") }
        #expect(buckets == Array(repeating: 1_796_050_800, count: 3))
    }

    /// A database made by the first release (schema v1, one call) opens and upgrades in place.
    @Test func anOldDatabaseUpgrades() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("old.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try CallLogDatabase.migrate(queue, upTo: "v1: calls")
            try await queue.write { db in
                try db.execute(sql: """
                    INSERT INTO call (id, startBucket, dialedNumber, campaign, language, ending, endedIn, path, secondsInIVR, secondsWaiting, secondsWithAdvocate, planVersion)
                    VALUES ('00000000000000aa', 1796050800, '8883737888', 'main', 'es', 'advocate', 'advocate', 'welcome > advocate', 30, 12, 240, 'old')
                    """)
            }
        }
        let store = try CallLogDatabase(path: path)
        let migrations = try await store.writer.read { db in try CallLogDatabase.migrator.appliedIdentifiers(db) }
        #expect(migrations == ["v1: calls", "v2: retries and choices", "v3: statistics-only cells", "v4: interpreter and overflow",
                               "v5: conversations of unknown length", "v6: start journal", "v7: facts", "v8: privacy ledger", "v9: staff cells", "v10: messages"])
        let cells = try await store.cells()
        #expect(cells.values.map(\.count) == [1])
        #expect(cells.keys.first?.language == "es")
        try await store.record(Outcomes.make(2), settings: CallLogSettings())
        #expect(try await store.callCount() == 3)
    }

    @Test func statisticsOnlyModeKeepsNoPerCallRowAndReportsTheSame() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcomes = Outcomes.make(300) + Outcomes.make(40, ending: .abandonedInQueue, firstID: 1000)
        let perCall = try CallLogDatabase(path: folder.path("rows.sqlite"))
        let strict = try CallLogDatabase(path: folder.path("cells.sqlite"))
        var settings = CallLogSettings()
        try await perCall.record(outcomes, settings: settings)
        settings.mode = .statisticsOnly
        try await strict.record(Array(outcomes.prefix(100)), settings: settings)
        try await strict.record(Array(outcomes.dropFirst(100)), settings: settings)
        #expect(try await strict.callCount() == 0)
        var options = ReportOptions()
        options.grouping = .language
        let fromRows = ReportBuilder.build(try await perCall.cells(), options: options)
        let fromCells = ReportBuilder.build(try await strict.cells(), options: options)
        #expect(fromRows.total == fromCells.total)
        #expect(fromRows.rows == fromCells.rows)
        #expect(ReportCSVRenderer.render(fromRows) == ReportCSVRenderer.render(fromCells))
    }

    @Test func retentionDeletesOnlyWhatIsOlder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallLogDatabase(path: folder.path("log.sqlite"))
        let now = Outcomes.start
        try await store.record(Outcomes.make(5, at: now.addingTimeInterval(-800 * 86_400)), settings: CallLogSettings())
        try await store.record(Array(Outcomes.make(12).dropFirst(5)), settings: CallLogSettings())
        let deleted = try await store.purge(before: now.addingTimeInterval(-730 * 86_400))
        #expect(deleted == 5)
        #expect(try await store.callCount() == 7)
    }
}
