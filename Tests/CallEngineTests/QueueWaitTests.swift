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
          emergency: {transfer: "911", on_fail: bye}
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
        }

        mutating func send(_ event: CallEvent, after seconds: Double = 1) -> [CallAction] {
            now += seconds
            return call.handle(event, at: now)
        }
    }

    @Test func announcementsAreInTheCallersLanguageWithTheirOwnNumbers() {
        var waiting = Waiting()
        let first = waiting.send(.queueAnnouncement(position: 3, estimatedWaitSeconds: nil))
        #expect(first == [.announce([.prompt(Prompt(name: "queue_position", language: "es")), .number(3, language: "es")])])
        let second = waiting.send(.queueAnnouncement(position: 2, estimatedWaitSeconds: 250), after: 60)
        #expect(second == [.announce([
            .prompt(Prompt(name: "queue_position", language: "es")), .number(2, language: "es"),
            .prompt(Prompt(name: "queue_wait", language: "es")), .number(4, language: "es"), .prompt(Prompt(name: "queue_minutes", language: "es")),
        ])])
        #expect(waiting.call.phase == .queued(QueueWaitTests.plan.state(named: "advocate")!))
    }

    @Test func aQueueKeyLeavesTheQueueForItsState() {
        var waiting = Waiting(key: "1")
        #expect(waiting.send(.digitsReceived("5")).isEmpty)           // not a queue key: ignored
        let actions = waiting.send(.digitsReceived("2"), after: 40)
        #expect(actions.first == .leaveQueue)
        #expect(actions.last == .play([Prompt(name: "record_instructions", language: "en")], escapeDigits: ""))
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
        #expect(actions == [.leaveQueue, .transfer(destination: "911", label: "911")])
    }

    @Test func anInterpretedConversationIsRecordedAsSuch() {
        var waiting = Waiting()
        _ = waiting.send(.queueResult(.answeredWithInterpreter), after: 95)
        let end = waiting.send(.conversationEnded, after: 600)
        guard case .logOutcome(let outcome)? = end.last else { Issue.record("no outcome"); return }
        #expect(outcome.ending == .advocate)
        #expect(outcome.interpreter)
        #expect(outcome.secondsWaiting == 95)
        #expect(outcome.secondsWithAdvocate == 600)
    }

    @Test func overflowAfterTheMaximumWait() {
        var waiting = Waiting()
        let actions = waiting.send(.queueResult(.timedOut), after: 300)
        #expect(actions == [.play([Prompt(name: "all_busy", language: "es")], escapeDigits: "0123456789*#")])
    }
}
