import CallReports
import GRDB

/// The start journal: how many calls are in progress, per anonymous cell (time bucket,
/// campaign, declared number, language — never a call id). The writer replaces it in the same
/// transaction as each batch of outcomes; a graceful stop leaves it empty. Whatever a start
/// finds in it belongs to calls a crash cut short, and is counted as `interrupted`.
enum StartJournal {
    /// Makes the journal say exactly `counts`, in the caller's transaction.
    static func replace(with counts: [CallCellKey: Int], _ db: Database) throws {
        try db.execute(sql: "DELETE FROM callJournal")
        for (key, count) in counts where count > 0 {
            try db.execute(sql: "INSERT INTO callJournal (bucket, campaign, dialedNumber, language, count) VALUES (?, ?, ?, ?, ?)",
                           arguments: [key.bucket, key.campaign, key.dialedNumber, key.language, count])
        }
    }

    /// Moves what the journal holds into statistics cells ending `interrupted`; returns how many calls.
    static func countInterrupted(_ db: Database) throws -> Int {
        var total = 0
        for row in try Row.fetchAll(db, sql: "SELECT bucket, campaign, dialedNumber, language, count FROM callJournal") {
            let count: Int = row["count"]
            let key = CallCellKey(bucket: row["bucket"], campaign: row["campaign"], dialedNumber: row["dialedNumber"],
                                  language: row["language"], ending: .interrupted)
            var cell = CallCell()
            cell.count = count
            // Nothing is known of their waits: they are not put in the wait histogram's bins.
            try CellRecord.add(key, cell, db)
            total += count
        }
        try db.execute(sql: "DELETE FROM callJournal")
        return total
    }
}
