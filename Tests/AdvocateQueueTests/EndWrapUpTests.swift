import AdvocateQueue
import CallEngine
import Foundation
import Testing

/// Issue 14: an advocate may end wrap-up early (the console's "Ready now", `resume`), and the
/// caller who waited meanwhile is offered to them at once.
@Suite struct EndWrapUpTests {
    @Test func resumeEndsWrapUpAndTheWaitingCallerIsOfferedAtOnce() {
        var desk = QueueCoreTests.Desk(settings: { $0.wrapUpSeconds = 60 }, loggedIn: ["bo"])
        #expect(QueueCoreTests.offers(desk.join(1, after: 1)).map(\.1) == ["bo"])
        desk.send(.offerFinished(CallID(1), .answered(talkSeconds: 40)), after: 45)
        #expect(desk.core.status(at: desk.now).agents.first { $0.id == "bo" }?.status == .wrapUp)
        #expect(QueueCoreTests.offers(desk.join(2, after: 5)).isEmpty, "in wrap-up: the next caller waits")
        let offered = QueueCoreTests.offers(desk.send(.resume("bo"), after: 10))
        #expect(offered.map(\.0) == [2] && offered.map(\.1) == ["bo"], "ready now: offered at once, 45 s before wrap-up would end")
    }

    @Test func resumeDoesNothingOnACall() {
        var desk = QueueCoreTests.Desk(settings: { $0.wrapUpSeconds = 60 }, loggedIn: ["bo"])
        _ = desk.join(1, after: 1)
        desk.send(.resume("bo"), after: 1)
        #expect(desk.core.status(at: desk.now).agents.first { $0.id == "bo" }?.status == .ringing)
    }
}
