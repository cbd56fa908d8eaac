import AdvocateQueue
import CallEngine
import Foundation
import Testing

/// Issue 12, item 8: each advocate's calls, talk, logged-in and paused time, counted by the core
/// as their status changes and drained by the owner.
@Suite struct StaffActivityTests {
    @Test func loginPauseCallsAndLogoutAreCountedToTheSecond() {
        var desk = QueueCoreTests.Desk(settings: { $0.wrapUpSeconds = 0 }, loggedIn: ["bo"])   // bo logs in at t0 + 1
        let start = desk.now
        desk.send(.pause("bo"), after: 100)
        desk.send(.resume("bo"), after: 60)
        _ = desk.join(1, after: 10)                                    // offered to bo at once
        desk.send(.offerFinished(CallID(1), .answered(talkSeconds: 30)), after: 40)
        _ = desk.join(2, after: 5)
        desk.send(.offerFinished(CallID(2), .answered(talkSeconds: nil)), after: 50)   // length unknown
        desk.send(.logout("bo"), after: 35)
        #expect(desk.now.timeIntervalSince(start) == 300)
        let drained = desk.core.drainStaffActivity(at: desk.now.addingTimeInterval(1_000))   // logged out: nothing more counts
        #expect(drained == [StaffActivity(advocate: "bo", calls: 2, talkSeconds: 30, talkTimeUnknown: 1, loggedInSeconds: 300, pausedSeconds: 60)])
        #expect(drained.first?.averageHandleTime == 30)
        #expect(desk.core.drainStaffActivity(at: desk.now.addingTimeInterval(2_000)).isEmpty)
    }

    /// A drain mid-shift counts the time so far and starts again from there: an eight-hour shift
    /// drained every minute adds up to eight hours.
    @Test func drainsSplitAShiftWithoutLosingOrDoublingTime() {
        var desk = QueueCoreTests.Desk(loggedIn: ["ana"])
        let start = desk.now
        var loggedIn = 0.0, paused = 0.0
        for minute in 1...480 {
            if minute == 120 { desk.send(.pause("ana")) }
            if minute == 135 { desk.send(.resume("ana")) }
            for activity in desk.core.drainStaffActivity(at: start.addingTimeInterval(Double(minute) * 60)) {
                loggedIn += activity.loggedInSeconds
                paused += activity.pausedSeconds
            }
            desk.now = start.addingTimeInterval(Double(minute) * 60)
        }
        #expect(loggedIn == 8 * 3600)
        #expect(paused == 15 * 60)
    }
}
