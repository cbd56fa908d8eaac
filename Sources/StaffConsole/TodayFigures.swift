import Foundation
import NIOConcurrencyHelpers

/// Today's figures for the wallboard, from the call log through the same k rules as every report
/// (a count below k shows as "<k"): offered, answered, abandoned in the queue, service level,
/// ASA. Read at most every `refresh` (the call log is written every second; a wallboard looks
/// twice a second), so many open wallboards cost one read.
public final class TodayFigures: Sendable {
    public struct Figure: Sendable, Equatable {
        public var label: String
        public var text: String

        public init(label: String, text: String) {
            self.label = label
            self.text = text
        }
    }

    struct Cache {
        var figures: [Figure] = []
        var readAt = ContinuousClock.Instant.now.advanced(by: .seconds(-3600))
        var reading = false
    }

    let read: @Sendable () async -> [Figure]
    let refresh: Duration
    let cache = NIOLockedValueBox(Cache())

    /// `read` computes the figures now (serve: today's cells of the call log, built as a report).
    public init(refresh: Duration = .seconds(5), read: @escaping @Sendable () async -> [Figure]) {
        self.refresh = refresh
        self.read = read
    }

    public var current: [Figure] {
        get async {
            let now = ContinuousClock.now
            let due = cache.withLockedValue { cache -> Bool in
                guard !cache.reading, now - cache.readAt >= refresh else { return false }
                cache.reading = true
                return true
            }
            guard due else { return cache.withLockedValue { $0.figures } }
            let figures = await read()
            return cache.withLockedValue { cache in
                cache.figures = figures
                cache.readAt = ContinuousClock.now
                cache.reading = false
                return figures
            }
        }
    }
}
