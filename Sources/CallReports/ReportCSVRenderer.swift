/// One row per group plus a total, with a header. Cells are bare numbers (rates in percent,
/// averages in seconds, the unit in the header); a suppressed or undefined figure is an empty
/// cell, and the last column, `suppressed`, names the row's suppressed figures (`;`-separated),
/// so a spreadsheet never mistakes "<5" for text or a hidden count for a missing one.
public enum ReportCSVRenderer {
    public static func render(_ report: CallReport) -> String {
        let options = report.options
        let header = [options.grouping?.rawValue ?? "group"] + ReportFigure.fields.map(\.csv) + ["suppressed"]
        var lines = [header.map(field).joined(separator: ",")]
        func line(_ label: String, _ m: Measures) -> String {
            let figures = ReportFigure.figures(m, options)
            let suppressed = zip(ReportFigure.fields, figures).filter { $0.1 == .suppressed }.map(\.0.csv).joined(separator: ";")
            return ([label] + figures.map(\.csv) + [suppressed]).map(field).joined(separator: ",")
        }
        for row in report.rows { lines.append(line(row.label, row.measures)) }
        lines.append(line("total", report.total))
        return lines.joined(separator: "\n") + "\n"
    }

    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
