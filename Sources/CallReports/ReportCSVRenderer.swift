/// One row per group plus a total, with a header. Cells are bare numbers (rates in percent,
/// averages in seconds, the unit in the header); a suppressed or undefined figure is an empty
/// cell, and the last column, `suppressed`, names the row's suppressed figures (`;`-separated),
/// so a spreadsheet never mistakes "<5" for text or a hidden count for a missing one.
public enum ReportCSVRenderer {
    public static func render(_ report: CallReport) -> String {
        let options = report.options
        let header = [options.grouping?.rawValue ?? "group"] + ReportFigure.fields.map(\.csv) + ["suppressed", "complementary"]
        var lines = [header.map(field).joined(separator: ",")]
        func line(_ label: String, _ row: MeasureRow) -> String {
            let figures = zip(ReportFigure.fields, ReportFigure.figures(row, in: report))
            let suppressed = figures.filter(\.1.isHidden).map(\.0.csv).joined(separator: ";")
            let complementary = figures.filter { $0.1 == .complementary }.map(\.0.csv).joined(separator: ";")
            return ([label] + figures.map(\.1.csv) + [suppressed, complementary]).map(field).joined(separator: ",")
        }
        for row in report.rows { lines.append(line(row.label, .group(row.label))) }
        lines.append(line("total", .total))
        if let previous = report.previous {
            // The period before, of the same length: its own total, with its own suppression.
            let figures = zip(ReportFigure.fields, previous.figures)
            let label = "previous period " + ReportTableRenderer.period(previous.from, previous.to, options.timeZone)
            lines.append(([label] + previous.figures.map(\.csv) + [figures.filter(\.1.isHidden).map(\.0.csv).joined(separator: ";"),
                                                                   figures.filter { $0.1 == .complementary }.map(\.0.csv).joined(separator: ";")]).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
