import Foundation

/// A bar chart as inline SVG, sized in the units the page lays it out in (one user unit = one
/// CSS pixel at 560 px wide, the width of a chart column on a 1280 px screen). A hidden bar is
/// drawn at one fixed height and hatched, so its height says nothing; labels that would not fit
/// under their bars are thinned out (every second, third…), never run together or cut at the
/// edges; values are written over the bars when all of them fit, else the top of the plot is
/// a dashed line with its value.
struct BarChart {
    struct Bar {
        let label: String
        /// What the bar's height is drawn from; nil when hidden.
        let value: Double?
        /// What is written over it and in its tooltip: "19", "<5", "hidden", "48.2 %".
        let text: String
    }

    let title: String
    let bars: [Bar]
    /// The largest value an axis should reach (1 for rates).
    var ceiling: Double?
    /// What the top of the plot stands for ("100%"); without it, the tallest bar's text. Drawn
    /// as a dashed line with its value where no bar has its value written over it (the trends).
    var ceilingText: String?

    static let width = 560.0, height = 200.0, top = 18.0, side = 14.0
    static let font = 11.0
    /// How wide a character of the 11 px labels is at most (DejaVu Sans digits: 0.64 em).
    static let characterWidth = 7.0

    var svg: String {
        let labelWidth = Double(bars.map(\.label.count).max() ?? 1) * Self.characterWidth
        let step = bars.isEmpty ? Self.width : (Self.width - 2 * Self.side) / Double(bars.count)
        // Every label, or every second, third…: as many as fit side by side, level and whole.
        let every = max(1, Int(((labelWidth + 6) / step).rounded(.up)))
        let bottom = 22.0
        let plot = Self.height - Self.top - bottom
        let shown = bars.compactMap(\.value)
        let maximum = max(ceiling ?? 0, shown.max() ?? 0, 1e-9)
        let hiddenHeight = maximum / 4
        var out = "<figure><figcaption>\(ReportHTMLRenderer.escape(title))</figcaption>"
        out += "<svg viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" width=\"100%\" role=\"img\" aria-label=\"\(ReportHTMLRenderer.escape(title))\">"
        out += "<line x1=\"\(f(Self.side))\" y1=\"\(f(Self.top + plot))\" x2=\"\(f(Self.width - Self.side))\" y2=\"\(f(Self.top + plot))\" stroke=\"#cbd5e1\"/>"
        // Values over the bars when every one fits, else none (a scale line instead): six
        // values out of 24 read as if the others were missing.
        let written = bars.allSatisfy { step >= Double($0.text.count) * Self.characterWidth + 2 } && bars.contains { !$0.text.isEmpty }
        for (i, bar) in bars.enumerated() {
            let barHeight = plot * (bar.value ?? hiddenHeight) / maximum
            let x = Self.side + Double(i) * step, centre = x + step / 2
            let y = Self.top + plot - barHeight
            out += "<rect x=\"\(f(x + step * 0.12))\" y=\"\(f(y))\" width=\"\(f(step * 0.76))\" height=\"\(f(barHeight))\" fill=\"\(bar.value == nil ? "url(#hatch)" : "#2563eb")\">"
            out += "<title>\(ReportHTMLRenderer.escape(bar.label)): \(ReportHTMLRenderer.escape(bar.text))</title></rect>"
            if written && bar.text != "0" {
                out += "<text x=\"\(f(centre))\" y=\"\(f(y - 4))\" text-anchor=\"middle\">\(ReportHTMLRenderer.escape(bar.text))</text>"
            }
            guard i % every == 0 else { continue }
            out += "<text x=\"\(f(centre))\" y=\"\(f(Self.top + plot + 15))\" text-anchor=\"middle\">\(ReportHTMLRenderer.escape(bar.label))</text>"
        }
        let tallest = bars.filter { $0.value != nil }.max { ($0.value ?? 0) < ($1.value ?? 0) }
        if !written, let scale = (ceiling.map { $0 >= (shown.max() ?? 0) } == true ? ceilingText : nil) ?? tallest?.text, !scale.isEmpty {
            out += "<line x1=\"\(f(Self.side))\" y1=\"\(f(Self.top))\" x2=\"\(f(Self.width - Self.side))\" y2=\"\(f(Self.top))\" stroke=\"#94a3b8\" stroke-dasharray=\"3 3\"/>"
            out += "<text x=\"\(f(Self.side))\" y=\"\(f(Self.top - 5))\">\(ReportHTMLRenderer.escape(scale))</text>"
        }
        return out + "</svg></figure>"
    }

    func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
