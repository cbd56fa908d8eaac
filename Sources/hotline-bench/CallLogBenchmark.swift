import CallEngine
import CallLog
import Dialplan
import Foundation
import Logging

/// Sustained call-log throughput: outcomes recorded as the server records them (an append
/// under a lock), flushed in batches to a WAL database, until all are on disk.
enum CallLogBenchmark {
    static let path = ["welcome", "choose_language", "confidentiality_notice", "check_hours", "main_menu", "advocate"]

    static func outcome(_ i: Int, start: Date) -> CallOutcome {
        let began = start.addingTimeInterval(Double(i % 720) * 3600)
        let ending: CallEnding = i % 5 == 0 ? .abandonedInQueue : .advocate
        return CallOutcome(callID: String(format: "%016x", i), startedAt: began, dialedNumber: "8883737888", campaign: "main",
                           language: i % 3 == 0 ? "es" : "en", ending: ending, endedIn: "advocate", path: path,
                           choices: ["language=en", "option=advocate"], secondsInIVR: 45, secondsWaiting: Double(i % 300),
                           secondsWithAdvocate: 600, retries: 0, planVersion: "bench")
    }

    static func run(calls: Int) async {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("calllog.sqlite").path
        for mode in CallLogSettings.Mode.allCases {
            var settings = CallLogSettings()
            settings.mode = mode
            let writer = CallLogWriter(path: path + mode.rawValue, settings: settings, logger: Logger(label: "bench"))
            let start = Date(timeIntervalSince1970: 1_796_050_800)
            let outcomes = (0..<calls).map { outcome($0, start: start) }
            let clock = ContinuousClock()
            let began = clock.now
            var written = 0
            // Record in chunks the size of one second of a very busy hotline, flush after each.
            for chunk in stride(from: 0, to: outcomes.count, by: 5_000) {
                for outcome in outcomes[chunk..<min(chunk + 5_000, outcomes.count)] { writer.record(outcome) }
                written += await writer.flush()
            }
            let elapsed = clock.now - began
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("call log (\(mode.rawValue)): \(written) calls in \(String(format: "%.2f", seconds)) s = \(Int(Double(written) / seconds)) calls/s")
        }
    }
}
