import ArgumentParser
import CallLog
import Foundation

/// `hotline purge`: delete calls older than the retention period now (serve also does it hourly).
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Delete call-log rows and statistics older than a number of days."
    )

    @Option(name: .long, help: "The call-log database.")
    var database: String = "var/calllog.sqlite"

    @Option(name: .long, help: "Delete what is older than this many days.")
    var olderThanDays: Int

    func run() async throws {
        guard olderThanDays >= 0 else { throw ValidationError("--older-than-days must be 0 or more") }
        guard FileManager.default.fileExists(atPath: database) else {
            throw ValidationError("--database '\(database)': no call log there")
        }
        let store = try CallLogDatabase(path: database)
        let deleted = try await store.purge(before: Date().addingTimeInterval(-Double(olderThanDays) * 86_400))
        print("deleted \(deleted) rows older than \(olderThanDays) days from \(database)")
    }
}
