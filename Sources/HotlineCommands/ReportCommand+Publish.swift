import ArgumentParser
import CallLog
import CallReports
import Foundation

/// `hotline report --publish`: figures with differential privacy, their spend in the ledger.
extension ReportCommand {
    func publish(_ options: ReportOptions, calendar: Calendar) async throws {
        guard let epsilon else { throw ValidationError("--publish needs --epsilon, the privacy loss to spend (0.1 … 1 is usual; smaller is noisier)") }
        guard epsilon.isFinite, epsilon > 0 else { throw ValidationError("--epsilon \(epsilon): give a number above 0") }
        guard budgetPerDay.isFinite, budgetPerDay > 0 else { throw ValidationError("--budget-per-day \(budgetPerDay): give a number above 0") }
        guard let first = options.from, let end = options.to, let from, let to else {
            throw ValidationError("--publish needs --from and --to: a period taken from the data (its first and last call) would itself tell when someone called")
        }
        guard ["table", "csv", "json"].contains(format) else { throw ValidationError("--format '\(format)' with --publish: use table, csv or json") }
        guard options.serviceLevelFormula == .answered else {
            throw ValidationError("--service-level-formula asterisk with --publish: a publication's service level is answered within the threshold ÷ answered; leave the option out")
        }
        let local = ReportBuilder.localDays(from: first, to: end, calendar)
        let days = local.map(\.name)
        guard days.count < 3_660 else { throw ValidationError("--from \(from) --to \(to): publish at most ten years at once") }
        var declared: [String] = []
        if options.grouping == .language || options.grouping == .campaign {
            // The groups must not come from the data: a language only one caller spoke would appear.
            let files = try PlanFiles(planPath: plan, options: PlanOptions.parse(["--no-prompts"]))
            guard let compiled = files.compilation.plan else {
                throw ValidationError("--publish --by \(options.grouping!.rawValue) takes its groups from the plan, and \(plan) has errors (hotline check \(plan))")
            }
            declared = options.grouping == .language ? compiled.languages : Array(Set(compiled.entries.values.map(\.campaign) + [compiled.defaultEntry.campaign]))
        }
        let store: CallLogDatabase
        do {
            store = try CallLogDatabase(path: database)
        } catch {
            throw ValidationError("\(error)\nA publication records the privacy budget it spends in the call log: run it with write access to \(database).")
        }
        let cells = try await store.cells(from: options.from, to: options.to)
        do {
            let covered = local.map { PrivacyLedger.Day(name: $0.name, start: $0.start, end: $0.end) }
            try await store.spendPrivacyBudget(days: covered, epsilon: epsilon, budgetPerDay: budgetPerDay, grouping: options.grouping?.rawValue ?? "none")
        } catch let exhausted as PrivacyLedger.Exhausted {
            throw ValidationError("--publish: \(exhausted)")
        }
        var random = SystemRandomNumberGenerator()
        let publication = Publication.publish(cells, options: options, epsilon: epsilon, firstDay: days.first!, lastDay: days.last!,
                                              groups: Publication.groups(options, days: days, declared: declared), using: &random)
        switch format {
        case "csv": try write(PublicationRenderer.csv(publication))
        case "json": try write(PublicationRenderer.json(publication))
        default: try write(PublicationRenderer.table(publication))
        }
    }

    func printLedger() async throws {
        let entries = try await CallLogDatabase.openForReading(path: database).privacyLedger()
        guard !entries.isEmpty else { return print("no publications with --publish yet") }
        print("published at                period                    epsilon  budget per day  by")
        for entry in entries {
            let period = "\(entry.firstDay) to \(entry.lastDay)"
            print("\(entry.publishedAt.padding(toLength: 26, withPad: " ", startingAt: 0))  \(period.padding(toLength: 24, withPad: " ", startingAt: 0))  "
                + "\(String(format: "%7g", entry.epsilon))  \(String(format: "%14g", entry.budgetPerDay))  \(entry.grouping)")
        }
    }
}
