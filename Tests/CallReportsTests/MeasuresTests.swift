import CallReports
import Foundation
import Testing

@Suite struct MeasuresTests {
    let total = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options()).total

    @Test func countsByOutcome() {
        #expect(total.offered == 28)
        #expect(total.answered == 10)
        #expect(total.abandonedInQueue == 4)
        #expect(total.abandonedInIVR == 6)
        #expect(total.afterHours == 5)
        #expect(total.messages == 3)
    }

    @Test func abandonmentLeavesShortAbandonsOut() {
        #expect(total.shortAbandons == 2)                        // waits 2 and 4 are under 5 s
        #expect(total.abandonRate == 2.0 / 12.0)                 // (4 - 2) ÷ (10 + 2)
    }

    @Test func averageSpeedOfAnswerAndHandleTime() {
        #expect(total.averageSpeedOfAnswer == 51.3)              // 513 s of waits ÷ 10
        #expect(total.averageHandleTime == 550)                  // (100 + … + 1000) ÷ 10
    }

    @Test func serviceLevelByEitherFormula() {
        #expect(total.serviceLevel(.answered) == 0.5)            // 3 8 12 25 29 under 30 s: 5 of 10
        #expect(total.serviceLevel(.asterisk) == 0.5)            // (5 + 2 abandons under 30 s) ÷ 14
        var options = ReportFixture.options()
        options.serviceLevelSeconds = 60
        let sixty = ReportBuilder.build(ReportFixture.cells(), options: options).total
        #expect(sixty.serviceLevel(.answered) == 0.7)            // 7 of 10 under 60 s
        #expect(sixty.serviceLevel(.asterisk) == 10.0 / 14.0)    // (7 + 3) ÷ 14
    }

    @Test func groupsUseTheReportTimeZone() {
        let byHour = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(grouping: .hour))
        #expect(byHour.rows.filter { $0.measures.offered > 0 }.map(\.label) == ["10:00", "21:00"])
        #expect(byHour.rows.map(\.measures.offered).filter { $0 > 0 } == [23, 5])
        #expect(byHour.busiestHours.first?.hour == 10)
        let byLanguage = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(grouping: .language))
        #expect(byLanguage.rows.map(\.label) == ["en", "es"])
        #expect(byLanguage.languageMix.map(\.offered) == [25, 3])
    }

    @Test func periodSelectsBuckets() {
        var options = ReportFixture.options()
        options.from = ReportFixture.monday.addingTimeInterval(3600)
        #expect(ReportBuilder.build(ReportFixture.cells(), options: options).total.offered == 5)
    }

    @Test func thresholdsMustBeHistogramEdges() {
        var options = ReportOptions()
        options.serviceLevelSeconds = 25
        #expect(throws: ReportOptions.Invalid.self) { try options.validate() }
        options.serviceLevelSeconds = 20
        #expect(throws: Never.self) { try options.validate() }
    }

    @Test func coarseBucketsHideTheMinute() {
        let a = CallCellKey(ReportFixture.outcome(.advocate, at: ReportFixture.monday.addingTimeInterval(59 * 60)), granularity: 3600)
        #expect(a.bucket == Int64(ReportFixture.monday.timeIntervalSince1970))
    }
}
