import CallEngine
import Dialplan
import Foundation
import Logging
import NIOConcurrencyHelpers

/// A temporary folder for one test's database files.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("calllog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

enum Outcomes {
    static let start = Date(timeIntervalSince1970: 1_796_050_800 + 1234)

    static func make(_ n: Int, ending: CallEnding = .advocate, at date: Date = start, firstID: Int = 1) -> [CallOutcome] {
        (0..<n).map { i in
            CallOutcome(callID: String(format: "%016x", i + firstID), startedAt: date, dialedNumber: "8883737888", campaign: "main",
                        language: i % 3 == 0 ? "es" : "en", ending: ending, endedIn: "advocate", path: ["welcome", "main_menu", "advocate"],
                        choices: ["language=en", "option=advocate"], secondsInIVR: 40, secondsWaiting: Double(i % 120),
                        secondsWithAdvocate: 300, retries: i % 2, planVersion: "t1")
        }
    }
}
