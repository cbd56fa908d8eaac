import ArgumentParser
import CallLog
import Dialplan
import Foundation
import MessageVault

extension MessagesCommand {
    /// `hotline messages purge`: followed-up messages after `--done-days`, and every message
    /// older than the plan's `messages: {retention_days}`, whatever its state.
    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete followed-up messages after --done-days, and any message older than the plan's retention_days.",
            discussion: "Run it daily (cron, or a systemd timer: deploy/README.md). The sealed file goes first, then its row."
        )
        @Option(name: .long, help: "Days a followed-up message is kept after it was marked done.") var doneDays: Int = 7
        @Option(name: .long, help: "The plan whose messages: {retention_days} bounds every message.") var plan: String = "Dialplans/hotline.yaml"
        @Flag(name: .long, help: "Only say what would be deleted.") var dryRun = false
        @OptionGroup var place: Where

        func run() async throws {
            guard (0...365).contains(doneDays) else { throw ValidationError("--done-days \(doneDays): give 0 to 365") }
            let compiled = try PlanFiles(planPath: plan, options: PlanOptions.parse(["--no-prompts"])).compilation
            guard let retention = compiled.plan?.messageRetentionDays else {
                for diagnostic in compiled.diagnostics { print(diagnostic) }
                throw ValidationError("\(plan): has errors; purge reads its messages: {retention_days}")
            }
            let database = try place.open()
            let now = Date()
            let doneBefore = MessageRecord.hour(of: now.addingTimeInterval(-Double(doneDays) * 86_400))
            let keptAfter = MessageRecord.hour(of: now.addingTimeInterval(-Double(retention) * 86_400))
            var purged = 0
            for message in try await database.messages() {
                let followedUp = message.state == .done && (message.doneHour ?? message.hour) <= doneBefore
                let tooOld = message.hour < keptAfter
                guard followedUp || tooOld else { continue }
                print("\(dryRun ? "would delete" : "deleted") \(message.id) (\(tooOld ? "older than \(retention) days" : "followed up \(doneDays)+ days ago"))")
                purged += 1
                guard !dryRun else { continue }
                place.store.remove(message.id)
                try await database.forgetMessage(id: message.id)
            }
            if !dryRun { place.audit("message-purge", "\(purged) deleted") }
            print("\(dryRun ? "would delete" : "deleted") \(purged) messages; kept at most \(retention) days (\(plan)), \(doneDays) days after follow-up")
        }
    }
}
