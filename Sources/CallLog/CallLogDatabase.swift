import CallEngine
import CallReports
import Dialplan
import Foundation
import GRDB

/// The call-log database, after GRDB's `AppDatabase` demo: one `Sendable` value that owns the
/// migrations and offers intention-named reads and writes. WAL through `DatabasePool`.
public struct CallLogDatabase: Sendable {
    let writer: any DatabaseWriter
    public let path: String

    public struct OpenError: Error, CustomStringConvertible {
        public let description: String
    }

    init(writer: any DatabaseWriter, path: String) {
        self.writer = writer
        self.path = path
    }

    /// Opens (creating if needed) and migrates the database at `path`. A database written by a
    /// newer controller is refused; with `verify`, so is a damaged one (SQLite's `quick_check`
    /// reads the whole file: `serve` does it once at its start, not every open).
    public init(path: String, maximumBytes: Int64? = nil, verify: Bool = false) throws {
        self.path = path
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            if let maximumBytes {
                configuration.prepareDatabase { db in
                    let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                    try db.execute(sql: "PRAGMA max_page_count = \(max(1, maximumBytes / pageSize))")
                }
            }
            writer = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw OpenError(description: Self.unusable(path, error))
        }
        try Self.checkUsable(writer, path: path, verify: verify)
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw OpenError(description: Self.unusable(path, error))
        }
    }

    /// Refuses a damaged file, or one a newer controller migrated past what this one knows:
    /// writing to either would lose outcomes batch after batch, with nothing said at the start.
    static func checkUsable(_ writer: some DatabaseWriter, path: String, verify: Bool) throws {
        let (check, applied): (String, Set<String>)
        do {
            (check, applied) = try writer.read { db in
                (verify ? try String.fetchOne(db, sql: "PRAGMA quick_check(1)") ?? "no answer" : "ok", try migrator.appliedIdentifiers(db))
            }
        } catch {
            throw OpenError(description: unusable(path, error))
        }
        guard check == "ok" else {
            throw OpenError(description: "\(path): error: the call log is damaged (SQLite's check says: \(check.prefix(200))); "
                + "stop the controller, move the file aside (mv \(path) \(path).damaged) and start again with a new one; "
                + "`sqlite3 \(path).damaged .recover` may save what it held")
        }
        let known = migrator.migrations
        let unknown = applied.subtracting(known)
        guard unknown.isEmpty else {
            throw OpenError(description: "\(path): error: the call log was written by a newer controller (its schema has \(unknown.sorted().joined(separator: ", ")); "
                + "this one knows up to '\(known.last ?? "")'); run the newer controller, or give --database another file")
        }
    }

    /// The file itself is broken (not a slow or full disk): retrying will not help.
    static func isDamage(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
    }

    static func unusable(_ path: String, _ error: any Error) -> String {
        if isDamage(error), let error = error as? DatabaseError {
            return "\(path): error: the call log is not a database this controller can use (\(error.message ?? "\(error)")); "
                + "move it aside (mv \(path) \(path).damaged) and start again with a new one, or give --database another file"
        }
        return "\(path): error: cannot open the call log: \(error); check that the folder exists and is writable by the controller's user"
    }

    /// Writes a batch of outcomes in one transaction, per the mode: rows, or cells only.
    /// With `journal`, the start journal is replaced by it in the same transaction.
    public func record(_ outcomes: [CallOutcome], settings: CallLogSettings, journal: [CallCellKey: Int]? = nil) async throws {
        guard !outcomes.isEmpty || journal != nil else { return }
        try await writer.write { db in
            if let journal { try StartJournal.replace(with: journal, db) }
            switch settings.mode {
            case .perCall:
                for outcome in outcomes {
                    try CallRecord(outcome, granularity: settings.granularitySeconds).insert(db, onConflict: .ignore)
                }
            case .statisticsOnly:
                var cells: [CallCellKey: CallCell] = [:]
                for outcome in outcomes { cells[CallCellKey(outcome, granularity: settings.granularitySeconds), default: CallCell()].add(outcome) }
                for (key, cell) in cells { try CellRecord.add(key, cell, db) }
            }
        }
    }

    /// Every statistics cell: per-call rows folded into cells, plus the statistics-only cells.
    public func cells(from: Date? = nil, to: Date? = nil) async throws -> [CallCellKey: CallCell] {
        let lower = from.map { Int64($0.timeIntervalSince1970) } ?? Int64.min
        let upper = to.map { Int64($0.timeIntervalSince1970) } ?? Int64.max
        return try await writer.read { db in
            var cells: [CallCellKey: CallCell] = [:]
            let rows = try CallRecord.fetchAll(db, sql: "SELECT * FROM call WHERE startBucket >= ? AND startBucket < ?", arguments: [lower, upper])
            for row in rows {
                let key = CallCellKey(bucket: row.startBucket, campaign: row.campaign, dialedNumber: row.dialedNumber,
                                      language: row.language, ending: CallEnding(rawValue: row.ending) ?? .error)
                var cell = CallCell()
                cell.count = 1
                cell.secondsInIVR = row.secondsInIVR
                cell.secondsWaiting = row.secondsWaiting
                cell.secondsWithAdvocate = row.secondsWithAdvocate
                cell.retries = row.retries
                cell.interpreted = row.interpreter ? 1 : 0
                cell.overflowed = row.overflowed ? 1 : 0
                cell.talkTimeUnknown = row.talkTimeUnknown ? 1 : 0
                cell.waitHistogram[WaitHistogram.bin(row.secondsWaiting)] = 1
                cells[key, default: CallCell()].merge(cell)
            }
            for record in try CellRecord.fetchAll(db, sql: "SELECT * FROM callCell WHERE bucket >= ? AND bucket < ?", arguments: [lower, upper]) {
                cells[record.key, default: CallCell()].merge(record.cell)
            }
            return cells
        }
    }

    /// Older controllers stored whatever the trunk called the dialed number, which can be the
    /// caller's own. Every stored number that is not one of `declared` becomes `other` (cells
    /// that then share a key are merged); returns how many rows and cells changed.
    public func forgetUndeclaredNumbers(keeping declared: Set<String>) async throws -> Int {
        try await writer.write { db in
            let kept = Array(declared) + [CallCellKey.otherNumber]
            let list = kept.map { _ in "?" }.joined(separator: ", ")
            try db.execute(sql: "UPDATE call SET dialedNumber = ? WHERE dialedNumber NOT IN (\(list))",
                           arguments: StatementArguments([CallCellKey.otherNumber] + kept))
            var changed = db.changesCount
            let cells = try CellRecord.fetchAll(db, sql: "SELECT * FROM callCell WHERE dialedNumber NOT IN (\(list))", arguments: StatementArguments(kept))
            for record in cells {
                try db.execute(sql: "DELETE FROM callCell WHERE bucket = ? AND campaign = ? AND dialedNumber = ? AND language = ? AND ending = ?",
                               arguments: [record.bucket, record.campaign, record.dialedNumber, record.language, record.ending])
                var key = record.key
                key.dialedNumber = CallCellKey.otherNumber
                try CellRecord.add(key, record.cell, db)
                changed += 1
            }
            return changed
        }
    }

    /// Counts the calls the start journal holds — cut short by a crash — as `interrupted`.
    /// Called once at the start, before any call; returns how many there were.
    public func countInterruptedCalls() async throws -> Int {
        try await writer.write { db in try StartJournal.countInterrupted(db) }
    }

    /// Deletes rows and cells whose time bucket is before `cutoff`; returns how many.
    @discardableResult
    public func purge(before cutoff: Date) async throws -> Int {
        let bucket = Int64(cutoff.timeIntervalSince1970)
        return try await writer.write { db in
            try db.execute(sql: "DELETE FROM call WHERE startBucket < ?", arguments: [bucket])
            var deleted = db.changesCount
            try db.execute(sql: "DELETE FROM callCell WHERE bucket < ?", arguments: [bucket])
            deleted += db.changesCount
            try db.execute(sql: "DELETE FROM staffCell WHERE bucket < ?", arguments: [bucket])
            return deleted
        }
    }

    public func callCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM call") ?? 0 }
    }

    /// SQLite's own integrity check: "ok" when the file is sound.
    public func integrityCheck() async throws -> String {
        try await writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }

    public func callIDs() async throws -> Set<String> {
        try await writer.read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM call")) }
    }
}
