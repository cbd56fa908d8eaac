import CallEngine
import CallReports
import Dialplan
import Foundation
import Testing
import TestSupport

/// Issue 12, publishing with differential privacy: the noise has the distribution the guarantee
/// rests on, and a publication adds up.
@Suite struct PublicationTests {
    /// 200,000 draws against P(n) = (1 − α) ÷ (1 + α) × α^|n|: each of the central values within
    /// five standard errors of its probability, the mean near 0, the variance near 2α ÷ (1 − α)².
    @Test(arguments: [0.1, 0.5, 1.0, 2.0])
    func noiseHasTheTwoSidedGeometricDistribution(epsilon: Double) async throws {
        let noise = GeometricNoise(epsilon: epsilon)
        let n = 200_000
        let (histogram, sum, squares) = try await onOwnThread { () -> ([Int: Int], Double, Double) in
            var random = SplitMix(seed: UInt64(epsilon * 1000))
            var histogram: [Int: Int] = [:]
            var sum = 0.0, squares = 0.0
            for _ in 0..<n {
                let x = noise.sample(using: &random)
                histogram[x, default: 0] += 1
                sum += Double(x)
                squares += Double(x) * Double(x)
            }
            return (histogram, sum, squares)
        }
        for value in -4...4 {
            let p = noise.probability(value)
            let observed = Double(histogram[value] ?? 0) / Double(n)
            let standardError = (p * (1 - p) / Double(n)).squareRoot()
            #expect(abs(observed - p) < 5 * standardError, "ε \(epsilon): P(\(value)) observed \(observed), expected \(p)")
        }
        // Symmetric: as many above as below.
        let above = histogram.filter { $0.key > 0 }.values.reduce(0, +), below = histogram.filter { $0.key < 0 }.values.reduce(0, +)
        #expect(abs(Double(above - below)) < 5 * Double(n).squareRoot())
        let mean = sum / Double(n), variance = squares / Double(n) - mean * mean
        #expect(abs(mean) < 5 * (noise.variance / Double(n)).squareRoot())
        #expect(abs(variance / noise.variance - 1) < 0.05, "ε \(epsilon): variance \(variance), expected \(noise.variance)")
        // The margin printed with the figures: at least 95 % within it, fewer within one less.
        let m = noise.margin()
        let within = (-m...m).reduce(0.0) { $0 + noise.probability($1) }
        let withinLess = m == 0 ? 0 : (-(m - 1)...(m - 1)).reduce(0.0) { $0 + noise.probability($1) }
        #expect(within >= 0.95 && withinLess < 0.95)
        let observedWithin = Double((-m...m).reduce(0) { $0 + (histogram[$1] ?? 0) }) / Double(n)
        #expect(observedWithin > 0.94)
    }

    /// The ratio the guarantee states: moving a count by one changes the chance of any noisy
    /// output by at most e^ε.
    @Test func neighbouringCountsAreAtMostEToTheEpsilonApart() {
        let noise = GeometricNoise(epsilon: 0.5)
        for output in -20...20 {
            let ratio = noise.probability(output - 10) / noise.probability(output - 11)
            #expect(ratio <= exp(0.5) + 1e-9 && ratio >= exp(-0.5) - 1e-9)
        }
    }

    static func publish(_ cells: [CallCellKey: CallCell], grouping: ReportOptions.Grouping?, groups: [String], epsilon: Double, seed: UInt64) -> Publication {
        var options = ReportFixture.options(k: 5, grouping: grouping)
        options.timeZone = TimeZone(identifier: "America/New_York")!
        var random = SplitMix(seed: seed)
        return Publication.publish(cells, options: options, epsilon: epsilon, firstDay: "2026-11-30", lastDay: "2026-11-30", groups: groups, using: &random)
    }

    /// Every declared group is published, with calls or without (a language that appears only
    /// when someone called would itself tell), undeclared ones go to `other`, and the figures
    /// add up: offered is the sum of the outcomes, the total the sum of the groups.
    @Test func aPublicationHasEveryGroupAndAddsUp() {
        let publication = Self.publish(ReportFixture.cells(), grouping: .language, groups: Publication.groups(ReportFixture.options(grouping: .language), days: [], declared: ["en", "vi"]), epsilon: 0.3, seed: 7)
        #expect(publication.groups.map(\.label) == ["en", "vi", "other"])   // es is not declared: it is counted in other
        for group in publication.groups + [publication.total] {
            #expect(group.count(.offered) == CountName.partition.reduce(0) { $0 + group.count($1) })
            #expect(group.count(.answered) == group.count(.answeredWithinThreshold) + group.count(.answeredAfterThreshold))
            #expect(group.count(.abandonedInQueue) == group.count(.shortAbandons) + group.count(.longAbandons))
            #expect(CountName.partition.allSatisfy { group.count($0) >= 0 })
        }
        for name in Publication.published {
            #expect(publication.total.count(name) == publication.groups.reduce(0) { $0 + $1.count(name) }, "\(name)")
        }
        let json = PublicationRenderer.json(publication)
        #expect(json.contains("\"mechanism\" : \"two-sided geometric\""))
        #expect(json.contains("abandonmentRateFromNoisyCounts"))
        let table = PublicationRenderer.table(publication)
        #expect(table.contains("computed from the noisy counts, not from the true ones"))
        #expect(table.contains("within ±\(GeometricNoise(epsilon: 0.3).margin()) of the true count 95 times in 100"))
        let csv = PublicationRenderer.csv(publication)
        #expect(csv.hasPrefix("language,offered,answered,answered_within_threshold,abandoned_in_queue,short_abandons,long_abandons,abandoned_in_ivr,"))
        #expect(csv.split(separator: "\n").count == 5)
    }

    /// With a vanishing noise (ε = 60) the publication is the true report: the noise is all
    /// that differs. With ε = 0.1 it does differ.
    @Test func withoutNoiseThePublicationIsTheTruth() {
        let exact = Self.publish(ReportFixture.cells(), grouping: nil, groups: [], epsilon: 60, seed: 1)
        #expect(exact.total.count(.offered) == 28)
        #expect(exact.total.count(.answered) == 10)
        #expect(exact.total.count(.answeredWithinThreshold) == 5)
        #expect(exact.total.count(.shortAbandons) == 2)
        #expect(exact.total.count(.longAbandons) == 2)
        #expect(exact.total.count(.abandonedInIVR) == 6)
        #expect(exact.total.count(.afterHours) == 5)
        #expect(exact.total.count(.messages) == 3)
        #expect(exact.total.abandonRate == 2.0 / 12.0)
        var differs = 0
        for seed in 1...20 {
            let noisy = Self.publish(ReportFixture.cells(), grouping: nil, groups: [], epsilon: 0.1, seed: UInt64(seed))
            if noisy.total.count(.offered) != 28 { differs += 1 }
        }
        #expect(differs >= 15)
    }
}
