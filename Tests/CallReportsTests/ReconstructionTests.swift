import CallEngine
import CallReports
import Dialplan
import Foundation
import Testing
import TestSupport

/// Issue 12, item 1: no hidden count can be worked back out from the figures the same report
/// shows. Ten generated months of a small hotline (a few calls a day, three languages, two
/// campaigns, every outcome), reported every way (`--by` each grouping, k 5 and 10, both
/// service-level formulas), each JSON document attacked by `ReconstructionAttack`.
@Suite(.serialized) struct ReconstructionTests {
    /// One month of calls starting at `month` (UTC), 0…`perDay` a day.
    static let everyEnding: [(CallEnding, Int)] = [(.advocate, 40), (.abandonedInIVR, 12), (.abandonedInQueue, 10), (.afterHours, 8), (.noAdvocates, 3),
                                                   (.outage, 1), (.message, 8), (.transferred, 5), (.emergency, 3), (.goodbye, 5), (.noInput, 3), (.error, 2)]

    static func month(_ month: Int, perDay: Int, seed: UInt64, endings: [(CallEnding, Int)] = everyEnding, atLeastPerDay: Int = 0) -> [CallOutcome] {
        var random = SplitMix(seed: seed)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = calendar.date(from: DateComponents(year: 2026, month: month, day: 1))!
        let days = calendar.range(of: .day, in: .month, for: first)!.count
        let weight = endings.reduce(0) { $0 + $1.1 }
        var outcomes: [CallOutcome] = []
        for day in 0..<days {
            for _ in 0..<Int.random(in: atLeastPerDay...perDay, using: &random) {
                var pick = Int.random(in: 0..<weight, using: &random)
                let ending = endings.first { pick -= $0.1; return pick < 0 }!.0
                let language = ["en", "en", "en", "es", "es", "fr"].randomElement(using: &random)!
                let waits = ending == .advocate || ending == .abandonedInQueue
                let start = first.addingTimeInterval(Double(day) * 86_400 + Double.random(in: 0..<86_400, using: &random))
                outcomes.append(CallOutcome(
                    callID: UUID().uuidString, startedAt: start, dialedNumber: "8883737888",
                    campaign: Int.random(in: 0..<10, using: &random) == 0 ? "radio" : "main", language: language,
                    ending: ending, endedIn: "x", path: ["x"], choices: [], secondsInIVR: 20,
                    secondsWaiting: waits ? Double.random(in: 0..<400, using: &random) : 0,
                    secondsWithAdvocate: ending == .advocate ? Double.random(in: 60..<900, using: &random) : 0,
                    retries: 0, planVersion: "t"))
            }
        }
        return outcomes
    }

    static func cells(_ outcomes: [CallOutcome]) -> [CallCellKey: CallCell] {
        var cells: [CallCellKey: CallCell] = [:]
        for outcome in outcomes { cells[CallCellKey(outcome, granularity: 900), default: CallCell()].add(outcome) }
        return cells
    }

    static let groupings: [ReportOptions.Grouping?] = [nil] + ReportOptions.Grouping.allCases.map { $0 }

    @Test(arguments: 1...10)
    func noHiddenCountIsRecoveredInAGeneratedMonth(month: Int) async throws {
        // Seconds of computing: on a thread of its own, not the cooperative pool's.
        let (failures, hiddenCounts, reports) = try await onOwnThread { () -> ([String], Int, Int) in
            let cells = Self.cells(Self.month(month, perDay: month % 2 == 0 ? 6 : 14, seed: UInt64(month)))
            var failures: [String] = [], hiddenCounts = 0, reports = 0
            for grouping in Self.groupings {
                for (k, formula) in [(5, ReportOptions.ServiceLevelFormula.answered), (10, .asterisk), (10, .answered)] {
                    var options = ReportOptions()
                    options.k = k
                    options.grouping = grouping
                    options.serviceLevelFormula = formula
                    let report = ReportBuilder.build(cells, options: options)
                    var attack = try ReconstructionAttack(json: Data(ReportJSONRenderer.render(report).utf8), periodFromData: true)
                    let recovered = attack.run()
                    hiddenCounts += attack.hidden.count
                    reports += 1
                    let place = "month \(month), --by \(grouping?.rawValue ?? "none"), k \(k), \(formula)"
                    if !recovered.isEmpty { failures.append("\(place): \(recovered.prefix(8))") }
                    if !report.disclosure.unprotected.isEmpty { failures.append("\(place): unprotected \(report.disclosure.unprotected.prefix(4))") }
                }
            }
            return (failures, hiddenCounts, reports)
        }
        #expect(failures.isEmpty, "\(failures.prefix(4))")
        // The attack had something to attack: small groups, many hidden counts.
        #expect(reports == 21)
        #expect(hiddenCounts > 200)
    }

    /// A busy month in which some outcomes never happened (no outage, nobody missing from the
    /// roster, every caller reached an ending the report names): a shown total of 0 gives back every day's 0, so hiding those zeros as partners
    /// protected nothing, and the partners spread through whole days (27 of 30 days lost their
    /// calls offered, `--by outcome` was refused). Now the zero total is the partner.
    @Test func aBusyMonthWhoseZeroOutcomesPinTheirDaysKeepsItsDaysShown() async throws {
        let (failures, dayOfferedHidden, hiddenInPlain) = try await onOwnThread { () -> ([String], Int, Int) in
            // The mix of `hotline generate-calls` on the default plan.
            let endings: [(CallEnding, Int)] = [(.advocate, 3819), (.abandonedInIVR, 1425), (.abandonedInQueue, 861), (.afterHours, 377),
                                                (.message, 1862), (.transferred, 410), (.emergency, 246)]
            let cells = Self.cells(Self.month(11, perDay: 330, seed: 11, endings: endings, atLeastPerDay: 270))
            var failures: [String] = [], dayOfferedHidden = 0, hiddenInPlain = 0
            for grouping in Self.groupings {
                var options = ReportOptions()
                options.grouping = grouping
                let report = ReportBuilder.build(cells, options: options)
                var attack = try ReconstructionAttack(json: Data(ReportJSONRenderer.render(report).utf8), periodFromData: true)
                let recovered = attack.run()
                let place = "--by \(grouping?.rawValue ?? "none")"
                if !recovered.isEmpty { failures.append("\(place): \(recovered.prefix(8))") }
                if !report.disclosure.unprotected.isEmpty { failures.append("\(place): unprotected \(report.disclosure.unprotected.prefix(4))") }
                if grouping == nil {
                    dayOfferedHidden = report.days.filter { report.disclosure.isHidden(.measure(.day($0.label), .offered)) }.count
                    hiddenInPlain = report.disclosure.hidden.count
                }
            }
            return (failures, dayOfferedHidden, hiddenInPlain)
        }
        #expect(failures.isEmpty, "\(failures.prefix(4))")
        #expect(dayOfferedHidden == 0, "\(dayOfferedHidden) days' calls offered hidden")
        #expect(hiddenInPlain < 150, "\(hiddenInPlain) counts hidden")
    }

    /// The attack is not toothless: with primary suppression alone (the report before this fix)
    /// it recovers counts in every month.
    @Test func theAttackRecoversCountsWhenOnlySmallCountsAreHidden() throws {
        var options = ReportOptions()
        options.k = 5
        options.grouping = .language
        var report = ReportBuilder.build(Self.cells(Self.month(3, perDay: 14, seed: 3)), options: options)
        report.disclosure = Disclosure(k: 5, hidden: report.disclosure.hidden.filter { $0.value == .belowK })
        var attack = try ReconstructionAttack(json: Data(ReportJSONRenderer.render(report).utf8))
        let recovered = attack.run()
        #expect(!recovered.isEmpty)
        // And what it finds is the truth.
        let counts = report.counts
        for found in recovered {
            if found.name.hasPrefix("total.") || found.name.hasPrefix("group ") {
                let parts = found.name.split(separator: ".")
                let row: MeasureRow = parts[0] == "total" ? .total : .group(String(parts[0].dropFirst("group ".count)))
                if let name = CountName(rawValue: String(parts[1])) {
                    #expect(counts[.measure(row, name)].map(Double.init) == found.value, "\(found)")
                }
            }
        }
    }

    /// When nothing is left to hide beside a count that can be worked out, the decision says so
    /// (and `hotline report` refuses the report) instead of printing it.
    @Test func aCountThatCannotBeProtectedIsReportedNotPrinted() {
        let total = CountKey.measure(.total, .offered), small = CountKey.measure(.total, .answered), rest = CountKey.measure(.total, .messages)
        let decided = ComplementarySuppression.decide([total: 8, small: 3, rest: 5], relations: [CountRelation(total, is: [small, rest])], k: 5,
                                                      neverPartners: [total, rest])
        #expect(decided.status(small) == .belowK)
        #expect(decided.unprotected == [small])
        let protected = ComplementarySuppression.decide([total: 8, small: 3, rest: 5], relations: [CountRelation(total, is: [small, rest])], k: 5)
        #expect(protected.unprotected.isEmpty && protected.status(total) == .complementary)
    }
}
