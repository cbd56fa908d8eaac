import Foundation
import NIOConcurrencyHelpers
import StaffConsole
import Testing

/// Sessions end when they should, and sign-in guessing is slowed.
struct ConsoleSessionsTests {
    final class Clock: Sendable {
        let time = NIOLockedValueBox(Date(timeIntervalSince1970: 1_800_000_000))
        func advance(_ seconds: TimeInterval) { time.withLockedValue { $0 += seconds } }
        var now: Date { time.withLockedValue { $0 } }
    }

    static let account = StaffAccount(name: "sam", role: .supervisor, passwordHash: "")

    @Test func aSessionEndsIdleAtItsLifetimeAndEverywhere() {
        let clock = Clock()
        let sessions = ConsoleSessions(idleLimit: 60, lifetime: 300) { clock.now }
        let first = sessions.start(for: Self.account)
        #expect(first.id.count == 64 && first.csrfToken.count == 64 && first.id != first.csrfToken)
        for _ in 0..<4 {
            clock.advance(50)
            #expect(sessions.touch(first.id) != nil, "a session in use stays")
        }
        clock.advance(120)
        #expect(sessions.touch(first.id) == nil, "idle past its limit: gone")
        let second = sessions.start(for: Self.account)
        for _ in 0..<6 { clock.advance(55); _ = sessions.touch(second.id) }
        #expect(sessions.touch(second.id) == nil, "past its lifetime: gone however busy")
        let a = sessions.start(for: Self.account), b = sessions.start(for: Self.account)
        let other = sessions.start(for: StaffAccount(name: "ann", role: .advocate, advocate: "ana", passwordHash: ""))
        #expect(sessions.endAll(of: "sam") == 2)
        #expect(sessions.touch(a.id) == nil && sessions.touch(b.id) == nil && sessions.touch(other.id) != nil)
    }

    @Test func guessingOneNameOrManyIsSlowed() {
        var throttle = LoginThrottle()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for i in 0..<5 {
            #expect(throttle.wait(for: "sam", at: start.addingTimeInterval(Double(i))) == nil)
            throttle.failed("sam", at: start.addingTimeInterval(Double(i)))
        }
        let wait = throttle.wait(for: "sam", at: start.addingTimeInterval(10))
        #expect(wait != nil && wait! > 14 * 60, "5 failures: the name waits 15 minutes from the last")
        #expect(throttle.wait(for: "ann", at: start.addingTimeInterval(10)) == nil, "another name is not held up by one")
        #expect(throttle.wait(for: "sam", at: start.addingTimeInterval(4 + 15 * 60 + 1)) == nil, "after the window")
        var spray = LoginThrottle()
        for i in 0..<50 { spray.failed("name\(i)", at: start) }
        #expect(spray.wait(for: "fresh", at: start.addingTimeInterval(1)) != nil, "50 failures across names hold every sign-in")
        var cleared = LoginThrottle()
        for _ in 0..<4 { cleared.failed("sam", at: start) }
        cleared.succeeded("sam")
        cleared.failed("sam", at: start)
        #expect(cleared.wait(for: "sam", at: start) == nil, "a success clears the name's failures")
    }
}
