#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport
import Testing

/// The call log and reports as an operator and an analyst use them, through the real binary.
@Suite(.timeLimit(.minutes(3))) struct CallLogCommandTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("calllog-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func hotline(_ arguments: [String]) async throws -> ProcessRun {
        try await ProcessRun.run(try CommandLineTests.hotline(), arguments)
    }

    /// A writer killed with SIGKILL mid-stream: the file is sound and holds every call the
    /// writer had reported committed (at most one unreported batch more).
    @Test func sigkillMidWriteLosesAtMostTheWindow() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("crash.sqlite").path
        let process = Process()
        process.executableURL = try CommandLineTests.hotline()
        process.arguments = ["generate-calls", "--database", database, "--calls", "2000000", "--progress", "--days", "30"]
        process.currentDirectoryURL = ProcessRun.root
        let pipe = Pipe()
        process.standardOutput = pipe
        try SerialLaunch.run(process)
        var buffer = Data()
        var committed = 0
        while committed < 20_000 {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            committed = Self.lastCommitted(buffer)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        buffer += pipe.fileHandleForReading.readDataToEndOfFile()
        committed = Self.lastCommitted(buffer)
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(committed >= 20_000)

        let check = try await hotline(["report", "--database", database, "--format", "json", "--k", "1", "--time-zone", "UTC"])
        #expect(check.status == 0, "\(check.output)")
        let json = try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: Any]
        let offered = try #require((json?["total"] as? [String: Any])?["offered"] as? Int)
        #expect(offered >= committed)
        #expect(offered <= committed + 500)
        let integrity = try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", database])
        #expect(integrity.output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    static func lastCommitted(_ data: Data) -> Int {
        String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line -> Int? in
            line.hasPrefix("committed ") ? Int(line.dropFirst(10)) : nil
        }.last ?? 0
    }

    @Test func aMonthOfCallsReportsInEveryFormat() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("month.sqlite").path
        let generated = try await hotline(["generate-calls", "--database", database, "--days", "30", "--calls-per-day", "200", "--end", "2026-11-28"])
        #expect(generated.status == 0, "\(generated.output)")
        #expect(generated.output.contains("wrote 6000 synthetic calls"))

        let table = try await hotline(["report", "--database", database, "--by", "language"])
        #expect(table.status == 0)
        #expect(table.output.contains("Hotline calls from 2026-10-30 to 2026-11-28 (America/New_York)"))
        #expect(table.output.contains("service level = answered in less than 30 s ÷ answered"))

        let csv = try await hotline(["report", "--database", database, "--by", "day", "--format", "csv", "--from", "2026-11-01", "--to", "2026-11-07"])
        #expect(csv.lines.count == 10)   // header, 7 days, total, the week before
        #expect(csv.lines.last?.hasPrefix("previous period from 2026-10-25 to 2026-10-31,") == true)
        #expect(csv.lines.first?.hasPrefix("day,offered,answered") == true)

        let html = dir.appendingPathComponent("report.html").path
        let written = try await hotline(["report", "--database", database, "--by", "hour", "--format", "html", "--output", html, "--service-level-formula", "asterisk"])
        #expect(written.status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg"))
        #expect(page.contains("Asterisk's formula"))

        let purge = try await hotline(["purge", "--database", database, "--older-than-days", "0"])
        #expect(purge.output.contains("deleted 6000 rows"))
    }

    /// Issue 12, items 2, 3 and 5: the title names the last day asked for, a reversed range is
    /// an error, an analyst with read access only can report, and the time zone travels with the
    /// data (the report reads the same from any folder).
    @Test func reportsReadOnlyInTheStoredZoneWithTheRightDates() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("month.sqlite").path
        _ = try await hotline(["generate-calls", "--database", database, "--days", "30", "--calls-per-day", "50", "--end", "2026-11-30"])
        let month = try await hotline(["report", "--database", database, "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(month.output.contains("Hotline calls from 2026-11-01 to 2026-11-30 (America/New_York)"), "\(month.output)")
        let reversed = try await hotline(["report", "--database", database, "--from", "2026-11-30", "--to", "2026-11-01"])
        #expect(reversed.status != 0)
        #expect(reversed.output.contains("--from 2026-11-30 is after --to 2026-11-01"), "\(reversed.output)")

        // Somebody else, who may read the folder and the file and write neither, from another folder.
        let (copy, run) = try readOnlyCopy(of: database)
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let (status, output) = try await run(["report", "--database", copy.path, "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("Hotline calls from 2026-11-01 to 2026-11-30 (America/New_York)"), "\(output)")
        #expect(output == month.output, "the same report wherever and by whomever it is run")
        #expect(!FileManager.default.fileExists(atPath: copy.path + "-wal"))
        // Publishing records its spend: without write access it is refused, and says why.
        let (published, refusal) = try await run(["report", "--database", copy.path, "--publish", "--epsilon", "0.5", "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(published != 0)
        #expect(refusal.contains("run it with write access to \(copy.path)"), "\(refusal)")
    }

    /// A copy of `database` in a folder that user `nobody` may read and not write, and a way to
    /// run the binary as `nobody` from `/`.
    func readOnlyCopy(of database: String) throws -> (URL, @Sendable ([String]) async throws -> (Int32, String)) {
        let shared = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-readonly-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let binary = shared.appendingPathComponent("hotline")
        try FileManager.default.copyItem(at: try CommandLineTests.hotline(), to: binary)
        let copy = shared.appendingPathComponent("log.sqlite")
        try FileManager.default.copyItem(atPath: database, toPath: copy.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shared.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: copy.path)
        return (copy, { arguments in
            // From /, as nobody: another folder, another user.
            let run = try await ProcessRun.run(URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "nobody", "--", binary.path] + arguments, in: URL(fileURLWithPath: "/"))
            return (run.status, run.output)
        })
    }

    /// Issue 12: a publication with differential privacy spends its budget; publishing the same
    /// month again to average the noise away is refused once the budget is spent.
    @Test func publishingSpendsTheBudgetAndRefusesToAverageTheNoiseAway() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("month.sqlite").path
        _ = try await hotline(["generate-calls", "--database", database, "--days", "30", "--calls-per-day", "20", "--end", "2026-11-30"])
        let month = ["report", "--database", database, "--publish", "--from", "2026-11-01", "--to", "2026-11-30"]
        let first = try await hotline(month + ["--epsilon", "0.5", "--by", "language", "--format", "json"])
        #expect(first.status == 0, "\(first.output)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        let groups = try #require(document["groups"] as? [[String: Any]])
        // The plan's languages, with calls or not, and other.
        #expect(groups.compactMap { $0["label"] as? String } == ["en", "es", "vi", "zh", "other"])
        #expect((document["differentialPrivacy"] as? [String: Any])?["epsilon"] as? Double == 0.5)
        #expect(try await hotline(month + ["--epsilon", "0.5"]).status == 0)
        let third = try await hotline(month + ["--epsilon", "0.5"])
        #expect(third.status != 0)
        #expect(third.output.contains("the privacy budget of 2026-11-01 would be overspent: its publications used ε = 1 of 1"), "\(third.output)")
        // A later week is its own budget.
        #expect(try await hotline(["report", "--database", database, "--publish", "--epsilon", "1", "--from", "2026-12-01", "--to", "2026-12-07"]).status == 0)
        let ledger = try await hotline(["report", "--database", database, "--privacy-ledger"])
        #expect(ledger.output.split(separator: "\n").count == 4, "\(ledger.output)")
        #expect(ledger.output.contains("2026-11-01 to 2026-11-30") && ledger.output.contains("language"))
        #expect(try await hotline(month).output.contains("--publish needs --epsilon"))
        #expect(try await hotline(["report", "--database", database, "--publish", "--epsilon", "0.5"]).output.contains("--publish needs --from and --to"))
        #expect(try await hotline(month + ["--epsilon", "0"]).output.contains("give a number above 0"))
        #expect(try await hotline(month + ["--epsilon", "0.1", "--format", "html"]).output.contains("use table, csv or json"))
        #expect(try await hotline(["report", "--database", database, "--k", "2"]).output.contains("k 2 would print <2 for exactly one call"))
    }

    /// Issue 12, item 8: 15- and 30-minute intervals of the day, from a log kept that finely,
    /// and a clear refusal from one kept to the hour.
    @Test func intervalsNeedALogKeptThatFinely() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fine = dir.appendingPathComponent("fine.sqlite").path, hourly = dir.appendingPathComponent("hourly.sqlite").path
        _ = try await hotline(["generate-calls", "--database", fine, "--days", "7", "--calls-per-day", "100", "--granularity", "900", "--end", "2026-11-30"])
        _ = try await hotline(["generate-calls", "--database", hourly, "--days", "7", "--calls-per-day", "100", "--end", "2026-11-30"])
        let quarters = try await hotline(["report", "--database", fine, "--by", "interval", "--format", "csv"])
        let labels = quarters.output.split(separator: "\n").dropFirst().map { $0.prefix(5) }
        #expect(labels.contains("10:15") && labels.contains("10:45") && labels.last == "total", "\(quarters.output)")
        let halves = try await hotline(["report", "--database", fine, "--by", "interval", "--interval", "30", "--format", "csv"])
        #expect(halves.output.contains("\n10:30,") && !halves.output.contains("\n10:15,"))
        let refused = try await hotline(["report", "--database", hourly, "--by", "interval"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("the call log keeps start times to 60 minutes (serve --granularity 3600); give --interval 60 or more"), "\(refused.output)")
        #expect(try await hotline(["report", "--database", hourly, "--by", "interval", "--interval", "60"]).status == 0)
        #expect(try await hotline(["report", "--database", hourly, "--by", "interval", "--interval", "20"]).output.contains("must be 15, 30 or 60 minutes"))
        // Hourly buckets fall at :30 in India: an hour of the day there holds parts of two.
        let kolkata = try await hotline(["report", "--database", hourly, "--by", "interval", "--interval", "60", "--time-zone", "Asia/Kolkata"])
        #expect(kolkata.status != 0 && kolkata.output.contains("Asia/Kolkata is 330 minutes from UTC"), "\(kolkata.output)")
        #expect(try await hotline(["report", "--database", fine, "--by", "interval", "--interval", "30", "--time-zone", "Asia/Kolkata"]).status == 0)
    }

    @Test func badReportOptionsAreClearErrors() async throws {
        #expect(try await hotline(["report", "--database", "/nonexistent/x.sqlite"]).output.contains("no call log there yet"))
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("x.sqlite").path
        _ = try await hotline(["generate-calls", "--database", database, "--calls", "10"])
        #expect(try await hotline(["report", "--database", database, "--service-level", "25"]).output.contains("must be one of 5, 10, 15, 20, 30"))
        #expect(try await hotline(["report", "--database", database, "--by", "week"]).output.contains("use day, hour, interval, language, campaign or outcome"))
        #expect(try await hotline(["report", "--database", database, "--format", "pdf"]).output.contains("use table, csv, json or html"))
        #expect(try await hotline(["report", "--database", database, "--from", "last monday"]).output.contains("write a day as YYYY-MM-DD"))
    }
}
