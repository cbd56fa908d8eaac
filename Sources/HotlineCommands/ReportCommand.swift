import ArgumentParser
import CallLog
import CallReports
import Foundation

/// `hotline report`: the measures a hotline publishes, from the call log, small counts hidden.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report call statistics from the call log (volume, answered, abandonment, ASA, service level, AHT, languages).",
        discussion: "Counts below --k are shown as <k, and so are rates built on them. The report states its formulas."
    )

    @Option(name: .long, help: "The call-log database.")
    var database: String = "var/calllog.sqlite"

    @Option(name: .long, help: "First day, YYYY-MM-DD (local).")
    var from: String?

    @Option(name: .long, help: "Last day, YYYY-MM-DD (local, included).")
    var to: String?

    @Option(name: .long, help: "Group rows by day, hour (of the day), interval (of the day, see --interval), language, campaign or outcome.")
    var by: String?

    @Option(name: .long, help: "Minutes of an interval of --by interval: 15, 30 or 60 (needs a call log kept that finely: serve --granularity).")
    var interval: Int = 15

    @Option(name: .long, help: "table, csv, json or html.")
    var format: String = "table"

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Hide counts below k.")
    var k: Int = 5

    @Option(name: .long, help: "Service-level threshold in seconds (a wait-histogram edge: 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600).")
    var serviceLevel: Double = 30

    @Option(name: .long, help: "answered (answered within T ÷ answered) or asterisk (counts abandons within T).")
    var serviceLevelFormula: String = "answered"

    @Option(name: .long, help: "Abandons shorter than this many seconds are left out of the abandonment rate.")
    var shortAbandon: Double = 5

    @Option(name: .long, help: "Time zone for days and hours (default: the one hotline serve stored with the data, else --plan's).")
    var timeZone: String?

    @Option(name: .long, help: "For a call log from before the time zone was stored with it: the plan whose time zone is the default; with --publish --by language|campaign, the plan whose languages and campaigns are the groups.")
    var plan: String = "Dialplans/hotline.yaml"

    @Flag(name: .long, help: "Publish with differential privacy: noisy counts instead of hidden ones (needs --epsilon, --from, --to, and write access to record the spend).")
    var publish = false

    @Option(name: .long, help: "With --publish: the privacy loss this publication spends on each day it covers (smaller is more private and noisier).")
    var epsilon: Double?

    @Option(name: .long, help: "With --publish: the most ε all publications together may spend on any one day.")
    var budgetPerDay: Double = 1.0

    @Flag(name: .long, help: "List the publications made with --publish and the privacy budget they spent.")
    var privacyLedger = false

    func run() async throws {
        var options = ReportOptions()
        options.k = k
        options.serviceLevelSeconds = serviceLevel
        options.shortAbandonSeconds = shortAbandon
        guard let formula = ReportOptions.ServiceLevelFormula(rawValue: serviceLevelFormula) else {
            throw ValidationError("--service-level-formula '\(serviceLevelFormula)': use answered or asterisk")
        }
        options.serviceLevelFormula = formula
        if let by {
            guard let grouping = ReportOptions.Grouping(rawValue: by) else {
                throw ValidationError("--by '\(by)': use day, hour, interval, language, campaign or outcome")
            }
            options.grouping = grouping
        }
        guard FileManager.default.fileExists(atPath: database) else {
            throw ValidationError("--database '\(database)': no call log there yet (hotline serve writes it)")
        }
        if privacyLedger { return try await printLedger() }
        // Read-only: an analyst who may read the log, and not write it, can report.
        let store = try CallLogDatabase.openForReading(path: database)
        options.timeZone = try await resolvedTimeZone(stored: try await store.storedTimeZone())
        options.intervalMinutes = interval
        do { try options.validate() } catch { throw ValidationError("\(error)") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = options.timeZone
        options.from = try from.map { try Self.day($0, "--from", calendar) }
        options.to = try to.map { try Self.day($0, "--to", calendar) }.flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
        if let first = options.from, let end = options.to, first >= end, let from, let to {
            throw ValidationError("--from \(from) is after --to \(to): give the first day first (both days are included)")
        }
        if options.grouping == .interval {
            // Intervals finer than the stored start times would put every call at the hour's start.
            let granularity = try await store.storedGranularity() ?? 3600
            // Buckets start on whole multiples of the granularity in UTC: in a zone whose offset is
            // not one (Asia/Kolkata, +5:30, with hourly buckets) they would straddle the intervals.
            let offset = Int64(options.timeZone.secondsFromGMT(for: options.from ?? Date()))
            guard offset % granularity == 0 else {
                throw ValidationError("--by interval: the call log keeps start times to \(granularity / 60) minutes from the hour in UTC, and \(options.timeZone.identifier) is \(offset / 60) minutes from UTC; "
                    + "its intervals would each hold parts of two; keep a finer log (serve --granularity 900)")
            }
            guard Int64(interval * 60) % granularity == 0 else {
                throw ValidationError("--by interval --interval \(interval): the call log keeps start times to \(granularity / 60) minutes (serve --granularity \(granularity)); "
                    + "give --interval \(ReportOptions.intervals.first { Int64($0 * 60) % granularity == 0 }.map(String.init) ?? "60") or more, or keep a finer log (serve --granularity 900)")
            }
        }
        if publish { return try await publish(options, calendar: calendar) }
        var report = ReportBuilder.build(try await store.cells(from: options.from, to: options.to), options: options,
                                         staff: try await store.staffActivity(from: options.from, to: options.to))
        if let first = options.from, let end = options.to, let days = calendar.dateComponents([.day], from: first, to: end).day,
           let start = calendar.date(byAdding: .day, value: -days, to: first) {
            report.previous = PeriodComparison.previous(try await store.cells(from: start, to: first), options: options, from: start, to: first)
        }
        if let count = report.disclosure.unprotected.first {
            let more = report.disclosure.unprotected.count > 1 ? " and \(report.disclosure.unprotected.count - 1) more" : ""
            throw ValidationError("this report cannot hide its small counts so that none can be worked out from the rest (\(count)\(more)): "
                + "report a longer period, group less finely (--by), or publish with --publish")
        }
        let text: String
        switch format {
        case "table": text = ReportTableRenderer.render(report)
        case "csv": text = ReportCSVRenderer.render(report)
        case "json": text = ReportJSONRenderer.render(report)
        case "html": text = ReportHTMLRenderer.render(report)
        default: throw ValidationError("--format '\(format)': use table, csv, json or html")
        }
        try write(text)
    }

    func write(_ text: String) throws {
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
            print("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
    }

    /// `--time-zone`, else the zone `serve` stored with the data (so the report reads the same
    /// wherever it runs), else the plan's (a log from before the zone was stored), else UTC.
    func resolvedTimeZone(stored: TimeZone?) async throws -> TimeZone {
        if let timeZone {
            guard let zone = TimeZone(identifier: timeZone) else { throw ValidationError("--time-zone '\(timeZone)': not an IANA time zone") }
            return zone
        }
        if let stored { return stored }
        let files = try? PlanFiles(planPath: plan, options: PlanOptions.parse(["--no-prompts"]))
        return files?.compilation.plan?.timeZone ?? TimeZone(identifier: "UTC")!
    }

    static func day(_ text: String, _ option: String, _ calendar: Calendar) throws -> Date {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
            throw ValidationError("\(option) '\(text)': write a day as YYYY-MM-DD")
        }
        return date
    }
}
