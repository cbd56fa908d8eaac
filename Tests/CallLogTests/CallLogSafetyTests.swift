@testable import CallLog
import CallEngine
import CallReports
import Foundation
import GRDB
import TestSupport
import Testing

/// Issue 11, items 5–7: a database the controller cannot use is refused with what to do, and a
/// crash no longer makes the calls that were up disappear from the statistics.
@Suite struct CallLogSafetyTests {
    @Test func aDamagedFileIsRefusedWithWhatToDo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("log.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try CallLogDatabase(path: path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("\(path): error: the call log is not a database this controller can use")
                && text.contains("mv \(path) \(path).damaged")
        }
    }

    @Test func aDatabaseFromANewerControllerIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("log.sqlite")
        _ = try CallLogDatabase(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: something new')") }
        try queue.close()
        #expect {
            _ = try CallLogDatabase(path: path)
        } throws: { error in
            "\(error)".contains("the call log was written by a newer controller (its schema has v99: something new; this one knows up to 'v10: messages'); run the newer controller, or give --database another file")
        }
    }

    @Test func onlyDeclaredNumbersReachACell() {
        var outcome = Outcomes.make(1)[0]
        outcome.dialedNumber = nil
        #expect(CallCellKey(outcome, granularity: 3600).dialedNumber == "other")
    }

    /// Item 7: calls up when the controller dies are counted as interrupted at the next start,
    /// in anonymous cells only.
    @Test func callsCutShortByACrashAreCountedAtTheNextStart() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("log.sqlite")
        let writer = CallLogWriter(database: try CallLogDatabase(path: path), settings: CallLogSettings(), logger: CapturedLog().logger)
        for i in 0..<10 {
            writer.begin(CallInProgress(callID: String(format: "%016x", i + 1), startedAt: Outcomes.start, dialedNumber: i < 7 ? "8883737888" : nil,
                                        campaign: "main", language: "en"))
        }
        // Three of them end; the journal is written with the outcomes. Then the process "dies".
        for outcome in Outcomes.make(3) { writer.record(outcome) }
        await writer.flush()
        let journal = try await CallLogDatabase(path: path).writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM callJournal").map { "\(String(describing: $0))" }
        }
        #expect(!journal.joined().contains("0000000000000004"), "no call id in the journal")

        let restarted = try CallLogDatabase(path: path)
        #expect(try await restarted.countInterruptedCalls() == 7)
        let cells = try await restarted.cells()
        let interrupted = cells.filter { $0.key.ending == .interrupted }
        #expect(interrupted.values.map(\.count).reduce(0, +) == 7)
        #expect(Set(interrupted.keys.map(\.dialedNumber)) == ["8883737888", "other"])
        #expect(try await restarted.countInterruptedCalls() == 0, "counted once")
    }

    @Test func aGracefulStopLeavesTheJournalEmpty() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("log.sqlite")
        let writer = CallLogWriter(database: try CallLogDatabase(path: path), settings: CallLogSettings(), logger: CapturedLog().logger)
        for outcome in Outcomes.make(4) {
            writer.begin(CallInProgress(callID: outcome.callID, startedAt: outcome.startedAt, dialedNumber: outcome.dialedNumber,
                                        campaign: outcome.campaign, language: outcome.language))
        }
        await writer.flush()
        for outcome in Outcomes.make(4) { writer.record(outcome) }
        await writer.flush()
        #expect(try await CallLogDatabase(path: path).countInterruptedCalls() == 0)
        #expect(try await CallLogDatabase(path: path).callCount() == 4)
    }
}

/// The review's finding: rows an older controller wrote keep whatever the trunk sent.
@Suite struct OlderRowsTests {
    @Test func numbersThePlanDoesNotDeclareBecomeOther() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallLogDatabase(path: folder.path("log.sqlite"))
        var outcomes = Outcomes.make(3)
        outcomes[1].dialedNumber = "5551234567"
        outcomes[2].dialedNumber = nil
        try await store.record(outcomes, settings: CallLogSettings())
        var strict = CallLogSettings()
        strict.mode = .statisticsOnly
        var cellOutcomes = Outcomes.make(2, firstID: 10)
        cellOutcomes[0].dialedNumber = "5551234567"
        cellOutcomes[1].dialedNumber = "5559876543"
        try await store.record(cellOutcomes, settings: strict)
        let changed = try await store.forgetUndeclaredNumbers(keeping: ["8883737888"])
        #expect(changed == 3)
        let cells = try await store.cells()
        #expect(Set(cells.keys.map(\.dialedNumber)) == ["8883737888", "other"])
        #expect(cells.values.map(\.count).reduce(0, +) == 5)
        #expect(try await store.forgetUndeclaredNumbers(keeping: ["8883737888"]) == 0)
    }
}
