/// The report as the columns a supervisor reads, shared by the table and the HTML page.
public enum ReportColumns {
    public static let headers = ReportFigure.fields.map(\.label)

    public static func values(_ row: MeasureRow, _ report: CallReport) -> [String] {
        ReportFigure.figures(row, in: report).map { $0.text(k: report.options.k) }
    }
}

/// Plain-text table for a terminal.
public enum ReportTableRenderer {
    public static func render(_ report: CallReport) -> String {
        let options = report.options
        let d = report.disclosure
        var rows = report.rows.map { [$0.label] + ReportColumns.values(.group($0.label), report) }
        rows.append(["total"] + ReportColumns.values(.total, report))
        let header = [options.grouping?.rawValue ?? ""] + ReportColumns.headers
        // A few groups (languages, campaigns, outcomes): one line per measure, one column per
        // group. Many (days, hours): one line per group, so the table grows down, not sideways.
        var lines: [[String]] = []
        if rows.count <= maximumGroupColumns {
            for (i, name) in header.enumerated() { lines.append([name] + rows.map { $0[i] }) }
        } else {
            lines = [header] + rows
        }
        let widths = (0..<(lines.first?.count ?? 0)).map { column in lines.map { $0[column].count }.max() ?? 0 }
        var out = "Hotline calls \(period(report)) (\(options.timeZone.identifier))\n\n"
        for line in lines {
            out += line.enumerated().map { $0.offset == 0 ? pad($0.element, widths[0], left: true) : pad($0.element, widths[$0.offset], left: false) }.joined(separator: "  ") + "\n"
        }
        out += "\nlanguage mix: " + (report.languageMix.isEmpty ? "none" : report.languageMix.map { "\($0.language) \(d.text(.language($0.language), $0.offered))" }.joined(separator: ", "))
        out += "\nbusiest hours: " + (report.busiestHours.isEmpty ? "none" : report.busiestHours.map { String(format: "%02d:00", $0.hour) + " \($0.offered)" }.joined(separator: ", "))
        let answered = report.answeredWaitSummary, abandoned = report.abandonedWaitSummary
        out += "\nwaits before an answer: median \(answered.text(percentile: answered.median)), 90th percentile \(answered.text(percentile: answered.ninetieth)), longest \(answered.longestText)"
        out += "\nwaits before hanging up in the queue: median \(abandoned.text(percentile: abandoned.median)), 90th percentile \(abandoned.text(percentile: abandoned.ninetieth)), longest \(abandoned.longestText)"
        if !report.advocates.isEmpty {
            out += "\n\nadvocates (staff):"
            for advocate in report.advocates {
                let figures = zip(StaffFigures.fields, StaffFigures.figures(advocate, in: report)).map { "\($0.0.label) \($0.1.text(k: options.k))" }
                out += "\n  \(advocate.advocate): " + figures.joined(separator: ", ")
            }
        }
        if let previous = report.previous {
            out += "\n\nprevious period \(period(previous.from, previous.to, report.options.timeZone)):"
            let now = ReportFigure.figures(.total, in: report)
            for i in ReportFigure.headline {
                let change = PeriodComparison.change(now[i], from: previous.figures[i]).map { ", \($0)" } ?? ""
                out += "\n  \(ReportFigure.fields[i].label): \(previous.figures[i].text(k: options.k)) (now \(now[i].text(k: options.k))\(change))"
            }
        }
        out += "\n\n" + report.definitions.map { "• \($0)" }.joined(separator: "\n") + "\n"
        return out
    }

    /// The most groups (with the total) shown as columns.
    public static let maximumGroupColumns = 8

    static func period(_ report: CallReport) -> String {
        let format = Date.ISO8601FormatStyle(timeZone: report.options.timeZone).year().month().day()
        let from = (report.options.from ?? report.firstBucket).map { $0.formatted(format) } ?? "…"
        // `options.to` is the end of the period, exclusive: the title names the last day in it.
        let to = (report.options.to.map { $0.addingTimeInterval(-1) } ?? report.lastBucket).map { $0.formatted(format) } ?? "…"
        return "from \(from) to \(to)"
    }

    /// "from 2026-10-02 to 2026-10-31" for a period whose end is exclusive.
    static func period(_ from: Date, _ to: Date, _ zone: TimeZone) -> String {
        let format = Date.ISO8601FormatStyle(timeZone: zone).year().month().day()
        return "from \(from.formatted(format)) to \(to.addingTimeInterval(-1).formatted(format))"
    }

    static func pad(_ text: String, _ width: Int, left: Bool) -> String {
        let space = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + space : space + text
    }
}

import Foundation
