import Foundation
import GRDB

/// Opening the call log to read it, as an analyst without write access does, and the facts
/// stored with the data.
extension CallLogDatabase {
    /// Opens the database read-only: nothing is created, migrated or written. When no process
    /// has it open (no `-shm` file beside it) and the folder is not writable, SQLite cannot open
    /// a WAL database read-only; it is then opened as immutable, which is exact because nobody is
    /// writing it.
    public static func openForReading(path: String) throws -> CallLogDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw OpenError(description: "\(path): error: no call log there yet (hotline serve writes it)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        var queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
        } catch {
            guard !FileManager.default.fileExists(atPath: path + "-shm") else { throw OpenError(description: unusable(path, error)) }
            do {
                let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
                queue = try DatabaseQueue(path: "file:\(absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute)?immutable=1", configuration: configuration)
                _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            } catch {
                throw OpenError(description: unusable(path, error))
            }
        }
        try checkUsable(queue, path: path, verify: false)
        let applied = try queue.read { db in try migrator.appliedIdentifiers(db) }
        let missing = readByReports.filter { !applied.contains($0) }
        guard missing.isEmpty else {
            throw OpenError(description: "\(path): error: the call log was written by an older controller (it lacks \(missing.joined(separator: ", "))); "
                + "start `hotline serve` on it once (or run `hotline purge` with write access) to upgrade it, then report again")
        }
        return CallLogDatabase(writer: queue, path: path)
    }

    /// Stores the time zone the plan reads times in, so reports read them the same way.
    public func recordTimeZone(_ zone: TimeZone) async throws {
        try await writer.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO callLogFact (name, value) VALUES ('timeZone', ?)", arguments: [zone.identifier])
        }
    }

    /// Stores the granularity start times are cut to: the coarsest ever used, since the data
    /// written with it stays (a report of 15-minute intervals needs all of it to be finer).
    public func recordGranularity(_ seconds: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO callLogFact (name, value) VALUES ('granularitySeconds', ?)
                ON CONFLICT(name) DO UPDATE SET value = MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))
                """, arguments: [String(seconds)])
        }
    }

    /// The coarsest granularity stored, if any (nil for a log from before it was stored).
    public func storedGranularity() async throws -> Int64? {
        try await writer.read { db in
            guard try db.tableExists("callLogFact") else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM callLogFact WHERE name = 'granularitySeconds'").flatMap { Int64($0) }
        }
    }

    /// The time zone `serve` last stored, if any (nil for a log from before it was stored).
    public func storedTimeZone() async throws -> TimeZone? {
        try await writer.read { db in
            guard try db.tableExists("callLogFact"),
                  let name = try String.fetchOne(db, sql: "SELECT value FROM callLogFact WHERE name = 'timeZone'") else { return nil }
            return TimeZone(identifier: name)
        }
    }
}
