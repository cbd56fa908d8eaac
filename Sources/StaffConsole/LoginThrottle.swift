import Foundation

/// Slows password guessing: after `limit` failed sign-ins for one account name within `window`,
/// that name is refused until the window since its last failure has passed; across all names,
/// `overallLimit` failures within the window refuse every sign-in for a while (guessing many
/// names). A success clears the name's failures. Pure: the caller keeps it behind a lock.
public struct LoginThrottle: Sendable {
    public var limit = 5
    public var overallLimit = 50
    public var window: TimeInterval = 15 * 60
    var failures: [String: [Date]] = [:]
    var everyFailure: [Date] = []

    public init() {}

    /// nil when a sign-in may be tried now, else the seconds until one may.
    public mutating func wait(for name: String, at now: Date) -> TimeInterval? {
        prune(at: now)
        if everyFailure.count >= overallLimit, let oldest = everyFailure.first { return oldest.addingTimeInterval(window).timeIntervalSince(now) }
        if let recent = failures[name], recent.count >= limit, let last = recent.last { return last.addingTimeInterval(window).timeIntervalSince(now) }
        return nil
    }

    public mutating func failed(_ name: String, at now: Date) {
        failures[name, default: []].append(now)
        everyFailure.append(now)
    }

    public mutating func succeeded(_ name: String) {
        failures[name] = nil
    }

    mutating func prune(at now: Date) {
        let cutoff = now.addingTimeInterval(-window)
        everyFailure.removeAll { $0 < cutoff }
        for (name, dates) in failures {
            // A name stays refused until a whole window has passed since its last failure.
            if let last = dates.last, last < cutoff { failures[name] = nil }
        }
    }
}
