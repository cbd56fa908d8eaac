import CallEngine
import Dialplan
import Foundation
import Testing

/// The caller's side of waiting in a queue, in the engine: announcements in their language,
/// keys while waiting, an interpreter recorded, overflow.
@Suite struct QueueWaitTests {
    static let plan: Plan = {
        let yaml = """
        languages: [en, es]
        time_zone: UTC
        entries: [{default: true, start: menu}]
        global_keys: {"0": emergency}
        queues: {advocates: {languages: [en, es]}}
        states:
          menu:
            menu: main_menu
            keys:
              "1": advocate
              "2": {set: {language: es}, next: advocate}
            exhausted: bye
          advocate:
            queue: advocates
            max_wait: 300
            keys: {"2": {next: message, meaning: waiting=message}}
            announce: {position: queue_position, wait: queue_wait, minutes: queue_minutes}
            on_timeout: overflow
            on_no_advocates: bye
          overflow: {play: all_busy, next: message}
          message: {record: record_instructions, next: bye, on_fail: bye}
          emergency: {transfer: "PJSIP/911@emergency", on_fail: bye}
          bye: {hangup: , prompt: goodbye}
        """
        let compilation = Dialplan.compile(yaml, file: "queue.yaml", prompts: nil)
        precondition(compilation.plan != nil, "\(compilation.diagnostics)")
        return compilation.plan!
    }()

    struct Waiting {
        var call = Call(id: CallID(9), plan: QueueWaitTests.plan)
        var now = Date(timeIntervalSince1970: 1_800_000_000)

        init(key: String = "2") {
            _ = call.handle(.callStarted(CallContext()), at: now)
            now += 3
            _ = call.handle(.digitsReceived(key), at: now)
            _ = call.handle(.queueWaiting, at: now)
        }

        mutating func send(_ event: CallEvent, after seconds: Double = 1) -> [CallAction] {
            now += seconds
            return call.handle(event, at: now)
        }
    }

    static let desk = QueueOffer(endpoint: "PJSIP/desk-1", ringSeconds: 20, language: "es", interpreter: false)

    @Test func waitingIsJoiningTheQueueAndHoldWithMusic() {
        var call = Call(id: CallID(9), plan: QueueWaitTests.plan)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        _ = call.handle(.callStarted(CallContext()), at: now)
        #expect(call.handle(.digitsReceived("1"), at: now) == [
            .joinQueue(QueueRequest(queue: "advocates", language: "en", priority: 0, maxWaitSeconds: 300, music: "default")),
        ])
        #expect(call.phase == .queued(QueueWaitTests.plan.state(named: "advocate")!, .joining))
        #expect(call.handle(.queueWaiting, at: now) == [.hold(music: "default")])
        #expect(call.phase == .queued(QueueWaitTests.plan.state(named: "advocate")!, .holding))
    }

    @Test func announcementsAreInTheCallersLanguageAndTheKeysThatMeanSomethingCutThemShort() {
        var waiting = Waiting()
        let first = waiting.send(.queueAnnouncement(position: 3, estimatedWaitSeconds: nil))
        #expect(first == [.stopHold, .announce([.prompt(Prompt(name: "queue_position", language: "es")), .number(3, language: "es")], escapeDigits: "20")])
        #expect(waiting.send(.announcementFinished(interruptedBy: nil), after: 4) == [.hold(music: "default")])
        let second = waiting.send(.queueAnnouncement(position: 2, estimatedWaitSeconds: 250), after: 60)
        #expect(second == [.stopHold, .announce([
            .prompt(Prompt(name: "queue_position", language: "es")), .number(2, language: "es"),
            .prompt(Prompt(name: "queue_wait", language: "es")), .number(4, language: "es"), .prompt(Prompt(name: "queue_minutes", language: "es")),
        ], escapeDigits: "20")])
        // Another announcement while one plays is dropped, not queued up.
        #expect(waiting.send(.queueAnnouncement(position: 1, estimatedWaitSeconds: nil)).isEmpty)
    }

    @Test func theEmergencyKeyDuringAnAnnouncementLeavesForTheEmergencyPath() {
        var waiting = Waiting()
        _ = waiting.send(.queueAnnouncement(position: 3, estimatedWaitSeconds: nil))
        let actions = waiting.send(.announcementFinished(interruptedBy: "0"), after: 2)
        #expect(actions == [.leaveQueue, .transfer(destination: "PJSIP/911@emergency", label: "PJSIP/911@emergency")])
    }

    @Test func anOfferDuringAnAnnouncementRingsWhenItEnds() {
        var waiting = Waiting()
        _ = waiting.send(.queueAnnouncement(position: 3, estimatedWaitSeconds: nil))
        #expect(waiting.send(.advocateOffered(Self.desk)).isEmpty)
        #expect(waiting.send(.announcementFinished(interruptedBy: nil)) == [.offer(Self.desk, music: "default")])
    }

    @Test func aQueueKeyLeavesTheQueueForItsState() {
        var waiting = Waiting(key: "1")
        #expect(waiting.send(.digitsReceived("5")).isEmpty)           // not a queue key: ignored
        let actions = waiting.send(.digitsReceived("2"), after: 40)
        #expect(actions.prefix(2) == [.leaveQueue, .stopHold])
        #expect(actions.last == .play([Prompt(name: "record_instructions", language: "en")], escapeDigits: "0"))
        _ = waiting.send(.promptFinished(interruptedBy: nil))
        _ = waiting.send(.recordingFinished(seconds: 30), after: 30)
        let end = waiting.send(.promptFinished(interruptedBy: nil))
        guard case .logOutcome(let outcome)? = end.last else { Issue.record("no outcome"); return }
        #expect(outcome.ending == .message)
        #expect(outcome.choices == ["menu=advocate", "waiting=message"])
        #expect(outcome.secondsWaiting == 41)
    }

    @Test func theEmergencyKeyWorksWhileWaiting() {
        var waiting = Waiting()
        let actions = waiting.send(.digitsReceived("0"), after: 10)
        #expect(actions == [.leaveQueue, .stopHold, .transfer(destination: "PJSIP/911@emergency", label: "PJSIP/911@emergency")])
    }

    @Test func keysWhileTheAdvocatesPhoneRingsAreIgnored() {
        var waiting = Waiting()
        _ = waiting.send(.advocateOffered(Self.desk))
        #expect(waiting.send(.digitsReceived("0")).isEmpty)
    }

    @Test func anInterpretedConversationIsRecordedWithItsTrueLength() {
        var waiting = Waiting()
        let desk = QueueOffer(endpoint: "PJSIP/desk-2", ringSeconds: 20, language: "es", interpreter: true)
        #expect(waiting.send(.advocateOffered(desk), after: 92) == [.offer(desk, music: "default")])
        let end = waiting.send(.offerFinished(.answered(talkSeconds: 600)), after: 603)
        #expect(end.first == .reportOffer(.answered(talkSeconds: 600)))
        guard case .logOutcome(let outcome)? = end.last else { Issue.record("no outcome"); return }
        #expect(outcome.ending == .advocate)
        #expect(outcome.interpreter)
        #expect(outcome.secondsWaiting == 95)                           // 92 waiting + 3 ringing
        #expect(outcome.secondsWithAdvocate == 600)
    }

    @Test func aTalkTimeLongerThanTheOfferIsUnknownNotAFigure() {
        var waiting = Waiting()
        _ = waiting.send(.advocateOffered(Self.desk), after: 10)
        let end = waiting.send(.offerFinished(.answered(talkSeconds: 5000)), after: 60)
        #expect(end.first == .reportOffer(.answered(talkSeconds: nil)))
        guard case .logOutcome(let outcome)? = end.last else { Issue.record("no outcome"); return }
        #expect(outcome.talkTimeUnknown)
        #expect(outcome.secondsWithAdvocate == 0)
        #expect(outcome.secondsWaiting == 10)
    }

    @Test func aFailedOfferReturnsToHoldAndTellsTheQueue() {
        var waiting = Waiting()
        _ = waiting.send(.advocateOffered(Self.desk))
        #expect(waiting.send(.offerFinished(.busy), after: 3) == [.reportOffer(.busy), .hold(music: "default")])
        #expect(waiting.call.phase == .queued(QueueWaitTests.plan.state(named: "advocate")!, .holding))
    }

    @Test func theCallerGoneWhileItRingsIsAnAbandonInTheQueue() {
        var waiting = Waiting()
        _ = waiting.send(.advocateOffered(Self.desk))
        let end = waiting.send(.offerFinished(.callerGone), after: 8)
        #expect(end.first == .leaveQueue)
        guard case .logOutcome(let outcome)? = end.last else { Issue.record("no outcome"); return }
        #expect(outcome.ending == .abandonedInQueue)
    }

    @Test func overflowAfterTheMaximumWait() {
        var waiting = Waiting()
        let actions = waiting.send(.queueResult(.timedOut), after: 300)
        #expect(actions == [.stopHold, .play([Prompt(name: "all_busy", language: "es")], escapeDigits: "0123456789*#")])
    }
}
