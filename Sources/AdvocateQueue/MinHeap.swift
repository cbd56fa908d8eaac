/// What a `MinHeap` holds: items that know which of two comes first.
protocol HeapOrdered: Sendable {
    func precedes(_ other: Self) -> Bool
}

/// A binary min-heap: adding an item and taking the earliest cost O(log n).
struct MinHeap<Element: HeapOrdered>: Sendable {
    private var items: [Element] = []

    var first: Element? { items.first }
    var count: Int { items.count }

    mutating func add(_ item: Element) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].precedes(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// Takes the earliest item out.
    mutating func removeFirst() -> Element? {
        guard !items.isEmpty else { return nil }
        let first = items[0]
        let last = items.removeLast()
        guard !items.isEmpty else { return first }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left].precedes(items[smallest]) { smallest = left }
            if right < items.count, items[right].precedes(items[smallest]) { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }

    /// Takes out, earliest first, every item for which `isDue` holds, as long as the earliest does.
    mutating func removeDue(_ isDue: (Element) -> Bool) -> [Element] {
        var due: [Element] = []
        while let first = items.first, isDue(first), let item = removeFirst() { due.append(item) }
        return due
    }
}
