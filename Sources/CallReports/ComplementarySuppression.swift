/// Decides which counts a report hides. First every count from 1 to k−1 (primary suppression);
/// then, while someone holding the shown figures could still work a hidden count out
/// (`CountBounds`: a total minus its other groups, offered minus the other outcomes, a day in
/// the trends and in `--by day`), it hides a partner in a relation that gives that count away:
/// a zero there (shown as "<k", which it is), else the smallest count above k (a hidden 1 beside a
/// hidden k in a sum of k + 1 is still recovered), else one of exactly k.
///
/// "<k" therefore means 0…k−1, and "hidden" k or more: what an attacker starts from.
public enum ComplementarySuppression {
    /// `atLeastOne`: counts a reader knows are not 0 (their "<k" is 1…k−1); `neverPartners`:
    /// zeros a reader knows anyway (hiding them protects nothing).
    public static func decide(_ values: [CountKey: Int], relations: [CountRelation], k: Int,
                              atLeastOne: Set<CountKey> = [], neverPartners: Set<CountKey> = []) -> Disclosure {
        var disclosure = Disclosure(k: k)
        guard k > 1 else { return disclosure }
        for (key, value) in values where value > 0 && value < k { disclosure.hide(key, .belowK) }
        guard !disclosure.hidden.isEmpty else { return disclosure }

        var containing: [CountKey: [Int]] = [:]
        for (i, relation) in relations.enumerated() {
            for term in relation.terms { containing[term, default: []].append(i) }
        }
        let sorted = values.keys.sorted(by: Self.preferred)
        let order = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
        let system = CountBounds.System(relations: relations, counts: sorted)
        for _ in 0..<values.count {
            let bounds = CountBounds(system) { start($0, values, disclosure, atLeastOne: atLeastOne) }
            let recovered = disclosure.hidden.keys.filter(bounds.isRecovered).sorted(by: Self.preferred)
            guard !recovered.isEmpty else { break }
            var touched = Set<Int>(), added = false
            for key in recovered {
                // A sum shown as 0 pins every part to 0: only hiding that sum can help there.
                let candidates = (containing[key] ?? []).filter { !touched.contains($0) }
                    .sorted { (pinnedToZero(relations[$0], values, disclosure) ? 0 : 1, hiddenTerms(relations[$0], disclosure))
                        < (pinnedToZero(relations[$1], values, disclosure) ? 0 : 1, hiddenTerms(relations[$1], disclosure)) }
                for i in candidates {
                    guard let partner = partner(in: i, values, disclosure, k: k, order: order, relations: relations, containing: containing, excluding: neverPartners) else { continue }
                    disclosure.hide(partner, values[partner] == 0 ? .belowK : .complementary)
                    touched.formUnion(containing[partner] ?? [])
                    touched.insert(i)
                    added = true
                    break
                }
            }
            // Every relation around the recovered counts is hidden already: nothing left to hide.
            if !added { break }
        }
        let bounds = CountBounds(system) { start($0, values, disclosure, atLeastOne: atLeastOne) }
        disclosure.unprotected = disclosure.hidden.keys.filter(bounds.isRecovered).sorted(by: Self.preferred)
        return disclosure
    }

    /// The bounds an attacker starts from: a shown count exactly, a count shown as "<k" 0…k−1,
    /// a count hidden as a partner k or more.
    static func start(_ key: CountKey, _ values: [CountKey: Int], _ disclosure: Disclosure, atLeastOne: Set<CountKey>) -> ClosedRange<Double>? {
        guard let value = values[key] else { return nil }
        return switch disclosure.status(key) {
        case .shown: Double(value)...Double(value)
        case .belowK: (atLeastOne.contains(key) ? 1 : 0)...Double(disclosure.k - 1)
        case .complementary: Double(disclosure.k)...Double.infinity
        }
    }

    /// A sum that is shown and 0: its parts are 0 whatever else is hidden.
    static func pinnedToZero(_ relation: CountRelation, _ values: [CountKey: Int], _ disclosure: Disclosure) -> Bool {
        values[relation.sum] == 0 && !disclosure.isHidden(relation.sum)
    }

    static func hiddenTerms(_ relation: CountRelation, _ disclosure: Disclosure) -> Int {
        relation.terms.filter(disclosure.isHidden).count
    }

    /// The shown count of `relations[index]` to hide beside its hidden ones. First the one that opens the
    /// fewest new leaks: hiding a count in a sum with nothing else hidden makes that sum give it
    /// back, which needs another partner there, and so on (a zero outage hidden in a day's row
    /// then needs another day's outage hidden: greedy choices spread until whole days go). Then a
    /// zero (shown as "<k", it costs little), else the smallest above k, else one of exactly k;
    /// a group, day or part before a total.
    static func partner(in index: Int, _ values: [CountKey: Int], _ disclosure: Disclosure, k: Int,
                        order: [CountKey: Int], relations: [CountRelation], containing: [CountKey: [Int]], excluding: Set<CountKey>) -> CountKey? {
        func cost(_ key: CountKey) -> (Int, Int, Int, Int, Int)? {
            let value = values[key] ?? 0
            let kind = value == 0 ? 0 : value > k ? 1 : value == k ? 2 : 3
            guard kind < 3 else { return nil }
            // A zero that a shown zero sum gives back protects nothing until that sum is hidden
            // too (a day's outage when the month had none): the last choice.
            let pinned = value == 0 ? (containing[key] ?? []).filter { relations[$0].sum != key && pinnedToZero(relations[$0], values, disclosure) }.count : 0
            let opened = (containing[key] ?? []).filter { $0 != index && hiddenTerms(relations[$0], disclosure) == 0 }.count
            return (pinned, opened, kind, value, order[key] ?? 0)
        }
        return relations[index].terms.filter { !disclosure.isHidden($0) && !excluding.contains($0) }.compactMap { key in cost(key).map { (key, $0) } }
            .min { $0.1 < $1.1 }?.0
    }

    /// Groups and days before the total, histogram bins and series before measures: the total
    /// is the figure a supervisor least wants to lose.
    static func preferred(_ a: CountKey, _ b: CountKey) -> Bool {
        func rank(_ key: CountKey) -> Int {
            switch key {
            case .measure(.group, _), .measure(.day, _): 0
            case .hourOfDay, .language, .answeredWait, .abandonedWait, .advocateCalls, .advocateTimedCalls: 1
            case .measure(.total, _): 2
            }
        }
        return rank(a) != rank(b) ? rank(a) < rank(b) : a.description < b.description
    }
}
