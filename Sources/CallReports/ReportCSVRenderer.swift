/// One row per group plus a total, with a header; suppressed cells read "<k".
public enum ReportCSVRenderer {
    public static func render(_ report: CallReport) -> String {
        let options = report.options
        var lines = [([options.grouping?.rawValue ?? "group"] + ReportColumns.headers).map(field).joined(separator: ",")]
        for row in report.rows { lines.append(([row.label] + ReportColumns.values(row.measures, options)).map(field).joined(separator: ",")) }
        lines.append((["total"] + ReportColumns.values(report.total, options)).map(field).joined(separator: ","))
        return lines.joined(separator: "\n") + "\n"
    }

    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

import Foundation
