@testable import CallLog
import Foundation
import TestSupport
import MetricsTestKit
import Testing

@Suite struct CallLogWriterTests {
    @Test func tenThousandCallsAreWrittenInBatches() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = CallLogWriter(path: folder.path("log.sqlite"), settings: CallLogSettings(), logger: CapturedLog().logger, metrics: TestMetrics())
        let outcomes = Outcomes.make(10_000)
        for outcome in outcomes.prefix(6_000) { writer.record(outcome) }
        #expect(await writer.flush() == 6_000)
        for outcome in outcomes.dropFirst(6_000) { writer.record(outcome) }
        #expect(await writer.flush() == 4_000)
        let store = try CallLogDatabase(path: folder.path("log.sqlite"))
        #expect(try await store.callCount() == 10_000)
        #expect(try await store.callIDs() == Set(outcomes.map(\.callID)))
        #expect(try await store.integrityCheck() == "ok")
    }

    /// The file cannot be created (its folder is a regular file): calls go on, outcomes wait,
    /// the failure is loud, and once the disk is fixed every waiting outcome is written.
    @Test func unwritableFileKeepsOutcomesAndSaysSoLoudly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let blocker = folder.path("var")
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("not a folder".utf8)))
        let metrics = TestMetrics()
        let log = CapturedLog()
        let writer = CallLogWriter(path: folder.path("var/log.sqlite"), settings: CallLogSettings(), logger: log.logger, metrics: metrics)
        for outcome in Outcomes.make(25) { writer.record(outcome) }
        #expect(await writer.flush() == 0)
        #expect(await writer.flush() == 0)
        #expect(writer.pendingCount == 25)
        #expect(try metrics.expectCounter("hotline_calllog_write_failures_total").totalValue == 2)
        #expect(log.lines.withLockedValue { $0 }.contains { $0.hasPrefix("error call log: cannot write 25 call outcomes") })
        try FileManager.default.removeItem(atPath: blocker)
        #expect(await writer.flush() == 25)
        #expect(writer.pendingCount == 0)
        #expect(log.lines.withLockedValue { $0 }.contains { $0.contains("writing again") })
    }

    /// A full disk (SQLite refuses to grow the file) loses nothing already written.
    @Test func fullDiskLosesNothingAlreadyWritten() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var settings = CallLogSettings()
        settings.maximumDatabaseBytes = 128 * 1024   // the schema takes about half
        let writer = CallLogWriter(path: folder.path("log.sqlite"), settings: settings, logger: CapturedLog().logger, metrics: TestMetrics())
        for outcome in Outcomes.make(50) { writer.record(outcome) }
        #expect(await writer.flush() == 50)
        for outcome in Outcomes.make(5_000).dropFirst(50) { writer.record(outcome) }
        #expect(await writer.flush() == 0)
        #expect(writer.pendingCount == 4_950)
        let store = try CallLogDatabase(path: folder.path("log.sqlite"))
        #expect(try await store.callCount() == 50)
        #expect(try await store.integrityCheck() == "ok")
    }

    @Test func pendingOutcomesAreBounded() async throws {
        var settings = CallLogSettings()
        settings.maximumPending = 10
        let metrics = TestMetrics()
        let writer = CallLogWriter(path: "/dev/null/nowhere.sqlite", settings: settings, logger: CapturedLog().logger, metrics: metrics)
        for outcome in Outcomes.make(15) { writer.record(outcome) }
        #expect(writer.pendingCount == 10)
        #expect(try metrics.expectCounter("hotline_calllog_dropped_total").totalValue == 5)
    }
}
