import CallEngine
import CallReports
import Dialplan
import Foundation

/// Calls with known answers: every measure below is worked out by hand in the tests.
enum ReportFixture {
    /// Monday 2026-11-30 15:00 UTC = 10:00 in New York.
    static let monday = Date(timeIntervalSince1970: 1_796_050_800)

    static func outcome(_ ending: CallEnding, wait: Double = 0, talk: Double = 0, language: String = "en",
                        at start: Date = monday, campaign: String = "main") -> CallOutcome {
        CallOutcome(callID: UUID().uuidString, startedAt: start, dialedNumber: "8883737888", campaign: campaign, language: language,
                    ending: ending, endedIn: "x", path: ["x"], choices: [], secondsInIVR: 30, secondsWaiting: wait,
                    secondsWithAdvocate: talk, retries: 0, planVersion: "t")
    }

    /// 10 answered (waits 3 8 12 25 29 31 45 60 100 200; talk 100 s … 1000 s), 4 abandoned in the
    /// queue (waits 2 4 40 90), 6 abandoned in the IVR, 5 after hours, 3 messages in Spanish.
    static var outcomes: [CallOutcome] {
        let waits: [Double] = [3, 8, 12, 25, 29, 31, 45, 60, 100, 200]
        var all = waits.enumerated().map { outcome(.advocate, wait: $0.element, talk: Double($0.offset + 1) * 100) }
        all += [2, 4, 40, 90].map { outcome(.abandonedInQueue, wait: $0) }
        all += (0..<6).map { _ in outcome(.abandonedInIVR) }
        all += (0..<5).map { _ in outcome(.afterHours, at: monday.addingTimeInterval(11 * 3600)) }
        all += (0..<3).map { _ in outcome(.message, language: "es") }
        return all
    }

    static func cells(_ outcomes: [CallOutcome] = outcomes, granularity: Int64 = 3600) -> [CallCellKey: CallCell] {
        var cells: [CallCellKey: CallCell] = [:]
        for outcome in outcomes { cells[CallCellKey(outcome, granularity: granularity), default: CallCell()].add(outcome) }
        return cells
    }

    static func options(k: Int = 1, formula: ReportOptions.ServiceLevelFormula = .answered, grouping: ReportOptions.Grouping? = nil) -> ReportOptions {
        var options = ReportOptions()
        options.k = k
        options.serviceLevelFormula = formula
        options.grouping = grouping
        options.timeZone = TimeZone(identifier: "America/New_York")!
        return options
    }
}
