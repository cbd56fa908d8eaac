import CallEngine
import Dialplan
import Foundation
import Testing

@Suite struct CallOutcomeTests {
    @Test func advocateCallRecordsWaitAndTalkTime() {
        var call = Driver()
        call.reachMainMenu()
        let queued = call.send(.digitsReceived("1"), after: 4)
        #expect(queued == [.joinQueue(QueueRequest(queue: "advocates", language: "es", priority: 2, maxWaitSeconds: 300, music: "default"))])
        let desk = QueueOffer(endpoint: "PJSIP/desk-1", ringSeconds: 20, language: "es", interpreter: false)
        #expect(call.send(.advocateOffered(desk), after: 35) == [.offer(desk, music: "default")])
        let end = call.send(.offerFinished(.answered(talkSeconds: 600)), after: 605)
        #expect(end.prefix(2) == [.reportOffer(.answered(talkSeconds: 600)), .hangUp])
        let outcome = try! #require(call.outcome)
        #expect(outcome.ending == .advocate)
        #expect(outcome.secondsWaiting == 40)
        #expect(outcome.secondsWithAdvocate == 600)
        #expect(outcome.secondsInIVR == 7)
        #expect(outcome.choices == ["language=es", "option=advocate"])
        #expect(outcome.path == ["welcome", "language", "notice", "hours", "main", "advocate"])
        #expect(outcome.campaign == "main")
        #expect(outcome.dialedNumber == "8001")
        #expect(outcome.planVersion == "t1")
        #expect(outcome.callID == "000000000000002a")
    }

    @Test func queueOverflowAndNoAdvocatesTakeTheirBranches() {
        var overflow = Driver()
        overflow.reachMainMenu()
        overflow.send(.digitsReceived("1"))
        overflow.send(.queueResult(.timedOut), after: 300)
        #expect(overflow.stateName == "message")
        overflow.send(.hangUpAfterPrompt())
        #expect(overflow.outcome?.secondsWaiting == 300)

        var empty = Driver()
        empty.reachMainMenu()
        empty.send(.digitsReceived("1"))
        empty.send(.queueResult(.noAdvocates), after: 0)
        #expect(empty.stateName == "closed_message")
    }

    @Test func hangUpInQueueIsAnAbandonInQueue() {
        var call = Driver()
        call.reachMainMenu()
        call.send(.digitsReceived("1"))
        let end = call.send(.remoteHungUp, after: 30)
        #expect(end.count == 2)
        #expect(end.first == .leaveQueue)
        #expect(call.outcome?.ending == .abandonedInQueue)
        #expect(call.outcome?.secondsWaiting == 30)
    }

    @Test func failedTransferGoesBackAndAnsweredOneEndsTransferred() {
        var call = Driver()
        call.reachMainMenu()
        call.send(.digitsReceived("3"))
        #expect(call.actions.last == .transfer(destination: "PJSIP/1800@partners", label: "partner line"))
        call.send(.transferFinished(.busy), after: 20)
        #expect(call.stateName == "main")
        call.send(.digitsReceived("3"))
        call.send(.transferFinished(.answered(talkSeconds: nil)), after: 200)
        #expect(call.outcome?.ending == .transferred)
        #expect(call.outcome?.choices == ["language=es", "option=referral", "option=referral"])
    }

    @Test func recordingKeepsAMessageOnlyWhenSomethingWasSaid() {
        var call = Driver()
        call.reachMainMenu()
        call.send(.digitsReceived("4"))
        // The instructions cannot be skipped, but the emergency key works in them.
        #expect(call.actions.last == .play([prompt("record_instructions", "es")], escapeDigits: "0"))
        let record = call.send(.promptFinished(interruptedBy: nil))
        #expect(record == [.record(RecordRequest(maxSeconds: 90, beep: true, terminator: "#", planKeys: "0"))])
        call.send(.recordingFinished(seconds: 25), after: 25)
        call.send(.promptFinished(interruptedBy: nil))
        #expect(call.outcome?.ending == .message)
        #expect(call.outcome?.endedIn == "thanks")

        var silent = Driver()
        silent.reachMainMenu()
        silent.send(.digitsReceived("4"))
        silent.send(.promptFinished(interruptedBy: nil))
        silent.send(.recordingFinished(seconds: 0))
        #expect(silent.stateName == "bye")
    }

    @Test func collectedDigitsAreValidatedAndNeverLogged() {
        var call = Driver()
        call.reachMainMenu()
        let ask = call.send(.digitsReceived("2"))
        #expect(ask == [.collect(CollectRequest(prompts: [prompt("enter_reference", "es")], maxDigits: 6, timeoutSeconds: 10, terminator: "#"))])
        let again = call.send(.digitsReceived("12#"))
        #expect(again == [.collect(CollectRequest(prompts: [prompt("invalid", "es"), prompt("enter_reference", "es")], maxDigits: 6, timeoutSeconds: 10, terminator: "#"))])
        call.send(.digitsReceived("4711#"))
        #expect(call.stateName == "bye_es")
        call.send(.promptFinished(interruptedBy: nil))
        let outcome = try! #require(call.outcome)
        #expect(!"\(outcome)".contains("4711"))
        #expect(outcome.ending == .goodbye)
    }

    @Test func channelFailureEndsTheCallAsAnError() {
        var call = Driver()
        call.reachMainMenu()
        let end = call.send(.channelFailed("PBX stopped answering"))
        #expect(end.first == .hangUp)
        #expect(call.outcome?.ending == .error)
        #expect(call.outcome?.endedIn == "main")
    }

    @Test func eventsAfterTheEndOrOutOfPlaceChangeNothing() {
        var call = Driver()
        #expect(call.send(.digitsReceived("1")).isEmpty)
        #expect(call.send(.offerFinished(.answered(talkSeconds: 3))).isEmpty)
        call.send(.remoteHungUp)
        for event: CallEvent in [.remoteHungUp, .promptFinished(interruptedBy: nil), .channelFailed("x"), .callStarted(CallContext())] {
            #expect(call.send(event).isEmpty)
        }
        #expect(call.outcomes.count == 1)
        #expect(call.outcome?.ending == .abandonedInIVR)
    }

    /// Every reachable phase of the test plan, hung up on: exactly one outcome each time.
    @Test func hangUpAtEveryStepYieldsExactlyOneOutcome() {
        let script: [CallEvent] = [
            .promptFinished(interruptedBy: nil), .digitsReceived("2"), .promptFinished(interruptedBy: nil),
            .digitsReceived("1"), .queueResult(.timedOut), .promptFinished(interruptedBy: nil),
            .recordingFinished(seconds: 12), .promptFinished(interruptedBy: nil),
        ]
        let expected: [CallEnding] = [.abandonedInIVR, .abandonedInIVR, .abandonedInIVR, .abandonedInIVR, .abandonedInQueue, .abandonedInIVR, .message, .message, .message]
        for cut in 0...script.count {
            var call = Driver()
            for event in script.prefix(cut) { call.send(event) }
            call.send(.remoteHungUp)
            call.send(.remoteHungUp)
            #expect(call.outcomes.count == 1, "cut after \(cut) events")
            #expect(call.outcome?.ending == expected[cut], "cut after \(cut) events")
        }
    }
}

extension CallEvent {
    /// The caller hangs up (used where the test only needs the call to end).
    static func hangUpAfterPrompt() -> CallEvent { .remoteHungUp }
}
