import CallEngine
import Foundation

/// The waiting callers' own timers — their maximum wait, the interpreter fallback, their next
/// announcement — in a binary min-heap, so that a join, a leave or a tick costs O(log n) in the
/// callers waiting, not a walk over all of them (issue 17: 9,000 callers joining at once took the
/// think time to 715 ms). Items are removed lazily: one whose caller left, or joined again (a new
/// `sequence`), is dropped when it comes due.
struct QueueTimers: Sendable {
    enum Kind: Int, Hashable, Sendable {
        case maxWait, interpreter, announcement
    }

    struct Due: Hashable, HeapOrdered {
        var at: Date
        var call: CallID
        /// The join it belongs to (`QueueCore.Waiting.sequence`).
        var sequence: Int
        var kind: Kind

        func precedes(_ other: Due) -> Bool {
            (at, sequence, kind.rawValue) < (other.at, other.sequence, other.kind.rawValue)
        }
    }

    private var heap = MinHeap<Due>()

    var earliest: Date? { heap.first?.at }
    var count: Int { heap.count }

    mutating func add(_ due: Due) {
        heap.add(due)
    }

    /// Every item due at `now`, earliest first.
    mutating func popDue(at now: Date) -> [Due] {
        heap.removeDue { $0.at <= now }
    }
}
