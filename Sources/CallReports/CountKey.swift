/// One count a report publishes, by where it stands: a measure of the total, of a group, or of
/// one day of the trends; an hour of the day; a language; a bin of a wait histogram.
public enum CountKey: Hashable, Sendable, CustomStringConvertible {
    case measure(MeasureRow, CountName)
    case hourOfDay(Int)
    case language(String)
    case answeredWait(bin: Int)
    case abandonedWait(bin: Int)
    /// Calls an advocate took, and those of known length (their handle time's denominator).
    case advocateCalls(String)
    case advocateTimedCalls(String)

    public var description: String {
        switch self {
        case .measure(let row, let name): "\(row) \(name.rawValue)"
        case .hourOfDay(let hour): "calls at \(hour):00"
        case .language(let language): "calls in \(language)"
        case .answeredWait(let bin): "answered after \(WaitHistogram.label(bin))"
        case .abandonedWait(let bin): "abandoned after \(WaitHistogram.label(bin))"
        case .advocateCalls(let advocate): "calls taken by \(advocate)"
        case .advocateTimedCalls(let advocate): "timed calls taken by \(advocate)"
        }
    }
}

/// The rows of measures a report holds: its total, the groups of `--by`, and every day (the trends).
public enum MeasureRow: Hashable, Sendable, CustomStringConvertible {
    case total
    case group(String)
    case day(String)

    public var description: String {
        switch self {
        case .total: "total"
        case .group(let label): "group \(label)"
        case .day(let day): "day \(day)"
        }
    }
}
