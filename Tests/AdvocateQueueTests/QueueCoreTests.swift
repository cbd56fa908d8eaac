import AdvocateQueue
import CallEngine
import Foundation
import Testing

/// The ACD core with an injected clock: every case the issue names.
@Suite struct QueueCoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_796_050_800)

    static let roster = [
        AgentProfile(id: "ana", endpoint: "PJSIP/desk-ana", languages: ["en", "es"]),
        AgentProfile(id: "bo", endpoint: "PJSIP/desk-bo", languages: ["en"]),
        AgentProfile(id: "chen", endpoint: "PJSIP/desk-chen", languages: ["en", "zh"]),
    ]

    /// A queue with a moving clock.
    struct Desk {
        var core: QueueCore
        var now = QueueCoreTests.t0
        var outputs: [QueueCore.Output] = []

        init(settings: (inout QueueSettings) -> Void = { _ in }, loggedIn: [String] = ["ana", "bo", "chen"]) {
            var queue = QueueSettings(name: "advocates", languages: ["en", "es", "zh", "vi"])
            queue.announceEverySeconds = nil
            settings(&queue)
            core = QueueCore(queues: [queue], roster: QueueCoreTests.roster)
            for id in loggedIn {
                now += 1
                _ = core.handle(.login(id), at: now)
            }
        }

        @discardableResult
        mutating func send(_ input: QueueCore.Input, after seconds: Double = 0) -> [QueueCore.Output] {
            now += seconds
            let out = core.handle(input, at: now)
            outputs += out
            return out
        }

        @discardableResult
        mutating func join(_ id: UInt64, _ language: String = "en", priority: Int = 1, interpreter: Bool = false, maxWait: Int = 600, after seconds: Double = 0) -> [QueueCore.Output] {
            send(.join(CallID(id), QueueRequest(queue: "advocates", language: language, priority: priority, maxWaitSeconds: maxWait, music: "default", interpreter: interpreter)), after: seconds)
        }

        /// Moves time forward to `seconds` later, waking at every deadline on the way.
        mutating func wait(_ seconds: Double) {
            let end = now + seconds
            var steps = 0
            while let next = core.nextDeadline, next <= end, steps < 10_000 {
                steps += 1
                now = max(now, next)
                outputs += core.handle(.tick, at: now)
            }
            precondition(steps < 10_000, "the queue's next deadline does not move forward")
            now = end
            outputs += core.handle(.tick, at: now)
        }
    }

    static func offers(_ outputs: [QueueCore.Output]) -> [(UInt64, String)] {
        outputs.compactMap { if case .offer(let call, let offer) = $0 { (call.rawValue, offer.agent) } else { nil } }
    }

    @Test func nobodyLoggedInSendsTheCallerOnAtOnce() {
        var desk = Desk(loggedIn: [])
        #expect(desk.join(1) == [.resolved(CallID(1), .noAdvocates)])
        var spanish = Desk(settings: { $0.interpreterAfterSeconds = nil }, loggedIn: ["bo"])
        #expect(spanish.join(2, "es") == [.resolved(CallID(2), .noAdvocates)])
    }

    @Test func oldestFirstWithinAPriorityAndTheEmergencyPathJumpsAhead() {
        var desk = Desk(loggedIn: ["bo"])
        _ = desk.join(1)
        #expect(Self.offers(desk.outputs).map(\.0) == [1])
        _ = desk.join(2, after: 1)
        _ = desk.join(3, after: 1)
        _ = desk.join(4, priority: 9, after: 1)       // emergency
        desk.send(.offerFinished(CallID(1), .answered(talkSeconds: 300)), after: 300)
        desk.wait(31)                                   // wrap-up
        #expect(Self.offers(desk.outputs).map(\.0) == [1, 4])
        desk.send(.offerFinished(CallID(4), .answered(talkSeconds: 60)), after: 60)
        desk.wait(31)
        desk.send(.offerFinished(CallID(2), .answered(talkSeconds: 60)), after: 60)
        desk.wait(31)
        #expect(Self.offers(desk.outputs).map(\.0) == [1, 4, 2, 3])
    }

    @Test func twoCallersNeverGetTheSameAdvocate() {
        var desk = Desk()
        for id in 1...6 { _ = desk.join(UInt64(id)) }
        let offers = Self.offers(desk.outputs)
        #expect(offers.count == 3)
        #expect(Set(offers.map(\.1)).count == 3)
        #expect(desk.core.status(at: desk.now).agentsByStatus["ringing"] == 3)
    }

    @Test func failedOffersGoToTheNextAdvocateWithoutLosingThePlace() {
        var desk = Desk(loggedIn: ["ana", "bo"])
        _ = desk.join(1)
        _ = desk.join(2, after: 1)
        let first = Self.offers(desk.outputs)
        #expect(first.map(\.0) == [1, 2])
        desk.send(.offerFinished(CallID(1), .busy), after: 3)
        desk.send(.offerFinished(CallID(2), .noAnswer), after: 17)
        desk.wait(6)
        // Each caller goes on to the other advocate.
        let second = Self.offers(desk.outputs).dropFirst(2)
        #expect(Set(second.map(\.0)) == [1, 2])
        for (call, agent) in second { #expect(agent != first.first { $0.0 == call }?.1) }
        // An unreachable phone pauses its advocate instead of being rung call after call.
        let (call, agent) = second.first!
        desk.send(.offerFinished(CallID(call), .unreachable), after: 1)
        desk.wait(6)
        #expect(desk.core.agentStatus(agent) == .paused)
    }

    @Test func wrapUpKeepsTheAdvocateOffForItsTime() {
        var desk = Desk(settings: { $0.wrapUpSeconds = 45 }, loggedIn: ["bo"])
        _ = desk.join(1)
        desk.send(.offerFinished(CallID(1), .answered(talkSeconds: 200)), after: 200)
        #expect(desk.core.agentStatus("bo") == .wrapUp)
        _ = desk.join(2)
        desk.wait(44)
        #expect(Self.offers(desk.outputs).map(\.0) == [1])
        desk.wait(2)
        #expect(Self.offers(desk.outputs).map(\.0) == [1, 2])
    }

    @Test func advocateLoggingOutMidOfferFinishesTheOfferThenLeaves() {
        var desk = Desk(loggedIn: ["bo", "chen"])
        _ = desk.join(1)
        let agent = Self.offers(desk.outputs)[0].1
        desk.send(.logout(agent), after: 2)
        #expect(desk.core.agentStatus(agent) == .ringing)
        desk.send(.offerFinished(CallID(1), .noAnswer), after: 18)
        #expect(desk.core.agentStatus(agent) == .loggedOut)
        #expect(Self.offers(desk.outputs).map(\.1).last != agent)
        #expect(Self.offers(desk.outputs).count == 2)
    }

    @Test func lastAdvocateLoggingOutSendsWaitingCallersOn() {
        var desk = Desk(settings: { $0.interpreterAfterSeconds = nil }, loggedIn: ["bo"])
        _ = desk.join(1)
        _ = desk.join(2)
        desk.send(.offerFinished(CallID(1), .busy), after: 5)
        desk.wait(6)
        // Caller 1 keeps its place: the rested advocate is offered to it again first.
        #expect(Self.offers(desk.outputs).map(\.0) == [1, 1])
        desk.send(.logout("bo"))
        #expect(desk.outputs.contains(.resolved(CallID(2), .noAdvocates)))
        desk.send(.offerFinished(CallID(1), .noAnswer), after: 10)
        #expect(desk.outputs.contains(.resolved(CallID(1), .noAdvocates)))
        #expect(desk.core.waitingCount == 0)
        #expect(desk.core.agentStatus("bo") == .loggedOut)
    }

    @Test func callerHangingUpWhileRingingFreesTheAdvocate() {
        var desk = Desk(loggedIn: ["bo"])
        _ = desk.join(1)
        _ = desk.join(2)
        desk.send(.leave(CallID(1)), after: 4)
        #expect(Self.offers(desk.outputs).map(\.0) == [1, 2])
        #expect(desk.core.agentStatus("bo") == .ringing)
        desk.send(.leave(CallID(2)), after: 1)
        #expect(desk.core.agentStatus("bo") == .available)
        #expect(desk.core.waitingCount == 0)
    }

    @Test func overflowAfterTheMaximumWait() {
        var desk = Desk(loggedIn: ["bo"])
        _ = desk.join(1)
        _ = desk.join(2, maxWait: 300)
        desk.wait(299)
        #expect(!desk.outputs.contains(.resolved(CallID(2), .timedOut)))
        desk.wait(2)
        #expect(desk.outputs.contains(.resolved(CallID(2), .timedOut)))
    }

    @Test func interpretationFallbackAfterItsTime() {
        var desk = Desk(settings: { $0.interpreterAfterSeconds = 120 }, loggedIn: ["bo"])
        _ = desk.join(1, "vi")
        desk.wait(119)
        #expect(Self.offers(desk.outputs).isEmpty)
        desk.wait(2)
        let offer = desk.outputs.compactMap { if case .offer(_, let offer) = $0 { offer } else { nil } }.first
        #expect(offer?.agent == "bo")
        #expect(offer?.interpreter == true)
        #expect(offer?.language == "vi")
    }

    @Test func askingForAnInterpreterMeansAnyAdvocateAtOnce() {
        var desk = Desk(settings: { $0.interpreterAfterSeconds = nil }, loggedIn: ["bo"])
        _ = desk.join(1, "zh", interpreter: true)
        #expect(Self.offers(desk.outputs).map(\.1) == ["bo"])
    }

    @Test func speakersOfTheLanguageGoFirst() {
        var desk = Desk(loggedIn: ["bo", "chen"])
        _ = desk.join(1, "zh")
        #expect(Self.offers(desk.outputs).map(\.1) == ["chen"])
    }

    /// Announcements at the right times, with the caller's own position and an estimate only
    /// once there is something honest to base it on.
    @Test func announcementsCarryTheCallersOwnPositionAndEstimate() {
        var desk = Desk(settings: { $0.announceEverySeconds = 60; $0.wrapUpSeconds = 0 }, loggedIn: ["ana", "bo"])
        _ = desk.join(1)
        _ = desk.join(2)
        _ = desk.join(3)
        _ = desk.join(4, "es")
        // No conversation yet: position only, no number.
        #expect(desk.outputs.contains(.announce(CallID(3), position: 1, estimatedWaitSeconds: nil)))
        for round in 0..<3 {
            let answered = Self.offers(desk.outputs).suffix(2)
            for (call, _) in answered { desk.send(.offerFinished(CallID(call), .answered(talkSeconds: 240)), after: 0) }
            _ = desk.join(UInt64(10 + round * 2))
            _ = desk.join(UInt64(11 + round * 2))
        }
        let before = desk.outputs.count
        desk.wait(60)
        let announcements = desk.outputs[before...].compactMap { output -> (UInt64, Int, Int?)? in
            if case .announce(let call, let position, let wait) = output { (call.rawValue, position, wait) } else { nil }
        }
        #expect(!announcements.isEmpty)
        for (_, position, wait) in announcements {
            // Two English advocates averaging 240 s: one round of conversations per two callers.
            #expect(wait == Int((Double(position) / 2).rounded(.up) * 240))
        }
    }
}

@Suite struct QueueReloadTests {
    /// A reload keeps advocates logged in with their state and statistics, and waiting callers
    /// in their places (Asterisk and FreeSWITCH queue reloads are known to break all three).
    @Test func reloadChangesNothingForPeopleAlreadyThere() {
        var desk = QueueCoreTests.Desk(settings: { $0.wrapUpSeconds = 60 }, loggedIn: ["ana", "bo"])
        _ = desk.join(1)
        _ = desk.join(2)
        _ = desk.join(3)
        _ = desk.join(4)
        let offered = QueueCoreTests.offers(desk.outputs)
        desk.send(.offerFinished(CallID(offered[0].0), .answered(talkSeconds: 120)), after: 120)
        let before = desk.core.status(at: desk.now)

        var queue = QueueSettings(name: "advocates", languages: ["en", "es", "zh", "vi"])
        queue.ringSeconds = 30
        desk.core.reconfigure(queues: [queue], roster: QueueCoreTests.roster + [AgentProfile(id: "dana", endpoint: "PJSIP/desk-dana", languages: ["en"])])
        let after = desk.core.status(at: desk.now)
        #expect(after.agents.filter { $0.id != "dana" } == before.agents)
        #expect(after.agents.first { $0.id == "dana" }?.status == .loggedOut)
        #expect(after.waiting == before.waiting)
        // The callers still come in their order.
        desk.wait(61)
        let next = QueueCoreTests.offers(desk.outputs).dropFirst(2).map(\.0)
        #expect(next.first == 3)
    }
}
