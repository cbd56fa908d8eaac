import CallEngine

/// The figures of one advocate over a report's period: calls under the same k rules as every
/// count (a handful of calls is a handful of callers), handle time and occupancy hidden with
/// them; logged-in and paused time, which are about the advocate alone, always shown.
public enum StaffFigures {
    public static let fields: [ReportFigure.Field] = [
        ReportFigure.Field(label: "calls", csv: "calls", json: "calls"),
        ReportFigure.Field(label: "AHT", csv: "aht_seconds", json: "averageHandleTimeSeconds"),
        ReportFigure.Field(label: "logged in", csv: "logged_in_hours", json: "loggedInHours"),
        ReportFigure.Field(label: "paused", csv: "paused_hours", json: "pausedHours"),
        ReportFigure.Field(label: "occupancy", csv: "occupancy_percent", json: "occupancy"),
    ]

    public static func figures(_ a: StaffActivity, in report: CallReport) -> [ReportFigure] {
        let d = report.disclosure
        let calls: ReportFigure = switch d.status(.advocateCalls(a.advocate)) {
        case .shown: .count(a.calls)
        case .belowK: .suppressed
        case .complementary: .complementary
        }
        let hidden = d.isHidden(.advocateCalls(a.advocate)) || d.isHidden(.advocateTimedCalls(a.advocate))
        return [
            calls,
            hidden ? .hidden : a.averageHandleTime.map(ReportFigure.seconds) ?? .undefined,
            .hours(a.loggedInSeconds / 3600),
            .hours(a.pausedSeconds / 3600),
            hidden ? .hidden : a.occupancy.map(ReportFigure.fraction) ?? .undefined,
        ]
    }
}
