import CallEngine
import Foundation
import GRDB

/// The staff figures in the call log: per advocate and time bucket, added to as the queue drains them.
extension CallLogDatabase {
    /// Adds `activity` to the bucket `date` falls in (cut to `granularity` seconds).
    public func recordStaffActivity(_ activity: [StaffActivity], at date: Date, granularity: Int64) async throws {
        guard !activity.isEmpty else { return }
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let bucket = seconds - ((seconds % granularity) + granularity) % granularity
        try await writer.write { db in
            for a in activity {
                try db.execute(sql: """
                    INSERT INTO staffCell (bucket, advocate, calls, talkSeconds, talkTimeUnknown, loggedInSeconds, pausedSeconds)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(bucket, advocate) DO UPDATE SET calls = calls + excluded.calls, talkSeconds = talkSeconds + excluded.talkSeconds,
                      talkTimeUnknown = talkTimeUnknown + excluded.talkTimeUnknown, loggedInSeconds = loggedInSeconds + excluded.loggedInSeconds,
                      pausedSeconds = pausedSeconds + excluded.pausedSeconds
                    """, arguments: [bucket, a.advocate, a.calls, a.talkSeconds, a.talkTimeUnknown, a.loggedInSeconds, a.pausedSeconds])
            }
        }
    }

    /// Each advocate's figures over [from, to), by roster id (none for a log from before v9).
    public func staffActivity(from: Date? = nil, to: Date? = nil) async throws -> [StaffActivity] {
        let lower = from.map { Int64($0.timeIntervalSince1970) } ?? Int64.min
        let upper = to.map { Int64($0.timeIntervalSince1970) } ?? Int64.max
        return try await writer.read { db in
            guard try db.tableExists("staffCell") else { return [] }
            let rows = try Row.fetchAll(db, sql: """
                SELECT advocate, SUM(calls) AS calls, SUM(talkSeconds) AS talk, SUM(talkTimeUnknown) AS unknown,
                  SUM(loggedInSeconds) AS loggedIn, SUM(pausedSeconds) AS paused
                FROM staffCell WHERE bucket >= ? AND bucket < ? GROUP BY advocate ORDER BY advocate
                """, arguments: [lower, upper])
            return rows.map { row in
                StaffActivity(advocate: row["advocate"], calls: row["calls"], talkSeconds: row["talk"], talkTimeUnknown: row["unknown"],
                              loggedInSeconds: row["loggedIn"], pausedSeconds: row["paused"])
            }
        }
    }
}
