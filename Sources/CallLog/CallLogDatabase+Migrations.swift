import GRDB

/// Schema versions. A shipped migration is never edited; a change is a new one, so an old
/// database opens and upgrades in place.
extension CallLogDatabase {
    /// The newest schema this controller writes ("v9: …" is 9), for `hotline --version`.
    public static var schemaVersion: Int { migrator.migrations.count }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: calls") { db in
            try db.create(table: "call") { t in
                t.primaryKey("id", .text)
                t.column("startBucket", .integer).notNull().indexed()
                t.column("dialedNumber", .text).notNull()
                t.column("campaign", .text).notNull()
                t.column("language", .text).notNull()
                t.column("ending", .text).notNull()
                t.column("endedIn", .text).notNull()
                t.column("path", .text).notNull()
                t.column("secondsInIVR", .double).notNull()
                t.column("secondsWaiting", .double).notNull()
                t.column("secondsWithAdvocate", .double).notNull()
                t.column("planVersion", .text).notNull()
            }
        }
        migrator.registerMigration("v2: retries and choices") { db in
            try db.alter(table: "call") { t in
                t.add(column: "retries", .integer).notNull().defaults(to: 0)
                t.add(column: "choices", .text).notNull().defaults(to: "")
            }
        }
        migrator.registerMigration("v3: statistics-only cells") { db in
            try db.create(table: "callCell") { t in
                t.column("bucket", .integer).notNull()
                t.column("campaign", .text).notNull()
                t.column("dialedNumber", .text).notNull()
                t.column("language", .text).notNull()
                t.column("ending", .text).notNull()
                t.column("count", .integer).notNull()
                t.column("secondsInIVR", .double).notNull()
                t.column("secondsWaiting", .double).notNull()
                t.column("secondsWithAdvocate", .double).notNull()
                t.column("retries", .integer).notNull()
                t.column("waitHistogram", .text).notNull()
                t.primaryKey(["bucket", "campaign", "dialedNumber", "language", "ending"])
            }
        }
        migrator.registerMigration("v4: interpreter and overflow") { db in
            try db.alter(table: "call") { t in
                t.add(column: "interpreter", .boolean).notNull().defaults(to: false)
                t.add(column: "overflowed", .boolean).notNull().defaults(to: false)
            }
            try db.alter(table: "callCell") { t in
                t.add(column: "interpreted", .integer).notNull().defaults(to: 0)
                t.add(column: "overflowed", .integer).notNull().defaults(to: 0)
            }
        }
        migrator.registerMigration("v5: conversations of unknown length") { db in
            try db.alter(table: "call") { t in
                t.add(column: "talkTimeUnknown", .boolean).notNull().defaults(to: false)
            }
            try db.alter(table: "callCell") { t in
                t.add(column: "talkTimeUnknown", .integer).notNull().defaults(to: 0)
            }
        }
        migrator.registerMigration("v6: start journal") { db in
            // Calls in progress, counted per anonymous cell: what a crash would leave uncounted.
            try db.create(table: "callJournal") { t in
                t.column("bucket", .integer).notNull()
                t.column("campaign", .text).notNull()
                t.column("dialedNumber", .text).notNull()
                t.column("language", .text).notNull()
                t.column("count", .integer).notNull()
                t.primaryKey(["bucket", "campaign", "dialedNumber", "language"])
            }
        }
        migrator.registerMigration("v7: facts") { db in
            // What a report needs to read the data right, kept with the data: the time zone.
            try db.create(table: "callLogFact") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v8: privacy ledger") { db in
            // Every publication with differential privacy: the days it covers and the ε it spent.
            try db.create(table: "privacyLedger") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("publishedAt", .text).notNull()
                t.column("firstDay", .text).notNull()
                t.column("lastDay", .text).notNull()
                // The instants the period covers, [from, to): the budget is checked on these, so a
                // publication in another time zone cannot slip past a day's budget.
                t.column("fromTime", .integer).notNull()
                t.column("toTime", .integer).notNull()
                t.column("epsilon", .double).notNull()
                t.column("budgetPerDay", .double).notNull()
                t.column("grouping", .text).notNull()
            }
        }
        migrator.registerMigration("v9: staff cells") { db in
            // Per advocate (staff, by roster id) and time bucket: calls, talk, logged-in and paused time.
            try db.create(table: "staffCell") { t in
                t.column("bucket", .integer).notNull()
                t.column("advocate", .text).notNull()
                t.column("calls", .integer).notNull()
                t.column("talkSeconds", .double).notNull()
                t.column("talkTimeUnknown", .integer).notNull()
                t.column("loggedInSeconds", .double).notNull()
                t.column("pausedSeconds", .double).notNull()
                t.primaryKey(["bucket", "advocate"])
            }
        }
        migrator.registerMigration("v10: messages") { db in
            // A message a caller left, sealed in its own file named by this random id: when (the
            // hour), in which language, through which campaign, how long, and whether it has been
            // followed up. Nothing else: no call id, no number, no content.
            try db.create(table: "message") { t in
                t.primaryKey("id", .text)
                t.column("hour", .integer).notNull().indexed()
                t.column("language", .text).notNull()
                t.column("campaign", .text).notNull()
                t.column("seconds", .integer).notNull()
                t.column("state", .text).notNull()
                t.column("doneHour", .integer)
            }
        }
        return migrator
    }

    /// The migrations a report reads: a database that lacks one must be upgraded first.
    static let readByReports = ["v1: calls", "v2: retries and choices", "v3: statistics-only cells",
                                "v4: interpreter and overflow", "v5: conversations of unknown length"]

    /// The migrations of an older release, for tests that open an old database.
    static func migrate(_ writer: any DatabaseWriter, upTo version: String) throws {
        try migrator.migrate(writer, upTo: version)
    }
}
