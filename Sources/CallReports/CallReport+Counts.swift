import CallEngine
/// The counts a report publishes and the sums they obey: what complementary suppression
/// protects, and what an attacker works with.
extension CallReport {
    public func measures(_ row: MeasureRow) -> Measures? {
        switch row {
        case .total: total
        case .group(let label): rows.first { $0.label == label }?.measures
        case .day(let day): days.first { $0.label == day }?.measures
        }
    }

    /// Every count, shown or not, by where it stands.
    public var counts: [CountKey: Int] {
        var values: [CountKey: Int] = [:]
        func add(_ row: MeasureRow, _ m: Measures) {
            for name in CountName.allCases { values[.measure(row, name)] = m.count(name) }
        }
        add(.total, total)
        for row in rows { add(.group(row.label), row.measures) }
        for day in days { add(.day(day.label), day.measures) }
        for (hour, offered) in volumeByHour.enumerated() { values[.hourOfDay(hour)] = offered }
        for (language, offered) in languageMix { values[.language(language)] = offered }
        for advocate in advocates {
            values[.advocateCalls(advocate.advocate)] = advocate.calls
            values[.advocateTimedCalls(advocate.advocate)] = advocate.calls - advocate.talkTimeUnknown
        }
        for bin in total.answeredWaits.indices {
            values[.answeredWait(bin: bin)] = total.answeredWaits[bin]
            values[.abandonedWait(bin: bin)] = total.abandonedWaits[bin]
        }
        return values
    }

    /// Counts a reader knows are at least 1 whatever they show: a language of the mix, a group
    /// of `--by language` or `campaign` (listed only when someone called), the first and last day
    /// of a period taken from the data.
    public var presentOnlyWithCalls: Set<CountKey> {
        var keys = Set(languageMix.map { CountKey.language($0.language) })
        if options.grouping == .language || options.grouping == .campaign {
            for row in rows { keys.insert(.measure(.group(row.label), .offered)) }
        }
        if options.from == nil, let first = days.first { keys.insert(.measure(.day(first.label), .offered)) }
        if options.to == nil, let last = days.last { keys.insert(.measure(.day(last.label), .offered)) }
        return keys
    }

    /// Zeros a reader knows without being told, never hidden as partners: in `--by outcome`,
    /// every count of a group but its own outcome's (the group `advocate` has no abandons).
    public var structuralZeros: Set<CountKey> {
        guard options.grouping == .outcome else { return [] }
        var keys = Set<CountKey>()
        for row in rows {
            for name in CountName.allCases where row.measures.count(name) == 0 { keys.insert(.measure(.group(row.label), name)) }
        }
        return keys
    }

    /// The sums that hold between the counts, whatever their values.
    public var relations: [CountRelation] {
        var relations: [CountRelation] = []
        func within(_ row: MeasureRow) {
            relations.append(CountRelation(.measure(row, .offered), is: CountName.endings.map { .measure(row, $0) }))
            relations.append(CountRelation(.measure(row, .abandonedInQueue), is: [.measure(row, .shortAbandons), .measure(row, .longAbandons)]))
            relations.append(CountRelation(.measure(row, .answered), is: [.measure(row, .answeredWithinThreshold), .measure(row, .answeredAfterThreshold)]))
        }
        within(.total)
        rows.forEach { within(.group($0.label)) }
        days.forEach { within(.day($0.label)) }
        for name in CountName.allCases {
            if !rows.isEmpty { relations.append(CountRelation(.measure(.total, name), is: rows.map { .measure(.group($0.label), name) })) }
            if !days.isEmpty { relations.append(CountRelation(.measure(.total, name), is: days.map { .measure(.day($0.label), name) })) }
        }
        relations.append(CountRelation(.measure(.total, .offered), is: volumeByHour.indices.map { .hourOfDay($0) }))
        relations.append(CountRelation(.measure(.total, .offered), is: languageMix.map { .language($0.language) }))
        let bins = total.answeredWaits.indices
        func below(_ seconds: Double) -> Range<Int> { 0..<(WaitHistogram.edges.firstIndex(of: seconds).map { $0 + 1 } ?? 0) }
        relations.append(CountRelation(.measure(.total, .answered), is: bins.map { .answeredWait(bin: $0) }))
        relations.append(CountRelation(.measure(.total, .abandonedInQueue), is: bins.map { .abandonedWait(bin: $0) }))
        relations.append(CountRelation(.measure(.total, .shortAbandons), is: below(options.shortAbandonSeconds).map { .abandonedWait(bin: $0) }))
        relations.append(CountRelation(.measure(.total, .answeredWithinThreshold), is: below(options.serviceLevelSeconds).map { .answeredWait(bin: $0) }))
        relations.append(CountRelation(.measure(.total, .abandonedWithinThreshold), is: below(options.serviceLevelSeconds).map { .abandonedWait(bin: $0) }))
        // A group of `--by day`, `hour` or `language` is also a day of the trends, an hour of the
        // day or a language of the mix: the same number twice, hidden together or not at all.
        for row in rows {
            switch options.grouping {
            case .day:
                for name in CountName.allCases { relations.append(CountRelation(.measure(.group(row.label), name), is: [.measure(.day(row.label), name)])) }
            case .hour:
                if let hour = Int(row.label.prefix(2)) { relations.append(CountRelation(.hourOfDay(hour), is: [.measure(.group(row.label), .offered)])) }
            case .interval:
                break
            case .language:
                relations.append(CountRelation(.language(row.label), is: [.measure(.group(row.label), .offered)]))
            default: break
            }
        }
        // The advocates' calls are (nearly: a call is counted by its start, an advocate's by its
        // end) the answered calls.
        if !advocates.isEmpty {
            relations.append(CountRelation(.measure(.total, .answered), is: advocates.map { .advocateCalls($0.advocate) }))
            relations.append(CountRelation(.measure(.total, .timedAnswered), is: advocates.map { .advocateTimedCalls($0.advocate) }))
        }
        // The intervals of an hour add up to that hour of the day.
        if options.grouping == .interval {
            for hour in 0..<24 {
                let prefix = String(format: "%02d:", hour)
                let parts = rows.filter { $0.label.hasPrefix(prefix) }.map { CountKey.measure(.group($0.label), .offered) }
                if !parts.isEmpty { relations.append(CountRelation(.hourOfDay(hour), is: parts)) }
            }
        }
        return relations
    }
}
