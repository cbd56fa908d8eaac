import Foundation

/// The totals of the period just before a report's, of the same length, each figure decided by
/// that period's own suppression: what supervisors compare with. The two periods share no call,
/// so showing both adds no sum an attacker could use.
public struct PeriodComparison: Sendable {
    public let from: Date
    /// Exclusive, like `ReportOptions.to`.
    public let to: Date
    public let figures: [ReportFigure]

    public init(from: Date, to: Date, figures: [ReportFigure]) {
        self.from = from
        self.to = to
        self.figures = figures
    }

    /// The report of the previous period, built from its cells with `options`' rules; nil when
    /// that report could not protect its own counts (it is then not shown).
    public static func previous(_ cells: [CallCellKey: CallCell], options: ReportOptions, from: Date, to: Date) -> PeriodComparison? {
        var earlier = options
        earlier.from = from
        earlier.to = to
        earlier.grouping = nil
        let report = ReportBuilder.build(cells, options: earlier)
        guard report.disclosure.unprotected.isEmpty else { return nil }
        return PeriodComparison(from: from, to: to, figures: ReportFigure.figures(.total, in: report))
    }

    /// "+12.5 %" for a count, "+3.1 points" for a rate, "+4 s" for an average; nil when either is not shown.
    public static func change(_ now: ReportFigure, from before: ReportFigure) -> String? {
        switch (now, before) {
        case (.count(let a), .count(let b)) where b > 0: String(format: "%+.1f %%", Double(a - b) / Double(b) * 100)
        case (.fraction(let a), .fraction(let b)): String(format: "%+.1f points", (a - b) * 100)
        case (.seconds(let a), .seconds(let b)): String(format: "%+.0f s", a - b)
        default: nil
        }
    }
}
