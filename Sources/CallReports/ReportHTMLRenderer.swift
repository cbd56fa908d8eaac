import Foundation

/// One self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched) with what a
/// supervisor looks at: the headline figures against the previous period, volume by hour and by
/// day, the daily trends of service level, abandonment and ASA, the language mix, and the waits
/// of answered and abandoned calls apart; then the table and the definitions. Laid out for a
/// 1280 px screen: two chart columns, and a table that scrolls inside itself when it is wider.
public enum ReportHTMLRenderer {
    public static func render(_ report: CallReport) -> String {
        let options = report.options
        let d = report.disclosure
        let total = ReportFigure.figures(.total, in: report)
        let tiles = ReportFigure.headline.map { i in
            let before = report.previous.map { previous in
                let change = PeriodComparison.change(total[i], from: previous.figures[i]).map { ", \($0)" } ?? ""
                return "<div class=\"before\">before: \(escape(previous.figures[i].text(k: options.k)))\(escape(change))</div>"
            } ?? ""
            return "<div class=\"tile\"><div class=\"value\">\(escape(total[i].text(k: options.k)))</div><div class=\"name\">\(escape(ReportFigure.fields[i].label))</div>\(before)</div>"
        }.joined()

        func count(_ label: String, _ value: Int, _ key: CountKey) -> BarChart.Bar {
            BarChart.Bar(label: label, value: d.isHidden(key) ? nil : Double(value), text: d.text(key, value))
        }
        func daily(_ title: String, _ index: Int, ceiling: Double? = nil) -> String {
            let bars = report.days.map { day -> BarChart.Bar in
                let figure = ReportFigure.figures(.day(day.label), in: report)[index]
                let value: Double? = switch figure {
                case .fraction(let v), .seconds(let v), .hours(let v): v
                case .count(let n): Double(n)
                default: nil
                }
                // A day with nothing to compute from is an empty slot, not a hatched one.
                let text = switch figure {
                case .fraction(let v): String(format: "%.0f%%", v * 100)
                case .undefined: ""
                default: figure.text(k: options.k)
                }
                return BarChart.Bar(label: String(day.label.suffix(5)), value: figure == .undefined ? 0 : value, text: text)
            }
            return BarChart(title: title, bars: bars, ceiling: ceiling, ceilingText: ceiling == 1 ? "100%" : nil).svg
        }
        let bins = report.total.answeredWaits.indices
        let charts = [
            BarChart(title: "Calls by hour of day", bars: report.volumeByHour.enumerated().map { count(String(format: "%02d", $0.offset), $0.element, .hourOfDay($0.offset)) }).svg,
            BarChart(title: "Calls by day", bars: report.days.map { count(String($0.label.suffix(5)), $0.measures.offered, .measure(.day($0.label), .offered)) }).svg,
            daily("Service level by day", 7, ceiling: 1),
            daily("Abandonment rate by day", 5),
            daily("ASA by day (seconds)", 6),
            BarChart(title: "Language mix", bars: report.languageMix.map { count($0.language, $0.offered, .language($0.language)) }).svg,
            BarChart(title: "Wait before an advocate answered (seconds)", bars: bins.map {
                count(WaitHistogram.label($0).replacingOccurrences(of: " s", with: ""), report.total.answeredWaits[$0], .answeredWait(bin: $0))
            }).svg,
            BarChart(title: "Wait before hanging up in the queue (seconds)", bars: bins.map {
                count(WaitHistogram.label($0).replacingOccurrences(of: " s", with: ""), report.total.abandonedWaits[$0], .abandonedWait(bin: $0))
            }).svg,
        ].joined()
        let answered = report.answeredWaitSummary, abandoned = report.abandonedWaitSummary
        let waits = "<table class=\"waits\"><thead><tr><th></th><th>median</th><th>90th percentile</th><th>longest</th></tr></thead><tbody>"
            + "<tr><th>answered</th><td>\(escape(answered.text(percentile: answered.median)))</td><td>\(escape(answered.text(percentile: answered.ninetieth)))</td><td>\(escape(answered.longestText))</td></tr>"
            + "<tr><th>abandoned in the queue</th><td>\(escape(abandoned.text(percentile: abandoned.median)))</td><td>\(escape(abandoned.text(percentile: abandoned.ninetieth)))</td><td>\(escape(abandoned.longestText))</td></tr></tbody></table>"
        let definitions = report.definitions.map { "<li>\(escape($0))</li>" }.joined()
        let before = report.previous.map { "Before: the \(escape(ReportTableRenderer.period($0.from, $0.to, options.timeZone)).replacingOccurrences(of: "from ", with: "period from ")). " } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Hotline calls \(escape(ReportTableRenderer.period(report)))</title>
        <style>
        *{box-sizing:border-box}
        body{font:15px/1.4 system-ui,sans-serif;margin:24px auto;max-width:1200px;color:#1d2733;padding:0 16px}
        h1{font-size:1.5em;margin-bottom:.2em} h2{font-size:1.15em;margin:1.6em 0 .4em} .sub{color:#5b6875;margin-top:0}
        .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px;margin:1.2em 0}
        .tile{background:#f1f5f9;border-radius:8px;padding:10px 14px}
        .value{font-size:1.6em;font-weight:600} .name{color:#5b6875} .before{color:#5b6875;font-size:12px;margin-top:2px}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:20px 28px} figure{margin:0;min-width:0}
        figcaption{font-weight:600;margin-bottom:4px} svg{display:block;overflow:visible} svg text{font-size:11px;fill:#475569}
        .scroll{overflow-x:auto;max-width:100%;border:1px solid #e2e8f0;border-radius:6px}
        table{border-collapse:collapse;font-size:12.5px} td,th{padding:4px 7px;border-bottom:1px solid #e2e8f0;text-align:right;white-space:nowrap}
        thead th{vertical-align:bottom;white-space:normal;min-width:4.5em;background:#f8fafc;position:sticky;top:0} tbody th{text-align:left;position:sticky;left:0;background:#fff}
        .total{font-weight:600} table.waits{margin-top:.6em} .legend{color:#5b6875;font-size:13px}
        .hatch{display:inline-block;width:14px;height:10px;background:repeating-linear-gradient(45deg,#94a3b8 0 2px,#e2e8f0 2px 5px);vertical-align:middle}
        ul{color:#5b6875;font-size:13px;padding-left:1.2em}
        </style></head><body>
        <svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e2e8f0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#94a3b8" stroke-width="3"/></pattern></defs></svg>
        <h1>Hotline calls</h1>
        <p class="sub">\(escape(ReportTableRenderer.period(report))), \(escape(options.timeZone.identifier)). \(before)No caller is identifiable: counts below \(options.k) are shown as &lt;\(options.k), and others are hidden where they would give one back.</p>
        <div class="tiles">\(tiles)</div>
        <p class="legend"><span class="hatch"></span> hidden (&lt;\(options.k), or hidden so that a count below \(options.k) cannot be worked out); its bar's height means nothing.</p>
        <div class="charts">\(charts)</div>
        <h2>Waits</h2>\(waits)
        <h2>\(escape(options.grouping.map { "By \($0.rawValue)" } ?? "Figures"))</h2>
        <div class="scroll">\(table(report))</div>
        \(advocates(report))
        <h2>Definitions</h2>
        <ul>\(definitions)</ul>
        </body></html>

        """
    }

    /// One row per advocate (staff): calls, handle time, logged-in and paused time, occupancy.
    static func advocates(_ report: CallReport) -> String {
        guard !report.advocates.isEmpty else { return "" }
        var html = "<h2>Advocates</h2><div class=\"scroll\"><table><thead><tr><th>advocate</th>" + StaffFigures.fields.map { "<th>\(escape($0.label))</th>" }.joined() + "</tr></thead><tbody>"
        for advocate in report.advocates {
            html += "<tr><th>\(escape(advocate.advocate))</th>" + StaffFigures.figures(advocate, in: report).map { "<td>\(escape($0.text(k: report.options.k)))</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    /// Few groups: one column each (measures down the side); many (days, hours): one row each.
    static func table(_ report: CallReport) -> String {
        let rows = report.rows.map { ($0.label, ReportColumns.values(.group($0.label), report)) } + [("total", ReportColumns.values(.total, report))]
        let corner = report.options.grouping.map { escape($0.rawValue) } ?? ""
        if rows.count <= ReportTableRenderer.maximumGroupColumns {
            var html = "<table><thead><tr><th>\(corner)</th>" + rows.map { "<th>\(escape($0.0))</th>" }.joined() + "</tr></thead><tbody>"
            for (i, header) in ReportColumns.headers.enumerated() {
                html += "<tr><th>\(escape(header))</th>" + rows.map { "<td\($0.0 == "total" ? " class=\"total\"" : "")>\(escape($0.1[i]))</td>" }.joined() + "</tr>"
            }
            return html + "</tbody></table>"
        }
        var html = "<table><thead><tr><th>\(corner)</th>" + ReportColumns.headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for (label, values) in rows {
            html += "<tr\(label == "total" ? " class=\"total\"" : "")><th>\(escape(label))</th>" + values.map { "<td>\(escape($0))</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }

    /// Text for HTML content or a double-quoted attribute (the staff console's pages use it too).
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
