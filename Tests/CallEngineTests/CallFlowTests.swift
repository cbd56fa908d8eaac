import CallEngine
import Dialplan
import Foundation
import Testing

@Suite struct CallFlowTests {
    @Test func callStartsByAnsweringAndPlayingTheEntryGreeting() {
        let main = Driver(number: "8001")
        #expect(main.actions == [.answer, .play([prompt("welcome", "en")], escapeDigits: "0123456789*#")])
        let posters = Driver(number: "8002")
        #expect(posters.actions == [.answer, .play([prompt("poster_welcome", "en")], escapeDigits: "0")])
        let unknown = Driver(number: "5555")
        #expect(unknown.stateName == "welcome")
    }

    @Test func languageSelectionChangesEveryLaterPrompt() {
        var call = Driver()
        let menu = call.send(.promptFinished(interruptedBy: nil))
        #expect(menu == [.collect(CollectRequest(prompts: [prompt("lang_en", "en"), prompt("lang_es", "es")], maxDigits: 1, timeoutSeconds: 5, terminator: nil))])
        let notice = call.send(.digitsReceived("2"))
        #expect(notice == [.play([prompt("notice", "es")], escapeDigits: "0")])
        #expect(call.call.language == "es")
        let main = call.send(.promptFinished(interruptedBy: nil))
        #expect(main == [.collect(CollectRequest(prompts: [prompt("main_menu", "es")], maxDigits: 1, timeoutSeconds: 5, terminator: nil))])
    }

    @Test func channelLanguageIsUsedWhenThePlanOffersIt() {
        #expect(Driver(language: "es").actions.contains(.play([prompt("welcome", "es")], escapeDigits: "0123456789*#")))
        #expect(Driver(language: "fr").actions.contains(.play([prompt("welcome", "en")], escapeDigits: "0123456789*#")))
    }

    @Test func retriesRepromptWithTheRightPromptThenGiveUp() {
        var call = Driver()
        call.reachMainMenu()
        let again = call.send(.inputTimedOut, after: 5)
        #expect(again == [.collect(CollectRequest(prompts: [prompt("no_input", "es"), prompt("main_menu", "es")], maxDigits: 1, timeoutSeconds: 5, terminator: nil))])
        let end = call.send(.digitsReceived("7"))
        #expect(end.first == .hangUp)
        let outcome = try! #require(call.outcome)
        #expect(outcome.ending == .noInput)
        #expect(outcome.endedIn == "bye_no_input")
        #expect(outcome.retries == 1)
    }

    @Test func invalidKeyPlaysTheInvalidPromptFirst() {
        var call = Driver()
        call.send(.promptFinished(interruptedBy: nil))
        let again = call.send(.digitsReceived("9"))
        #expect(again == [.collect(CollectRequest(prompts: [prompt("invalid", "en"), prompt("lang_en", "en"), prompt("lang_es", "es")], maxDigits: 1, timeoutSeconds: 5, terminator: nil))])
    }

    @Test func exhaustedLanguageMenuKeepsTheCallGoingInTheDefaultLanguage() {
        var call = Driver()
        call.send(.promptFinished(interruptedBy: nil))
        call.send(.inputTimedOut)
        call.send(.inputTimedOut)
        let notice = call.send(.inputTimedOut)
        #expect(notice == [.play([prompt("notice", "en")], escapeDigits: "0")])
        #expect(call.call.path.map { TestPlan.plan[$0].name } == ["welcome", "language", "notice"])
    }

    @Test(arguments: ["language", "main", "greeting"])
    func emergencyKeyWorksEverywhere(from place: String) {
        var call = Driver()
        switch place {
        case "language":
            call.send(.promptFinished(interruptedBy: nil))
            call.send(.digitsReceived("0"))
        case "main":
            call.reachMainMenu()
            call.send(.digitsReceived("0"))
        default:
            call.send(.promptFinished(interruptedBy: "0"))
        }
        #expect(call.stateName == "emergency")
        call.send(.promptFinished(interruptedBy: nil))
        #expect(call.actions.last == .transfer(destination: "PJSIP/911@emergency", label: "emergency services"))
        call.send(.transferFinished(.answered(talkSeconds: nil)), after: 60)
        #expect(call.outcome?.ending == .emergency)
    }

    @Test func nonInterruptiblePromptIgnoresOtherKeys() {
        var call = Driver(number: "8002")
        call.send(.promptFinished(interruptedBy: nil))
        #expect(call.stateName == "language")
    }

    @Test func openClosedAndHolidayTakeTheirBranches() {
        var open = Driver(at: TestPlan.openTime)
        open.reachMainMenu()
        #expect(open.stateName == "main")

        var closed = Driver(at: TestPlan.closedTime)
        closed.reachMainMenu()
        #expect(closed.stateName == "closed_message")
        #expect(closed.actions.last == .play([prompt("closed", "es")], escapeDigits: "0123456789*#"))
        closed.send(.promptFinished(interruptedBy: nil))
        closed.send(.promptFinished(interruptedBy: nil))
        #expect(closed.outcome?.ending == .afterHours)
        #expect(closed.outcome?.endedIn == "bye")

        var holiday = Driver(at: TestPlan.holidayTime)
        holiday.reachMainMenu()
        #expect(holiday.stateName == "holiday_message")
    }

    @Test func hoursAreReadWhenTheCallReachesTheCheckNotWhenItStarted() {
        // Starts 16:59:50 on a Monday, reaches the check after 17:00.
        var call = Driver(at: Date(timeIntervalSince1970: 1_796_075_990))
        call.send(.promptFinished(interruptedBy: nil), after: 5)
        call.send(.digitsReceived("1"), after: 5)
        call.send(.promptFinished(interruptedBy: nil), after: 5)
        #expect(call.stateName == "closed_message")
    }
}
