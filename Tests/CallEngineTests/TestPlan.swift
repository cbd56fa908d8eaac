import CallEngine
import Dialplan
import Foundation
import Testing

/// A small plan exercising every kind of state, compiled once for the engine tests.
enum TestPlan {
    static let yaml = """
    format: 1
    name: Engine test plan
    version: "t1"
    languages: [en, es]
    default_language: en
    time_zone: America/New_York
    hours:
      office:
        weekdays: "09:00-17:00"
        closures: [{date: 2026-12-25, name: Christmas Day}]
    entries:
      - {number: "8001", campaign: main, start: welcome}
      - {number: "8002", campaign: posters, start: poster_welcome}
      - {default: true, campaign: other, start: welcome}
    global_keys:
      "0": emergency
    policies:
      - {require: notice, before: [queue, transfer], except: [emergency_line]}
    queues:
      advocates: {languages: [en, es]}
    states:
      welcome:
        play: welcome
        next: language
      poster_welcome:
        play: poster_welcome
        interruptible: false
        next: language
      language:
        menu: [lang_en@en, lang_es@es]
        keys:
          "1": {set: {language: en}, next: notice}
          "2": {set: {language: es}, next: notice}
        timeout: 5
        retries: 2
        no_input: no_input
        invalid: invalid
        exhausted: notice
      notice:
        play: notice
        interruptible: false
        next: hours
      hours:
        hours: office
        open: main
        closed: closed_message
        holiday: holiday_message
      main:
        menu: main_menu
        keys:
          "1": {next: advocate, meaning: option=advocate}
          "2": {next: reference, meaning: option=reference}
          "3": {next: referral, meaning: option=referral}
          "4": {next: message, meaning: option=message}
        retries: 1
        no_input: no_input
        invalid: invalid
        exhausted: bye_no_input
      reference:
        collect: enter_reference
        into: reference
        min_digits: 4
        max_digits: 6
        retries: 1
        invalid: invalid
        next: by_language
        exhausted: bye
      by_language:
        switch: language
        cases: {es: bye_es}
        default: bye
      advocate:
        queue: advocates
        priority: 2
        max_wait: 300
        on_timeout: message
        on_no_advocates: closed_message
      referral:
        transfer: PJSIP/1800@partners
        name: partner line
        on_fail: main
      message:
        record: record_instructions
        max_seconds: 90
        next: thanks
        on_fail: bye
      thanks:
        hangup: message
        prompt: thanks
      closed_message:
        play: closed
        outcome: after_hours
        next: bye
      holiday_message:
        play: holiday
        outcome: after_hours
        next: bye
      emergency:
        play: emergency
        interruptible: false
        outcome: emergency
        next: emergency_line
      emergency_line:
        transfer: PJSIP/911@emergency
        name: emergency services
        on_fail: bye
      bye_es:
        hangup:
        prompt: goodbye
      bye:
        hangup:
        prompt: goodbye
      bye_no_input:
        hangup: no_input
    """

    static let plan: Plan = {
        let compilation = Dialplan.compile(yaml, file: "test.yaml", prompts: nil)
        precondition(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        return compilation.plan!
    }()

    /// Monday 2026-11-30 10:00 in New York (open).
    static let openTime = Date(timeIntervalSince1970: 1_796_050_800)
    /// Monday 2026-11-30 20:00 in New York (closed).
    static let closedTime = Date(timeIntervalSince1970: 1_796_086_800)
    /// Friday 2026-12-25 10:00 in New York (holiday).
    static let holidayTime = Date(timeIntervalSince1970: 1_798_210_800)
}

/// Drives a `Call` with a moving clock and keeps every action it returned.
struct Driver {
    var call: Call
    var now: Date
    var actions: [CallAction] = []

    init(at start: Date = TestPlan.openTime, number: String? = "8001", language: String? = nil) {
        call = Call(id: CallID(42), plan: TestPlan.plan)
        now = start
        actions = call.handle(.callStarted(CallContext(dialedNumber: number, language: language)), at: now)
    }

    @discardableResult
    mutating func send(_ event: CallEvent, after seconds: Double = 1) -> [CallAction] {
        now += seconds
        let result = call.handle(event, at: now)
        actions += result
        return result
    }

    var outcomes: [CallOutcome] {
        actions.compactMap { if case .logOutcome(let outcome) = $0 { outcome } else { nil } }
    }

    var outcome: CallOutcome? { outcomes.last }

    var stateName: String? { call.currentState.map { TestPlan.plan[$0].name } }

    /// Welcome, Spanish, notice: the call is at the main menu (when open).
    mutating func reachMainMenu(language key: String = "2") {
        send(.promptFinished(interruptedBy: nil))
        send(.digitsReceived(key))
        send(.promptFinished(interruptedBy: nil))
    }
}

func prompt(_ name: String, _ language: String) -> Prompt {
    Prompt(name: name, language: language)
}
