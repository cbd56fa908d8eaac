import AdvocateQueue
import CallEngine
import Foundation
import Testing

/// Issue 14: an advocate's pause says why (a fixed list), a desk phone that cannot be reached
/// pauses its advocate as such, and the call being offered says what it is about (its
/// language, whether an interpreter is needed) and nothing else.
@Suite struct PauseReasonTests {
    static func line(_ desk: QueueCoreTests.Desk, _ id: String) -> QueueStatus.AgentLine? {
        desk.core.status(at: desk.now).agents.first { $0.id == id }
    }

    @Test func aPauseKeepsItsReasonUntilTheAdvocateIsBack() {
        var desk = QueueCoreTests.Desk(loggedIn: ["bo"])
        desk.send(.pause("bo", reason: .meal), after: 5)
        #expect(Self.line(desk, "bo")?.status == .paused && Self.line(desk, "bo")?.pauseReason == .meal)
        desk.send(.resume("bo"), after: 60)
        #expect(Self.line(desk, "bo")?.status == .available && Self.line(desk, "bo")?.pauseReason == nil)
        desk.send(.pause("bo"), after: 5)
        #expect(Self.line(desk, "bo")?.pauseReason == .other, "no reason given: other")
    }

    @Test func anUnreachablePhonePausesItsAdvocateAsSuch() {
        var desk = QueueCoreTests.Desk(loggedIn: ["bo"])
        _ = desk.join(1, after: 1)
        desk.send(.offerFinished(CallID(1), .unreachable), after: 1)
        #expect(Self.line(desk, "bo")?.status == .paused && Self.line(desk, "bo")?.pauseReason == .phoneUnreachable)
    }

    @Test func theOfferSaysItsLanguageAndInterpreterWhileItLasts() {
        var desk = QueueCoreTests.Desk(settings: { $0.wrapUpSeconds = 0 }, loggedIn: ["chen"])
        _ = desk.join(1, "zh", after: 1)
        let ringing = Self.line(desk, "chen")
        #expect(ringing?.status == .ringing)
        #expect(ringing?.offer == QueueStatus.OfferSummary(language: "zh", interpreter: false))
        desk.send(.offerFinished(CallID(1), .answered(talkSeconds: 30)), after: 40)
        #expect(Self.line(desk, "chen")?.offer == nil, "after the call: nothing about it stays")
        let encoded = String(decoding: try! JSONEncoder().encode(ringing), as: UTF8.self)
        #expect(!encoded.contains("callID") && !encoded.contains("\"call\""), "\(encoded)")
    }
}
