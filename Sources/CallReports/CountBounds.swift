/// What someone holding every shown figure can work out about the hidden ones: each count's
/// lowest and highest possible value, narrowed through the relations until nothing moves
/// (interval propagation, as an analyst with a spreadsheet would do it). A hidden count whose
/// bounds meet is recovered.
public struct CountBounds: Sendable {
    /// The counts and relations compiled to indexes once, narrowed many times.
    public struct System: Sendable {
        let index: [CountKey: Int]
        let keys: [CountKey]
        let relations: [(sum: Int, parts: [Int])]

        public init(relations: [CountRelation], counts: some Sequence<CountKey>) {
            var index: [CountKey: Int] = [:], keys: [CountKey] = []
            func id(_ key: CountKey) -> Int {
                if let i = index[key] { return i }
                index[key] = keys.count
                keys.append(key)
                return keys.count - 1
            }
            for key in counts { _ = id(key) }
            self.relations = relations.map { (id($0.sum), $0.parts.map(id)) }
            self.index = index
            self.keys = keys
        }
    }

    private let system: System
    private var lower: [Double]
    private var upper: [Double]

    /// `start` gives each count its bounds before any relation is used (a shown count: its
    /// value; a count shown as "<k": 0…k−1); a count it does not name starts at 0…∞.
    public init(_ system: System, start: (CountKey) -> ClosedRange<Double>?) {
        self.system = system
        lower = system.keys.map { start($0)?.lowerBound ?? 0 }
        upper = system.keys.map { start($0)?.upperBound ?? .infinity }
        narrow()
    }

    public init(relations: [CountRelation], start: [CountKey: ClosedRange<Double>]) {
        self.init(System(relations: relations, counts: start.keys), start: { start[$0] })
    }

    /// The bounds of `key`, or nil when the report does not publish it.
    public func range(_ key: CountKey) -> ClosedRange<Double>? {
        system.index[key].map { lower[$0]...upper[$0] }
    }

    public func isRecovered(_ key: CountKey) -> Bool {
        system.index[key].map { lower[$0] == upper[$0] } ?? false
    }

    private mutating func narrow() {
        var changed = true, passes = 0
        while changed && passes < 10_000 {
            changed = false
            passes += 1
            for relation in system.relations {
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
