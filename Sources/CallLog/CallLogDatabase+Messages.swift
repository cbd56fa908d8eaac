import Foundation
import GRDB

/// The messages' metadata in the call log (the sealed files live beside it, `MessageVault`).
extension CallLogDatabase {
    public func recordMessage(_ message: MessageRecord) async throws {
        try await writer.write { db in
            try db.execute(sql: "INSERT INTO message (id, hour, language, campaign, seconds, state, doneHour) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [message.id, message.hour, message.language, message.campaign, message.seconds, message.state.rawValue, message.doneHour])
        }
    }

    /// Every message, oldest first.
    public func messages() async throws -> [MessageRecord] {
        try await writer.read { db in
            guard try db.tableExists("message") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM message ORDER BY hour, id").map(Self.message)
        }
    }

    public func message(id: String) async throws -> MessageRecord? {
        try await writer.read { db in
            guard try db.tableExists("message") else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM message WHERE id = ?", arguments: [id]).map(Self.message)
        }
    }

    /// Marks a message followed up; false when there is no such message.
    public func markMessageDone(id: String, at date: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE message SET state = 'done', doneHour = ? WHERE id = ? AND state = 'new'", arguments: [MessageRecord.hour(of: date), id])
            if db.changesCount > 0 { return true }
            return try Bool.fetchOne(db, sql: "SELECT 1 FROM message WHERE id = ?", arguments: [id]) ?? false
        }
    }

    public func forgetMessage(id: String) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM message WHERE id = ?", arguments: [id]) }
    }

    static func message(_ row: Row) -> MessageRecord {
        MessageRecord(id: row["id"], hour: row["hour"], language: row["language"], campaign: row["campaign"], seconds: row["seconds"],
                      state: MessageRecord.State(rawValue: row["state"]) ?? .new, doneHour: row["doneHour"])
    }
}
