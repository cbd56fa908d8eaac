/// The median, 90th percentile and longest of a set of waits, as the histogram bins they fall in
/// ("30-45 s"): nothing finer is stored. Worked out from the histogram the report shows: a
/// percentile is shown only when every bin up to its own is (it then follows from shown counts
/// alone), the longest wait only when no bin is hidden (it says which bins above are empty).
public struct WaitSummary: Sendable, Equatable {
    /// Bins, or nil when there are no waits.
    public let median: Int?
    public let ninetieth: Int?
    public let longest: Int?
    /// The hidden bins.
    public let hidden: Set<Int>

    /// `hidden`: the hidden bins, and every bin when the histogram's total (answered, abandoned
    /// in the queue) is hidden: a percentile would bound it.
    public init(_ histogram: [Int], hidden: Set<Int>) {
        let total = histogram.reduce(0, +)
        func percentile(_ p: Double) -> Int? {
            guard total > 0 else { return nil }
            var running = 0
            for (bin, count) in histogram.enumerated() {
                running += count
                if Double(running) >= p * Double(total) { return bin }
            }
            return histogram.count - 1
        }
        median = percentile(0.5)
        ninetieth = percentile(0.9)
        longest = histogram.lastIndex { $0 > 0 }
        self.hidden = hidden
    }

    /// Whether `bin`, the median's or the 90th percentile's, can be shown.
    public func isShown(percentile bin: Int?) -> Bool { !hidden.contains { $0 <= (bin ?? Int.max) } }

    public var showsLongest: Bool { hidden.isEmpty }

    /// "30-45 s", "hidden" or "–".
    public func text(percentile bin: Int?) -> String {
        isShown(percentile: bin) ? bin.map(WaitHistogram.label) ?? "–" : "hidden"
    }

    public var longestText: String { showsLongest ? longest.map(WaitHistogram.label) ?? "–" : "hidden" }
}

extension CallReport {
    public var answeredWaitSummary: WaitSummary {
        WaitSummary(total.answeredWaits, hidden: Set(total.answeredWaits.indices.filter {
            disclosure.isHidden(.answeredWait(bin: $0)) || disclosure.isHidden(.measure(.total, .answered))
        }))
    }

    public var abandonedWaitSummary: WaitSummary {
        WaitSummary(total.abandonedWaits, hidden: Set(total.abandonedWaits.indices.filter {
            disclosure.isHidden(.abandonedWait(bin: $0)) || disclosure.isHidden(.measure(.total, .abandonedInQueue))
        }))
    }
}
