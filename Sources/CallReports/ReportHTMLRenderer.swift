import Foundation

/// One self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched) with the
/// charts a supervisor looks at: volume by hour and by day, language mix, wait distribution.
/// A suppressed bar is drawn at a fixed height and hatched, so its height reveals nothing.
public enum ReportHTMLRenderer {
    public static func render(_ report: CallReport) -> String {
        let options = report.options
        let d = report.disclosure
        let groupHeader = options.grouping.map { "<th>\(escape($0.rawValue))</th>" } ?? "<th></th>"
        var table = "<table><thead><tr>\(groupHeader)" + ReportColumns.headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in report.rows {
            table += "<tr><th>\(escape(row.label))</th>" + ReportColumns.values(.group(row.label), report).map { "<td>\(escape($0))</td>" }.joined() + "</tr>"
        }
        table += "<tr class=\"total\"><th>total</th>" + ReportColumns.values(.total, report).map { "<td>\(escape($0))</td>" }.joined() + "</tr></tbody></table>"

        let total = ReportColumns.values(.total, report)
        let headline = [
            ("offered", total[0]), ("answered", total[1]), ("abandonment rate", total[5]), ("service level", total[7]),
            ("ASA", total[6]), ("after hours", total[10]), ("no advocate free", total[11]),
        ].map { "<div class=\"tile\"><div class=\"value\">\(escape($0.1))</div><div class=\"name\">\(escape($0.0))</div></div>" }.joined()

        let hours = bars(report.volumeByHour.enumerated().map { (String(format: "%02d", $0.offset), $0.element, .hourOfDay($0.offset)) }, d, title: "Calls by hour of day")
        let days = bars(report.days.map { (String($0.label.suffix(5)), $0.measures.offered, .measure(.day($0.label), .offered)) }, d, title: "Calls by day")
        let languages = bars(report.languageMix.map { ($0.language, $0.offered, .language($0.language)) }, d, title: "Language mix")
        let bins = report.total.answeredWaits.indices
        let answeredWaits = bars(bins.map { (WaitHistogram.label($0).replacingOccurrences(of: " s", with: ""), report.total.answeredWaits[$0], .answeredWait(bin: $0)) },
                                 d, title: "Wait before an advocate answered (seconds)")
        let abandonedWaits = bars(bins.map { (WaitHistogram.label($0).replacingOccurrences(of: " s", with: ""), report.total.abandonedWaits[$0], .abandonedWait(bin: $0)) },
                                  d, title: "Wait before hanging up in the queue (seconds)")
        let definitions = report.definitions.map { "<li>\(escape($0))</li>" }.joined()
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Hotline calls \(escape(ReportTableRenderer.period(report)))</title>
        <style>
        body{font:15px/1.4 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1d2733;padding:0 1em}
        h1{font-size:1.5em;margin-bottom:.2em} .sub{color:#5b6875;margin-top:0}
        .tiles{display:flex;flex-wrap:wrap;gap:12px;margin:1.5em 0}
        .tile{background:#f1f5f9;border-radius:8px;padding:12px 18px;min-width:120px}
        .value{font-size:1.7em;font-weight:600} .name{color:#5b6875}
        .charts{display:grid;grid-template-columns:1fr 1fr;gap:24px} figure{margin:0}
        figcaption{font-weight:600;margin-bottom:4px} svg text{font-size:10px;fill:#5b6875}
        table{border-collapse:collapse;font-size:13px;margin-top:1.5em;width:100%} td,th{padding:4px 6px;border-bottom:1px solid #e2e8f0;text-align:right}
        td,tbody th{white-space:nowrap}
        thead th{vertical-align:bottom} tbody th{text-align:left} .total{font-weight:600}
        ul{color:#5b6875;font-size:13px}
        </style></head><body>
        <h1>Hotline calls</h1>
        <p class="sub">\(escape(ReportTableRenderer.period(report))), \(escape(options.timeZone.identifier)). No caller is identifiable: counts below \(options.k) are shown as &lt;\(options.k).</p>
        <div class="tiles">\(headline)</div>
        <div class="charts">\(hours)\(days)\(languages)\(answeredWaits)\(abandonedWaits)</div>
        \(table)
        <ul>\(definitions)</ul>
        </body></html>

        """
    }

    /// A bar chart as inline SVG.
    static func bars(_ data: [(label: String, value: Int, key: CountKey)], _ d: Disclosure, title: String) -> String {
        let width = 520.0, height = 180.0, top = 16.0, bottom = 28.0
        let shown = data.map { d.isHidden($0.key) ? 0 : $0.value }
        let hiddenHeight = max(shown.max() ?? 1, 1) / 4 + 1
        let maximum = Double(max(shown.max() ?? 1, 1))
        let step = data.isEmpty ? width : width / Double(data.count)
        var svg = "<figure><figcaption>\(escape(title))</figcaption><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(escape(title))\">"
        svg += "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e2e8f0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#94a3b8\" stroke-width=\"3\"/></pattern></defs>"
        for (i, item) in data.enumerated() {
            let suppressed = d.isHidden(item.key)
            let barHeight = (height - top - bottom) * Double(suppressed ? hiddenHeight : shown[i]) / maximum
            let x = Double(i) * step + step * 0.1
            let y = height - bottom - barHeight
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(step * 0.8))\" height=\"\(f(barHeight))\" fill=\"\(suppressed ? "url(#hatch)" : "#2563eb")\"><title>\(escape(item.label)): \(escape(d.text(item.key, item.value)))</title></rect>"
            if item.value > 0 {
                svg += "<text x=\"\(f(x + step * 0.4))\" y=\"\(f(y - 3))\" text-anchor=\"middle\">\(escape(d.text(item.key, item.value)))</text>"
            }
            if data.count <= 24 || i % max(1, data.count / 12) == 0 {
                svg += "<text x=\"\(f(x + step * 0.4))\" y=\"\(f(height - bottom + 14))\" text-anchor=\"middle\">\(escape(item.label))</text>"
            }
        }
        return svg + "</svg></figure>"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
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
