import CallReports
import Foundation
import Testing
import TestSupport

@Suite struct RendererTests {
    @Test func smallCountsAreSuppressedEverywhere() throws {
        let report = ReportBuilder.build(ReportFixture.cells(), options: ReportFixture.options(k: 5, grouping: .language))
        let csv = ReportCSVRenderer.render(report)
        let spanish = csv.split(separator: "\n").first { $0.hasPrefix("es,") }.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // 3 Spanish calls: every count and every rate built on them is hidden. CSV holds bare
        // numbers; a hidden figure is an empty cell named in the `suppressed` column (issue 12,
        // item 6). With two languages, one of them small, English's offered is hidden too, or
        // the total minus English would give Spanish back (complementary suppression, item 1).
        #expect(spanish?[1] == "" && spanish?[2] == "0")
        #expect(spanish?.dropLast().last?.split(separator: ";").contains("offered") == true)
        #expect(spanish?.dropLast().last?.split(separator: ";").contains("messages") == true)
        let english = csv.split(separator: "\n").first { $0.hasPrefix("en,") }
        #expect(english?.hasSuffix(",offered;abandoned_in_ivr") == true || english?.hasSuffix(",offered") == true, "\(english ?? "")")
        let total = csv.split(separator: "\n").last
        #expect(total?.hasPrefix("total,28,10,") == true)
        var attack = try ReconstructionAttack(json: Data(ReportJSONRenderer.render(report).utf8))
        #expect(attack.run().isEmpty)
        #expect(csv.hasPrefix("language,offered,answered,abandoned_in_ivr,abandoned_in_queue,short_abandons,abandonment_rate_percent,asa_seconds,"))
        #expect(!csv.contains("<") && !csv.contains("%") && !csv.contains(" s,") && !csv.contains("–"))
        let table = ReportTableRenderer.render(report)
        #expect(table.contains("language mix: en hidden, es <5"))
        #expect(table.contains("offered             hidden  <5      28"), "\(table)")
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
        #expect((spanish["suppressed"] as? [String])?.starts(with: ["offered"]) == true)
        #expect((spanish["suppressed"] as? [String])?.contains("messages") == true)
        #expect(spanish["complementary"] as? [String] == [])
        let english = try #require(groups.first { $0["label"] as? String == "en" })
        #expect((english["complementary"] as? [String])?.first == "offered")
        #expect(spanish["answered"] as? Int == 0)
        #expect(spanish["averageSpeedOfAnswerSeconds"] is NSNull)   // undefined: not in the list
        let mix = try #require(object["languageMix"] as? [[String: Any]])
        #expect(mix.first { $0["language"] as? String == "es" }?["offered"] is NSNull)
        #expect(mix.first { $0["language"] as? String == "es" }?["hidden"] as? String == "belowK")
        #expect(mix.first { $0["language"] as? String == "en" }?["hidden"] as? String == "complementary")
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
        // The hatch pattern; hours, days, three daily trends, languages, two wait histograms.
        #expect(html.components(separatedBy: "<svg").count - 1 == 9)
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

/// Issue 12, item 1: a rate shown beside a hidden count must not give the count back (the
/// abandonment rate 96.0 % beside 119 abandons gave a hidden answered count of 5). Every small
/// combination of answered, abandoned and short-abandoned calls, attacked.
@Suite struct RateReconstructionTests {
    @Test(arguments: [ReportOptions.ServiceLevelFormula.answered, .asterisk])
    func noShownRateRevealsAHiddenCount(formula: ReportOptions.ServiceLevelFormula) async throws {
        let (failures, attacked) = try await onOwnThread { () -> ([String], Int) in
            var options = ReportOptions()
            options.k = 10
            options.serviceLevelFormula = formula
            var failures: [String] = [], attacked = 0
            for answered in 0..<13 {
                for abandonedInQueue in 0..<13 {
                    for short in Set([0, abandonedInQueue / 2, abandonedInQueue]) {
                        var outcomes = (0..<answered).map { ReportFixture.outcome(.advocate, wait: $0 % 2 == 0 ? 12 : 50, talk: 100) }
                        outcomes += (0..<abandonedInQueue).map { ReportFixture.outcome(.abandonedInQueue, wait: $0 < short ? 2 : 40) }
                        let report = ReportBuilder.build(ReportFixture.cells(outcomes), options: options)
                        var attack = try ReconstructionAttack(json: Data(ReportJSONRenderer.render(report).utf8), periodFromData: true)
                        let recovered = attack.run()
                        attacked += attack.hidden.count
                        if !recovered.isEmpty { failures.append("answered=\(answered) abandoned=\(abandonedInQueue) short=\(short): \(recovered)") }
                    }
                }
            }
            return (failures, attacked)
        }
        #expect(failures.isEmpty, "\(failures.prefix(4))")
        #expect(attacked > 300)
    }
}
