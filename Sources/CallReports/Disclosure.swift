/// Which of a report's counts are hidden, and why, decided once for every format.
public struct Disclosure: Sendable {
    public enum Status: String, Sendable {
        case shown
        /// Fewer than k calls: from 1 to k−1, or a zero hidden beside such counts so that they
        /// cannot be told apart (four hidden outcomes of a day of "<5" calls were each 1).
        case belowK
        /// k calls or more, hidden so that a count below k cannot be worked out from the others.
        case complementary
    }

    public let k: Int
    public private(set) var hidden: [CountKey: Status] = [:]
    /// Hidden counts that could still be worked out when no partner was left to hide: a report
    /// with any must not be shown (`hotline report` refuses it and says what to change).
    public internal(set) var unprotected: [CountKey] = []

    public init(k: Int, hidden: [CountKey: Status] = [:]) {
        self.k = k
        self.hidden = hidden
    }

    public func status(_ key: CountKey) -> Status { hidden[key] ?? .shown }

    public func isHidden(_ key: CountKey) -> Bool { hidden[key] != nil }

    mutating func hide(_ key: CountKey, _ status: Status) { hidden[key] = status }

    /// As the table and the page print a count: its value, "<k", or "hidden".
    public func text(_ key: CountKey, _ value: Int) -> String {
        switch status(key) {
        case .shown: String(value)
        case .belowK: "<\(k)"
        case .complementary: "hidden"
        }
    }
}
