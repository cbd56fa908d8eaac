import CallLog
import CallReports
import CallRuntime
import Foundation
import StaffConsole

/// Today's figures for the console's wallboard: today's cells of the call log (in the plan's
/// time zone) built as a report, so the same k rules and complementary suppression hide what
/// any report would. A report the suppression cannot protect shows nothing.
enum TodayReport {
    static let shown = ["offered", "answered", "abandoned in queue", "service level", "ASA"]

    static func figures(database: CallLogDatabase, plans: PlanStore) -> TodayFigures {
        TodayFigures {
            var options = ReportOptions()
            options.timeZone = plans.current.timeZone
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = options.timeZone
            let start = calendar.startOfDay(for: Date())
            options.from = start
            options.to = calendar.date(byAdding: .day, value: 1, to: start)
            guard let cells = try? await database.cells(from: options.from, to: options.to) else { return [] }
            let report = ReportBuilder.build(cells, options: options)
            guard report.disclosure.unprotected.isEmpty else { return [TodayFigures.Figure(label: "today", text: "hidden")] }
            let figures = ReportFigure.figures(.total, in: report)
            return shown.compactMap { label in
                ReportFigure.fields.firstIndex { $0.label == label }.map { TodayFigures.Figure(label: label, text: figures[$0].text(k: options.k)) }
            }
        }
    }
}
