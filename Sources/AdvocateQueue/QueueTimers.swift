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

    struct Due: Hashable, Sendable {
        var at: Date
        var call: CallID
        /// The join it belongs to (`QueueCore.Waiting.sequence`).
        var sequence: Int
        var kind: Kind

        func precedes(_ other: Due) -> Bool {
            (at, sequence, kind.rawValue) < (other.at, other.sequence, other.kind.rawValue)
        }
    }

    private var heap: [Due] = []

    var earliest: Date? { heap.first?.at }
    var count: Int { heap.count }

    mutating func add(_ due: Due) {
        heap.append(due)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Every item due at `now`, earliest first.
    mutating func popDue(at now: Date) -> [Due] {
        var due: [Due] = []
        while let first = heap.first, first.at <= now {
            due.append(first)
            let last = heap.removeLast()
            guard !heap.isEmpty else { break }
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
                if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
                guard smallest != parent else { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return due
    }
}
