import CallReports
import Foundation
import Testing

@Suite struct RendererTests {
    @Test func smallCountsAreSuppressedEverywhere() {
        let report = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(k: 5, grouping: .language))
        let csv = ReportCSVRenderer.render(report)
        let spanish = csv.split(separator: "\n").first { $0.hasPrefix("es,") }
        // 3 Spanish calls: every count and every rate built on them is hidden. CSV holds bare
        // numbers; a hidden figure is an empty cell named in the last column (issue 12, item 6).
        #expect(spanish == "es,,0,0,0,0,,,,,0,0,0,,0,0,0,0,offered;messages")
        let total = csv.split(separator: "\n").last
        #expect(total == "total,28,10,6,,,,51,50.0,550,5,0,0,,0,0,0,0,abandoned_in_queue;short_abandons;abandonment_rate_percent;messages")
        #expect(csv.hasPrefix("language,offered,answered,abandoned_in_ivr,abandoned_in_queue,short_abandons,abandonment_rate_percent,asa_seconds,"))
        #expect(!csv.contains("<") && !csv.contains("%") && !csv.contains(" s,") && !csv.contains("–"))
        let table = ReportTableRenderer.render(report)
        #expect(table.contains("language mix: en 25, es <5"))
        #expect(table.contains("ASA"))
        let json = ReportJSONRenderer.render(report)
        #expect(!json.contains("\"<5\""))
        #expect(!json.contains("\"offered\" : 3"))
    }

    /// JSON: every figure is a number or null; a suppressed one is null and named.
    @Test func jsonMarksSuppressedFiguresWithNull() throws {
        let report = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(k: 5, grouping: .language))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ReportJSONRenderer.render(report).utf8)) as? [String: Any])
        let groups = try #require(object["groups"] as? [[String: Any]])
        let spanish = try #require(groups.first { $0["label"] as? String == "es" })
        #expect(spanish["offered"] is NSNull)
        #expect(spanish["suppressed"] as? [String] == ["offered", "messages"])
        #expect(spanish["answered"] as? Int == 0)
        #expect(spanish["averageSpeedOfAnswerSeconds"] is NSNull)   // undefined: not in the list
        let mix = try #require(object["languageMix"] as? [[String: Any]])
        #expect(mix.first { $0["language"] as? String == "es" }?["offered"] is NSNull)
    }

    /// Many groups grow down, not sideways (a month by day was 32 columns wide, a month by hour 700).
    @Test func aTableOfManyGroupsHasARowPerGroup() {
        var cells: [CallCellKey: CallCell] = [:]
        for hour in 0..<24 {
            var cell = CallCell()
            cell.count = 10 + hour
            cells[CallCellKey(bucket: 1_796_014_800 + Int64(hour) * 3600, campaign: "main", dialedNumber: "8883737888", language: "en", ending: .advocate)] = cell
        }
        let report = ReportBuilder.build(cells, options: ReportFixture.options(k: 1, grouping: .hour))
        let table = ReportTableRenderer.render(report)
        let lines = table.split(separator: "\n")
        #expect(report.rows.count > ReportTableRenderer.maximumGroupColumns)
        #expect(lines.contains { $0.hasPrefix("hour") && $0.contains("offered") && $0.contains("overflowed") })
        #expect(lines.filter { $0.hasPrefix("total") }.count == 1)
        let widest = lines.map(\.count).max() ?? 0
        #expect(widest < 260, "\(widest) columns")
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

/// Issue 12, item 1, the part fixed so far: a rate shown beside a hidden count must not give the
/// count back. (Sums across outcomes and groups are not yet protected: docs/reports.md.)
@Suite struct RateReconstructionTests {
    @Test(arguments: [ReportOptions.ServiceLevelFormula.answered, .asterisk])
    func noShownRateRevealsAHiddenCount(formula: ReportOptions.ServiceLevelFormula) {
        var options = ReportOptions()
        options.k = 10
        options.serviceLevelFormula = formula
        let index = Dictionary(uniqueKeysWithValues: ReportFigure.fields.enumerated().map { ($1.json, $0) })
        var attacked = 0
        for answered in 0..<14 {
            for abandonedInQueue in 0..<14 {
                for short in 0...abandonedInQueue {
                    var m = Measures()
                    m.answered = answered
                    m.abandonedInQueue = abandonedInQueue
                    m.shortAbandons = short
                    m.answeredWithinThreshold = answered / 2
                    m.abandonedWithinThreshold = abandonedInQueue / 2
                    m.offered = answered + abandonedInQueue
                    let figures = ReportFigure.figures(m, options)
                    func shown(_ name: String) -> Bool {
                        switch figures[index[name]!] {
                        case .suppressed: false
                        default: true
                        }
                    }
                    // The attack: abandonment rate r and the abandons give answered = abandoned × (1 − r) ÷ r.
                    for hidden in ["answered", "abandonedInQueue", "shortAbandons"] where !shown(hidden) {
                        attacked += 1
                        if case .fraction = figures[index["abandonmentRate"]!] {
                            Issue.record("\(hidden) is hidden but the abandonment rate is shown: answered=\(answered) abandoned=\(abandonedInQueue) short=\(short)")
                        }
                        if hidden != "shortAbandons", case .fraction = figures[index["serviceLevel"]!], formula == .asterisk || hidden == "answered" {
                            Issue.record("\(hidden) is hidden but the service level is shown: answered=\(answered) abandoned=\(abandonedInQueue)")
                        }
                    }
                }
            }
        }
        #expect(attacked > 100)
    }
}
