import CallReports
import Dialplan
import GRDB

/// One row of `callCell`: summed statistics, with no per-call data.
struct CellRecord: Codable, FetchableRecord, Sendable {
    var bucket: Int64
    var campaign: String
    var dialedNumber: String
    var language: String
    var ending: String
    var count: Int
    var secondsInIVR: Double
    var secondsWaiting: Double
    var secondsWithAdvocate: Double
    var retries: Int
    var interpreted: Int
    var overflowed: Int
    var talkTimeUnknown: Int
    /// Comma-separated bin counts.
    var waitHistogram: String

    var key: CallCellKey {
        CallCellKey(bucket: bucket, campaign: campaign, dialedNumber: dialedNumber, language: language, ending: CallEnding(rawValue: ending) ?? .error)
    }

    var cell: CallCell {
        var cell = CallCell()
        cell.count = count
        cell.secondsInIVR = secondsInIVR
        cell.secondsWaiting = secondsWaiting
        cell.secondsWithAdvocate = secondsWithAdvocate
        cell.retries = retries
        cell.interpreted = interpreted
        cell.overflowed = overflowed
        cell.talkTimeUnknown = talkTimeUnknown
        let bins = waitHistogram.split(separator: ",").map { Int($0) ?? 0 }
        for (i, value) in bins.enumerated() where i < cell.waitHistogram.count { cell.waitHistogram[i] = value }
        return cell
    }

    /// Adds a cell to the stored one (or stores it), in the caller's transaction.
    static func add(_ key: CallCellKey, _ cell: CallCell, _ db: Database) throws {
        let existing = try CellRecord.fetchOne(db, sql: """
            SELECT * FROM callCell WHERE bucket = ? AND campaign = ? AND dialedNumber = ? AND language = ? AND ending = ?
            """, arguments: [key.bucket, key.campaign, key.dialedNumber, key.language, key.ending.rawValue])
        var total = existing?.cell ?? CallCell()
        total.merge(cell)
        try db.execute(sql: """
            INSERT OR REPLACE INTO callCell (bucket, campaign, dialedNumber, language, ending, count, secondsInIVR, secondsWaiting, secondsWithAdvocate, retries, interpreted, overflowed, talkTimeUnknown, waitHistogram)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [key.bucket, key.campaign, key.dialedNumber, key.language, key.ending.rawValue, total.count, total.secondsInIVR,
                             total.secondsWaiting, total.secondsWithAdvocate, total.retries, total.interpreted, total.overflowed, total.talkTimeUnknown,
                             total.waitHistogram.map(String.init).joined(separator: ",")])
    }
}
