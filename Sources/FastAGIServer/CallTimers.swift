import NIOCore

/// The timers of every FastAGI connection on one event loop: one heap of deadlines, woken by one
/// NIO task for the earliest. A NIO scheduled task per connection cost each caller on hold about
/// 330 bytes (the task in NIO's queue, its promise, its closure) and three allocations for every
/// re-arm. Each handler knows its slot in the heap, so moving or dropping its timer is O(log n).
/// Used only on its loop.
final class CallTimers {
    private struct Entry {
        var deadline: NIODeadline
        let handler: CallSessionHandler
    }

    let loop: any EventLoop
    private var heap: [Entry] = []
    private var wake: Scheduled<Void>?
    private var wakeAt: NIODeadline?

    init(loop: any EventLoop) {
        self.loop = loop
    }

    /// When `handler`'s armed timer comes due, or nil when none is armed.
    func deadline(of handler: CallSessionHandler) -> NIODeadline? {
        handler.timerSlot.map { heap[$0].deadline }
    }

    /// Arms `handler`'s timer for `deadline`, or moves it there.
    func arm(_ handler: CallSessionHandler, at deadline: NIODeadline) {
        if let slot = handler.timerSlot {
            let earlier = deadline < heap[slot].deadline
            heap[slot].deadline = deadline
            if earlier { siftUp(slot) } else { siftDown(slot) }
        } else {
            heap.append(Entry(deadline: deadline, handler: handler))
            handler.timerSlot = heap.count - 1
            siftUp(heap.count - 1)
        }
        scheduleWake()
    }

    func disarm(_ handler: CallSessionHandler) {
        guard let slot = handler.timerSlot else { return }
        remove(at: slot)
    }

    /// Hands every timer that is due to its handler (which may arm it again, for the next wake).
    private func fire() {
        wake = nil
        wakeAt = nil
        let now = loop.now
        var due: [CallSessionHandler] = []
        while let first = heap.first, first.deadline <= now {
            due.append(first.handler)
            remove(at: 0)
        }
        for handler in due { handler.timerDue(now: now) }
        scheduleWake()
    }

    private func scheduleWake() {
        guard let first = heap.first?.deadline else { return }
        if let wakeAt, wakeAt <= first { return }
        // Cancelling searches the loop's task queue, which holds only a few tasks now.
        wake?.cancel()
        wakeAt = first
        wake = loop.assumeIsolated().scheduleTask(deadline: first) { [self] in fire() }
    }

    private func remove(at slot: Int) {
        heap[slot].handler.timerSlot = nil
        let last = heap.count - 1
        if slot != last {
            heap[slot] = heap[last]
            heap[slot].handler.timerSlot = slot
        }
        heap.removeLast()
        if slot < heap.count {
            siftDown(slot)
            siftUp(slot)
        }
    }

    private func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            swap(child, parent)
            child = parent
        }
    }

    private func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var earliest = parent
            if left < heap.count, heap[left].deadline < heap[earliest].deadline { earliest = left }
            if right < heap.count, heap[right].deadline < heap[earliest].deadline { earliest = right }
            guard earliest != parent else { return }
            swap(parent, earliest)
            parent = earliest
        }
    }

    private func swap(_ a: Int, _ b: Int) {
        heap.swapAt(a, b)
        heap[a].handler.timerSlot = a
        heap[b].handler.timerSlot = b
    }
}
