/// What an advocate did over a stretch of time, for the staff figures of the reports: calls
/// taken, time talking, time logged in and paused. Advocates are staff, named by their roster id;
/// nothing here says who called.
public struct StaffActivity: Sendable, Hashable, Codable {
    public var advocate: String
    public var calls = 0
    /// Talk time of the calls whose length the PBX gave.
    public var talkSeconds = 0.0
    public var talkTimeUnknown = 0
    public var loggedInSeconds = 0.0
    /// Part of the logged-in time spent paused.
    public var pausedSeconds = 0.0

    public init(advocate: String, calls: Int = 0, talkSeconds: Double = 0, talkTimeUnknown: Int = 0, loggedInSeconds: Double = 0, pausedSeconds: Double = 0) {
        self.advocate = advocate
        self.calls = calls
        self.talkSeconds = talkSeconds
        self.talkTimeUnknown = talkTimeUnknown
        self.loggedInSeconds = loggedInSeconds
        self.pausedSeconds = pausedSeconds
    }

    public var isEmpty: Bool { calls == 0 && loggedInSeconds == 0 && pausedSeconds == 0 }

    public mutating func merge(_ other: StaffActivity) {
        calls += other.calls
        talkSeconds += other.talkSeconds
        talkTimeUnknown += other.talkTimeUnknown
        loggedInSeconds += other.loggedInSeconds
        pausedSeconds += other.pausedSeconds
    }

    /// Average handle time over the calls whose length is known.
    public var averageHandleTime: Double? { calls - talkTimeUnknown > 0 ? talkSeconds / Double(calls - talkTimeUnknown) : nil }

    /// Time talking ÷ time logged in and not paused (no wrap-up time is known).
    public var occupancy: Double? {
        let working = loggedInSeconds - pausedSeconds
        return working > 0 && talkTimeUnknown == 0 ? min(1, talkSeconds / working) : nil
    }
}
