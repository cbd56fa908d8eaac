import CallEngine
import CallReports
import Foundation
import Testing

/// Issue 12, item 8: what supervisors use elsewhere — time to abandon, wait percentiles and the
/// longest wait, daily trends, the previous period — worked out by hand on the fixture.
@Suite struct SupervisorMeasuresTests {
    @Test func timeToAbandonAndWaitPercentiles() throws {
        let report = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options())
        // Abandoned in the queue after 2, 4, 40 and 90 s.
        #expect(report.total.averageTimeToAbandon == 34)
        #expect(ReportFigure.figures(.total, in: report)[9] == .seconds(34))
        // Answered after 3 8 12 25 29 | 31 45 60 100 200 s: the 5th wait is in 20-30 s, the 9th in 90-120 s.
        let answered = report.answeredWaitSummary
        #expect(answered.text(percentile: answered.median) == "20-30 s")
        #expect(answered.text(percentile: answered.ninetieth) == "90-120 s")
        #expect(answered.longestText == "180-300 s")
        let abandoned = report.abandonedWaitSummary
        #expect(abandoned.text(percentile: abandoned.median) == "0-5 s" && abandoned.longestText == "90-120 s")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportJSONRenderer.render(report).utf8)) as? [String: Any])
        let waits = try #require(json["waits"] as? [String: [String: Any]])
        #expect(waits["answered"]?["median"] as? String == "20-30 s")
        #expect(waits["answered"]?["longest"] as? String == "180-300 s")
    }

    /// A percentile is shown only when no hidden bin lies at or below it; the longest wait only
    /// when no bin is hidden.
    @Test func aPercentileAboveTheHiddenBinsIsShownAndOneAtThemIsNot() {
        // Nine wait 30 s or more, so the service level and its counts can be shown.
        let outcomes = [(2.0, 6), (7, 6), (12, 8), (45, 6), (400, 3)].flatMap { wait, n in (0..<n).map { _ in ReportFixture.outcome(.advocate, wait: wait) } }
        let report = ReportBuilder.build(ReportFixture.cells(outcomes), options: ReportFixture.options(k: 5))
        let summary = report.answeredWaitSummary
        #expect(summary.hidden.contains(11))                                // the three waits of 300-600 s
        #expect(summary.hidden.allSatisfy { $0 > 2 })                       // any partner lies above the median
        #expect(summary.text(percentile: summary.median) == "10-15 s")      // the 15th of 29 waits
        #expect(summary.text(percentile: summary.ninetieth) == "hidden")    // the 27th is in the hidden bin
        #expect(summary.longestText == "hidden")
    }

    /// Trends: every day's measures (JSON `days`, the page's three daily charts).
    @Test func everyDayHasItsMeasures() throws {
        var outcomes = ReportFixture.outcomes
        outcomes += (0..<6).map { _ in ReportFixture.outcome(.advocate, wait: 50, at: ReportFixture.monday.addingTimeInterval(86_400)) }
        let report = ReportBuilder.build(ReportFixture.cells(outcomes), options: ReportFixture.options())
        #expect(report.days.map(\.label) == ["2026-11-30", "2026-12-01"])
        #expect(ReportFigure.figures(.day("2026-12-01"), in: report)[7] == .fraction(0))   // none within 30 s
        #expect(ReportFigure.figures(.day("2026-11-30"), in: report)[7] == .fraction(0.5))
        let html = ReportHTMLRenderer.render(report)
        #expect(html.contains("Service level by day") && html.contains("Abandonment rate by day") && html.contains("ASA by day"))
        #expect(html.contains("<title>11-30: 50%</title>"))
    }

    /// The previous period of the same length, with its own suppression, beside the totals in
    /// every format.
    @Test func thePreviousPeriodIsComparedInEveryFormat() throws {
        let week = 7 * 86_400.0
        let now = ReportFixture.outcomes
        let before = (0..<40).map { i in ReportFixture.outcome(i < 20 ? .advocate : .abandonedInIVR, wait: 10, at: ReportFixture.monday.addingTimeInterval(-week)) }
        let cells = ReportFixture.cells(now + before)
        var options = ReportFixture.options(k: 5)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = options.timeZone
        options.from = calendar.date(from: DateComponents(year: 2026, month: 11, day: 30))
        options.to = calendar.date(from: DateComponents(year: 2026, month: 12, day: 7))
        var report = ReportBuilder.build(cells, options: options)
        let start = calendar.date(from: DateComponents(year: 2026, month: 11, day: 23))!
        report.previous = PeriodComparison.previous(cells, options: options, from: start, to: options.from!)
        let previous = try #require(report.previous)
        #expect(previous.figures[0] == .count(40) && previous.figures[1] == .count(20))
        #expect(PeriodComparison.change(.count(28), from: previous.figures[0]) == "-30.0 %")
        #expect(PeriodComparison.change(.fraction(0.5), from: .fraction(1)) == "-50.0 points")
        let table = ReportTableRenderer.render(report)
        #expect(table.contains("previous period from 2026-11-23 to 2026-11-29:"), "\(table)")
        #expect(table.contains("  offered: 40 (now 28, -30.0 %)"))
        #expect(table.contains("  service level: 100.0 % (now 50.0 %, -50.0 points)"))
        let csv = ReportCSVRenderer.render(report)
        #expect(csv.split(separator: "\n").last?.hasPrefix("previous period from 2026-11-23 to 2026-11-29,40,20,20,") == true, "\(csv)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportJSONRenderer.render(report).utf8)) as? [String: Any])
        #expect((json["previousPeriod"] as? [String: Any])?["offered"] as? Int == 40)
        #expect(ReportHTMLRenderer.render(report).contains("before: 40, -30.0 %"))
    }
}

/// Staff figures behind the same k rules: an advocate's handful of calls is a handful of callers.
@Suite struct StaffReportTests {
    @Test func advocatesCallsAreSuppressedAndCannotBeSubtractedOut() throws {
        let staff = [StaffActivity(advocate: "ana", calls: 7, talkSeconds: 3_500, loggedInSeconds: 28_800, pausedSeconds: 1_800),
                     StaffActivity(advocate: "bo", calls: 3, talkSeconds: 1_500, loggedInSeconds: 14_400)]
        let report = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(k: 5), staff: staff)
        // 10 answered = 7 + 3: bo's 3 are hidden, and so are ana's 7, or 10 − 7 would give them.
        let ana = StaffFigures.figures(staff[0], in: report), bo = StaffFigures.figures(staff[1], in: report)
        #expect(bo[0] == .suppressed && bo[1] == .hidden && bo[4] == .hidden)
        #expect(ana[0] == .complementary || ReportFigure.figures(.total, in: report)[1].isHidden)
        #expect(ana[2] == .hours(8) && ana[3] == .hours(0.5))   // the advocate's own time is always shown
        var attack = try ReconstructionAttack(json: Data(ReportJSONRenderer.render(report).utf8))
        #expect(attack.run().isEmpty)
        let shown = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(k: 1), staff: staff)
        #expect(StaffFigures.figures(staff[0], in: shown) == [.count(7), .seconds(500), .hours(8), .hours(0.5), .fraction(3_500.0 / 27_000)])
        #expect(ReportTableRenderer.render(shown).contains("  ana: calls 7, AHT 500 s, logged in 8.0 h, paused 0.5 h, occupancy 13.0 %"))
        #expect(ReportHTMLRenderer.render(shown).contains("<h2>Advocates</h2>"))
    }
}
