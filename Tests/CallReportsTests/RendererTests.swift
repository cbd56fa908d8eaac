import CallReports
import Foundation
import Testing

@Suite struct RendererTests {
    @Test func smallCountsAreSuppressedEverywhere() {
        let report = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(k: 5, grouping: .language))
        let csv = ReportCSVRenderer.render(report)
        let spanish = csv.split(separator: "\n").first { $0.hasPrefix("es,") }
        // 3 Spanish calls: every count and every rate built on them is hidden.
        #expect(spanish == "es,<5,0,0,0,0,–,–,–,–,0,0,0,<5,0,0,0,0")
        let total = csv.split(separator: "\n").last
        #expect(total == "total,28,10,6,<5,<5,<5,51 s,50.0 %,550 s,5,0,0,<5,0,0,0,0")
        let table = ReportTableRenderer.render(report)
        #expect(table.contains("language mix: en 25, es <5"))
        let json = ReportJSONRenderer.render(report)
        #expect(json.contains("\"offered\" : \"<5\""))
        #expect(!json.contains("\"offered\" : 3"))
    }

    @Test func jsonIsValidWithNumbersForShownValues() throws {
        let report = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(k: 1))
        let object = try JSONSerialization.jsonObject(with: Data(ReportJSONRenderer.render(report).utf8)) as? [String: Any]
        let total = try #require(object?["total"] as? [String: Any])
        #expect(total["offered"] as? Int == 28)
        #expect(total["serviceLevel"] as? Double == 0.5)
        #expect((object?["definitions"] as? [String])?.contains { $0.hasPrefix("service level = answered in less than 30 s") } == true)
    }

    @Test func htmlIsOneSelfContainedFileWithCharts() {
        let report = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(k: 5, grouping: .day))
        let html = ReportHTMLRenderer.render(report)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count == 1)
        #expect(!html.contains("src="))
        #expect(html.contains("url(#hatch)"))               // the suppressed Spanish bar
        #expect(html.contains("Calls by hour of day"))
    }

    @Test func theReportStatesItsFormulas() {
        let asterisk = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(formula: .asterisk))
        #expect(ReportTableRenderer.render(asterisk).contains("service level (Asterisk's formula) = (answered in less than 30 s + abandoned in the queue in less than 30 s)"))
        #expect(ReportTableRenderer.render(asterisk).contains("short abandons (under 5 s) are left out"))
    }
}
