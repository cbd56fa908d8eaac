import Foundation

/// An attacker holding one published JSON report and the definitions in docs/reports.md, and
/// nothing else: it writes down every sum the figures obey, starts each hidden count at what its
/// label says ("<k": 0…k−1; "hidden": k or more), and narrows the bounds through the
/// sums and the shown rates until nothing moves. Written apart from the report's own
/// `CountBounds`, from the published document alone, so that the two do not share a blind spot.
struct ReconstructionAttack {
    struct Recovered: CustomStringConvertible {
        let name: String
        let value: Double
        var description: String { "\(name) = \(Int(value))" }
    }

    private var low: [String: Double] = [:]
    private var high: [String: Double] = [:]
    private var sums: [(String, [String])] = []
    /// Counts the document hides: the ones to recover.
    private(set) var hidden: [String] = []
    private var rates: [(rate: Double, numerator: String, rest: [String])] = []

    static let endings = ["answered", "abandonedInIVR", "abandonedInQueue", "afterHours", "noAdvocates", "outage", "messages",
                          "transferred", "emergency", "otherEndings"]
    static let counts = ["offered", "answered", "abandonedInIVR", "abandonedInQueue", "shortAbandons", "afterHours", "noAdvocates",
                         "outage", "messages", "transferred", "emergency", "interpreted", "overflowed"]
    /// Counts no column shows but the sums involve.
    static let unseen = ["otherEndings", "longAbandons", "answeredWithinThreshold", "abandonedWithinThreshold"]

    /// `periodFromData`: the report was asked for without `--from`/`--to`, so its first and last
    /// days are days with calls.
    init(json: Data, periodFromData: Bool = false) throws {
        let document = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        let k = Double(document["k"] as! Int)
        /// Counts that are at least 1 whatever they show: listed only when someone called.
        var atLeastOne = Set<String>()
        func known(_ name: String, _ value: Any?, hiddenAs status: String?) {
            if let number = value as? NSNumber {
                low[name] = number.doubleValue
                high[name] = number.doubleValue
            } else {
                hidden.append(name)
                low[name] = status == "complementary" ? k : atLeastOne.contains(name) ? 1 : 0
                high[name] = status == "complementary" ? .infinity : k - 1
            }
        }
        func row(_ prefix: String, _ object: [String: Any]) {
            let complementary = Set(object["complementary"] as? [String] ?? [])
            for count in Self.counts {
                known("\(prefix).\(count)", object[count], hiddenAs: complementary.contains(count) ? "complementary" : "belowK")
            }
            for name in Self.unseen { low["\(prefix).\(name)"] = 0; high["\(prefix).\(name)"] = .infinity }
            sums.append(("\(prefix).offered", Self.endings.map { "\(prefix).\($0)" }))
            sums.append(("\(prefix).abandonedInQueue", ["\(prefix).shortAbandons", "\(prefix).longAbandons"]))
            // A rate shown as undefined ("–", null and not named hidden) says its denominator is 0.
            let hiddenFigures = Set(object["suppressed"] as? [String] ?? [])
            func undefined(_ figure: String) -> Bool { object[figure] is NSNull && !hiddenFigures.contains(figure) }
            var zero: [String] = []
            if undefined("abandonmentRate") { zero += ["answered", "longAbandons"] }
            if undefined("averageSpeedOfAnswerSeconds") { zero += ["answered"] }
            if undefined("averageTimeToAbandonSeconds") { zero += ["abandonedInQueue"] }
            if undefined("serviceLevel") { zero += document["serviceLevelFormula"] as? String == "answered" ? ["answered"] : ["answered", "abandonedInQueue"] }
            for name in zero { high["\(prefix).\(name)"] = 0; low["\(prefix).\(name)"] = 0 }
            // A rate is a linear relation between counts: r = n ÷ (n + rest) gives n (1 − r) = r × rest.
            if let rate = (object["abandonmentRate"] as? NSNumber)?.doubleValue {
                rates.append((rate, "\(prefix).longAbandons", ["\(prefix).answered"]))
            }
            if let level = (object["serviceLevel"] as? NSNumber)?.doubleValue, document["serviceLevelFormula"] as? String == "answered" {
                // awt = level × answered: as a ratio of awt to the answered calls beyond it.
                rates.append((level, "\(prefix).answeredWithinThreshold", ["\(prefix).answeredBeyondThreshold"]))
                low["\(prefix).answeredBeyondThreshold"] = 0; high["\(prefix).answeredBeyondThreshold"] = .infinity
                sums.append(("\(prefix).answered", ["\(prefix).answeredWithinThreshold", "\(prefix).answeredBeyondThreshold"]))
            }
        }
        let groups = document["groups"] as! [[String: Any]]
        let days = document["days"] as! [[String: Any]]
        let grouping = document["groupedBy"] as? String
        if grouping == "language" || grouping == "campaign" {
            for group in groups { atLeastOne.insert("group \(group["label"] as! String).offered") }
        }
        for language in document["languageMix"] as! [[String: Any]] { atLeastOne.insert("language \(language["language"] as! String)") }
        if periodFromData, let first = days.first?["day"] as? String, let last = days.last?["day"] as? String {
            atLeastOne.formUnion(["day \(first).offered", "day \(last).offered"])
        }
        row("total", document["total"] as! [String: Any])
        for group in groups { row("group \(group["label"] as! String)", group) }
        for day in days { row("day \(day["day"] as! String)", day) }
        for count in Self.counts + Self.unseen {
            if !groups.isEmpty { sums.append(("total.\(count)", groups.map { "group \($0["label"] as! String).\(count)" })) }
            if !days.isEmpty { sums.append(("total.\(count)", days.map { "day \($0["day"] as! String).\(count)" })) }
        }
        var hours: [String] = [], languages: [String] = []
        for hour in document["volumeByHour"] as! [[String: Any]] {
            let name = "hour \(hour["hour"] as! Int)"
            known(name, hour["offered"], hiddenAs: hour["hidden"] as? String)
            hours.append(name)
        }
        for language in document["languageMix"] as! [[String: Any]] {
            let name = "language \(language["language"] as! String)"
            known(name, language["offered"], hiddenAs: language["hidden"] as? String)
            languages.append(name)
        }
        sums.append(("total.offered", hours))
        sums.append(("total.offered", languages))
        var answered: [String] = [], abandoned: [String] = []
        for (bin, wait) in (document["waitDistribution"] as! [[String: Any]]).enumerated() {
            for kind in ["answered", "abandoned"] {
                let entry = wait[kind] as! [String: Any]
                let name = "\(kind) wait \(bin)"
                known(name, entry["calls"], hiddenAs: entry["hidden"] as? String)
                if kind == "answered" { answered.append(name) } else { abandoned.append(name) }
            }
        }
        let edges: [Double] = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600]
        let short = (edges.firstIndex(of: (document["shortAbandonSeconds"] as! NSNumber).doubleValue) ?? -1) + 1
        let threshold = (edges.firstIndex(of: (document["serviceLevelSeconds"] as! NSNumber).doubleValue) ?? -1) + 1
        sums.append(("total.answered", answered))
        sums.append(("total.abandonedInQueue", abandoned))
        sums.append(("total.shortAbandons", Array(abandoned.prefix(short))))
        sums.append(("total.answeredWithinThreshold", Array(answered.prefix(threshold))))
        sums.append(("total.abandonedWithinThreshold", Array(abandoned.prefix(threshold))))
        // The advocates' calls add up to the answered calls.
        let advocates = document["advocates"] as? [[String: Any]] ?? []
        for advocate in advocates {
            let name = "advocate \(advocate["advocate"] as! String)"
            known(name, advocate["calls"], hiddenAs: (advocate["complementary"] as? [String] ?? []).contains("calls") ? "complementary" : "belowK")
        }
        if !advocates.isEmpty { sums.append(("total.answered", advocates.map { "advocate \($0["advocate"] as! String)" })) }
        // The same number twice: a group of --by day is a day of the trends, and so on.
        switch document["groupedBy"] as? String {
        case "day":
            for group in groups {
                let label = group["label"] as! String
                for count in Self.counts + Self.unseen { sums.append(("group \(label).\(count)", ["day \(label).\(count)"])) }
            }
        case "hour":
            for group in groups {
                let label = group["label"] as! String
                sums.append(("hour \(Int(label.prefix(2))!)", ["group \(label).offered"]))
            }
        case "outcome":
            // A group of one outcome has none of the others: those are known zeros.
            let own = ["advocate": "answered", "abandoned_in_ivr": "abandonedInIVR", "abandoned_in_queue": "abandonedInQueue", "after_hours": "afterHours",
                       "no_advocates": "noAdvocates", "outage": "outage", "message": "messages", "transferred": "transferred", "emergency": "emergency"]
            for group in groups {
                let label = group["label"] as! String
                for count in Self.endings where count != own[label, default: "otherEndings"] {
                    low["group \(label).\(count)"] = 0
                    high["group \(label).\(count)"] = 0
                }
            }
        case "interval":
            for hour in 0..<24 {
                let parts = groups.map { $0["label"] as! String }.filter { Int($0.prefix(2)) == hour }.map { "group \($0).offered" }
                if !parts.isEmpty { sums.append(("hour \(hour)", parts)) }
            }
        case "language":
            for group in groups {
                let label = group["label"] as! String
                sums.append(("language \(label)", ["group \(label).offered"]))
            }
        default: break
        }
    }

    /// Narrows until nothing moves; returns the hidden counts whose bounds met.
    mutating func run() -> [Recovered] {
        var moved = true, passes = 0
        while moved && passes < 2_000 {
            moved = false
            passes += 1
            for (sum, parts) in sums {
                let partsLow = parts.reduce(0) { $0 + low[$1]! }
                let finiteHigh = parts.reduce(0) { $0 + (high[$1]!.isFinite ? high[$1]! : 0) }
                let unbounded = parts.filter { !high[$0]!.isFinite }.count
                moved = narrow(sum, partsLow, unbounded > 0 ? .infinity : finiteHigh) || moved
                for part in parts {
                    let othersLow = partsLow - low[part]!
                    let own = high[part]!
                    let othersHigh = own.isFinite ? (unbounded > 0 ? .infinity : finiteHigh - own) : (unbounded > 1 ? .infinity : finiteHigh)
                    moved = narrow(part, low[sum]! - othersHigh, high[sum]! - othersLow) || moved
                }
            }
            // n (1 − r) = r × rest, with r published to 4 decimals.
            for (rate, numerator, rest) in rates {
                let restLow = rest.reduce(0) { $0 + low[$1]! }, restHigh = rest.reduce(0) { $0 + high[$1]! }
                let r0 = max(0, rate - 0.00005), r1 = min(1, rate + 0.00005)
                if r1 < 1 {
                    moved = narrow(numerator, restLow * r0 / (1 - r0), restHigh * r1 / (1 - r1)) || moved
                }
                if r0 > 0 {
                    let nLow = low[numerator]!, nHigh = high[numerator]!
                    moved = narrow(rest[0], nLow * (1 - r1) / r1 - (restHigh - high[rest[0]]!), nHigh * (1 - r0) / r0 - (restLow - low[rest[0]]!)) || moved
                }
            }
        }
        return hidden.filter { low[$0]! == high[$0]! }.map { Recovered(name: $0, value: low[$0]!) }
    }

    private mutating func narrow(_ name: String, _ newLow: Double, _ newHigh: Double) -> Bool {
        var moved = false
        let up = newLow.isFinite ? (newLow - 1e-9).rounded(.up) : newLow
        let down = newHigh.isFinite ? (newHigh + 1e-9).rounded(.down) : newHigh
        if up > low[name]! && up <= high[name]! { low[name] = up; moved = true }
        if down < high[name]! && down >= low[name]! { high[name] = down; moved = true }
        return moved
    }
}
