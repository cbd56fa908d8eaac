/// What someone holding every shown figure can work out about the hidden ones: each count's
/// lowest and highest possible value, narrowed through the relations until nothing moves
/// (interval propagation, as an analyst with a spreadsheet would do it). A hidden count whose
/// bounds meet is recovered.
public struct CountBounds: Sendable {
    private let index: [CountKey: Int]
    private var lower: [Double]
    private var upper: [Double]

    /// `start` gives each count its bounds before any relation is used (a shown count: its
    /// value; a count shown as "<k": 1…k−1); a count it does not name starts at 0…∞.
    public init(relations: [CountRelation], start: [CountKey: ClosedRange<Double>]) {
        var index: [CountKey: Int] = [:]
        var lower: [Double] = [], upper: [Double] = []
        func id(_ key: CountKey) -> Int {
            if let i = index[key] { return i }
            index[key] = lower.count
            let range = start[key] ?? 0...Double.infinity
            lower.append(range.lowerBound)
            upper.append(range.upperBound)
            return lower.count - 1
        }
        for key in start.keys.sorted(by: { "\($0)" < "\($1)" }) { _ = id(key) }
        let compiled = relations.map { relation in (sum: id(relation.sum), parts: relation.parts.map(id)) }
        self.index = index
        self.lower = lower
        self.upper = upper
        narrow(compiled)
    }

    /// The bounds of `key`, or nil when the report does not publish it.
    public func range(_ key: CountKey) -> ClosedRange<Double>? {
        index[key].map { lower[$0]...upper[$0] }
    }

    public func isRecovered(_ key: CountKey) -> Bool {
        index[key].map { lower[$0] == upper[$0] } ?? false
    }

    private mutating func narrow(_ relations: [(sum: Int, parts: [Int])]) {
        var changed = true, passes = 0
        while changed && passes < 1_000 {
            changed = false
            passes += 1
            for relation in relations {
                var partsLow = 0.0, partsHighFinite = 0.0, unbounded = 0
                for part in relation.parts {
                    partsLow += lower[part]
                    if upper[part].isFinite { partsHighFinite += upper[part] } else { unbounded += 1 }
                }
                let partsHigh = unbounded > 0 ? Double.infinity : partsHighFinite
                changed = tighten(relation.sum, partsLow, partsHigh) || changed
                let sumLow = lower[relation.sum], sumHigh = upper[relation.sum]
                for part in relation.parts {
                    let othersHigh: Double
                    if upper[part].isFinite {
                        othersHigh = unbounded > 0 ? .infinity : partsHighFinite - upper[part]
                    } else {
                        othersHigh = unbounded > 1 ? .infinity : partsHighFinite
                    }
                    let othersLow = partsLow - lower[part]
                    changed = tighten(part, sumLow - othersHigh, sumHigh - othersLow) || changed
                }
            }
        }
    }

    /// Narrows one count to integers within [low, high]; true when its bounds moved.
    private mutating func tighten(_ i: Int, _ low: Double, _ high: Double) -> Bool {
        var moved = false
        let low = low.rounded(.up), high = high.isFinite ? high.rounded(.down) : high
        if low > lower[i] && low <= upper[i] { lower[i] = low; moved = true }
        if high < upper[i] && high >= lower[i] { upper[i] = high; moved = true }
        return moved
    }
}
