import AdvocateQueue
import CallEngine
import Foundation
import Testing

/// Issue 17: the waiting callers' timers in a heap (`QueueTimers`), removed lazily. What the walk
/// over every caller did must still hold: a maximum wait that passes while the caller's advocate
/// rings ends the wait as soon as that offer fails; a caller who leaves and joins again is timed
/// from the new join, not by the old one's timers; announcements are postponed while a phone
/// rings; and the next deadline always moves forward.
@Suite struct QueueTimerTests {
    typealias Desk = QueueCoreTests.Desk

    func resolved(_ outputs: [QueueCore.Output]) -> [UInt64: QueueResult] {
        Dictionary(outputs.compactMap { if case .resolved(let call, let result) = $0 { (call.rawValue, result) } else { nil } }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aMaximumWaitThatPassesWhileThePhoneRingsEndsTheWaitWhenTheOfferFails() {
        var desk = Desk(settings: { $0.ringSeconds = 120 }, loggedIn: ["bo"])
        desk.join(1, maxWait: 30)
        #expect(QueueCoreTests.offers(desk.outputs).map(\.0) == [1])
        desk.wait(60)
        #expect(resolved(desk.outputs).isEmpty, "the phone still rings: the caller waits for its result")
        desk.send(.offerFinished(CallID(1), .busy))
        #expect(resolved(desk.outputs)[1] == .timedOut)
    }

    @Test func aCallerWhoJoinsAgainIsTimedFromTheNewJoin() {
        var desk = Desk(loggedIn: [])
        desk.send(.login("bo"))
        desk.send(.pause("bo"))
        desk.join(7, maxWait: 30)
        desk.send(.leave(CallID(7)), after: 10)
        desk.join(7, maxWait: 30, after: 5)   // t = 15 s: the first join's maximum wait would end at 30 s
        desk.wait(20)                           // t = 35 s
        #expect(resolved(desk.outputs).isEmpty, "\(desk.outputs)")
        desk.wait(15)                           // t = 50 s: 35 s after the second join
        #expect(resolved(desk.outputs)[7] == .timedOut)
    }

    @Test func announcementsWaitWhileThePhoneRingsAndComeWhenTheCallerIsBackInLine() {
        var desk = Desk(settings: { $0.announceEverySeconds = 30; $0.ringSeconds = 120 }, loggedIn: ["bo"])
        desk.join(1)
        desk.join(2)
        let announced = { (outputs: [QueueCore.Output], call: UInt64) in outputs.filter { if case .announce(let c, _, _) = $0 { c.rawValue == call } else { false } }.count }
        #expect(announced(desk.outputs, 1) == 0, "offered at once: never told their place first")
        #expect(announced(desk.outputs, 2) == 1)
        desk.wait(65)
        #expect(announced(desk.outputs, 1) == 0 && announced(desk.outputs, 2) == 3, "\(desk.outputs)")
        desk.send(.offerFinished(CallID(1), .noAnswer))
        #expect(announced(desk.outputs, 1) == 1, "back in line: the announcement that came due is made")
    }

    @Test func thousandsOfCallersJoinAndLeaveAndTheDeadlineMovesOn() {
        var desk = Desk(loggedIn: [])
        desk.send(.login("bo"))
        desk.send(.pause("bo"))
        for call in 1...5_000 { desk.join(UInt64(call), maxWait: 60 + call % 7) }
        for call in stride(from: 1, through: 5_000, by: 2) { desk.send(.leave(CallID(UInt64(call)))) }
        #expect(desk.core.waitingCount == 2_500)
        desk.wait(120)
        #expect(desk.core.waitingCount == 0)
        #expect(resolved(desk.outputs).count == 2_500 && resolved(desk.outputs).values.allSatisfy { $0 == .timedOut })
    }
}
