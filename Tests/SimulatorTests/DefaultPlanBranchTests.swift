import CallEngine
import Dialplan
import Foundation
import Simulator
import Testing

/// Every branch of the shipped plan, walked by a scripted caller: each language, open, closed
/// and holiday, every menu option, the emergency key from three menus, retries run out, queue
/// overflow to a message. Together with the checker (no dead ends, the notice policy) this is
/// what an administrator relies on before a reload.
@Suite struct DefaultPlanBranchTests {
    typealias Sim = DefaultPlanSimulationTests
    let open = Sim.local(2026, 12, 1, 10)            // Tuesday 10:00
    let evening = Sim.local(2026, 12, 1, 19)         // Tuesday 19:00: English/Spanish open, day languages closed
    let night = Sim.local(2026, 12, 1, 23)           // everything closed
    let christmas = Sim.local(2026, 12, 25, 12)

    func run(_ keys: String, at date: Date, number: String? = "8883737888", switches: Set<String> = []) throws -> CallOutcome {
        try Simulation(plan: Sim.plan).run(try CallScript(parsing: keys), startingAt: date, context: CallContext(dialedNumber: number), switchesOn: switches).outcome
    }

    /// Issue 14: the supervisor's switches. The announcement plays in the caller's language
    /// before the notice, and the call goes on as usual; an outage sends callers to a message
    /// (or emergency services) and counts as an outage; closed today is the holiday message.
    @Test func theSupervisorsSwitchesTakeTheirBranches() throws {
        let announced = try run("2,1", at: open, switches: ["announcement"])
        #expect(Array(announced.path.prefix(5)) == ["welcome", "choose_language", "announcement", "play_announcement", "confidentiality_notice"])
        #expect(announced.ending == .advocate && announced.language == "es")

        let outage = try run("1,1,1", at: open, switches: ["outage"])
        #expect(outage.path.contains("outage_message") && !outage.path.contains("main_menu") && !outage.path.contains("advocate"), "\(outage.path)")
        #expect(outage.path.last == "take_message" || outage.path.last == "message_thanks", "\(outage.path)")
        let outageOnly = try run("1", at: open, switches: ["outage"])
        #expect(outageOnly.ending == .outage, "\(outageOnly.ending)")
        let emergency = try run("1,0", at: open, switches: ["outage"])
        #expect(emergency.path.contains("emergency_transfer"), "0 still works during an outage: \(emergency.path)")

        let closed = try run("1", at: open, switches: ["closed_today"])
        #expect(closed.path.contains("holiday_closed") && closed.ending == .afterHours)

        // Off, none of them is heard.
        let plain = try run("1,1", at: open)
        #expect(!plain.path.contains("play_announcement") && !plain.path.contains("outage_message") && !plain.path.contains("holiday_closed"))
    }

    func visited(_ outcome: CallOutcome) -> Set<String> { Set(outcome.path) }

    @Test(arguments: [("1", "en"), ("2", "es"), ("3", "zh"), ("4", "vi")])
    func eachLanguageReachesAnAdvocateInOpenHours(key: String, language: String) throws {
        let outcome = try run("\(key),1", at: open)
        #expect(outcome.language == language)
        #expect(outcome.ending == .advocate)
        #expect(outcome.path.contains("confidentiality_notice"))
    }

    @Test(arguments: ["3", "4"])
    func dayLanguagesAfterTheirHoursOfferAnInterpreter(key: String) throws {
        let outcome = try run("\(key),3", at: evening)
        #expect(outcome.path.contains("language_after_hours"))
        #expect(outcome.path.last == "advocate_interpreter")
        #expect(outcome.ending == .advocate)
        #expect(outcome.choices.last == "after_hours=interpreter")
    }

    @Test func englishAndSpanishAreStillOpenInTheEvening() throws {
        #expect(try run("2,1", at: evening).path.contains("main_menu"))
    }

    @Test(arguments: ["1", "2", "3", "4"])
    func nightCallersHearTheAfterHoursMessageInTheirLanguage(key: String) throws {
        let outcome = try run("\(key),1,1,record:30", at: night)
        #expect(outcome.ending == .message)
        #expect(visited(outcome).contains("after_hours") || visited(outcome).contains("language_after_hours"))
    }

    @Test func holidayClosesEveryLanguage() throws {
        for key in ["1", "3"] {
            let outcome = try run("\(key),2,-,-,-", at: christmas)
            #expect(outcome.path.contains("holiday_closed"))
            #expect(outcome.ending == .afterHours)
        }
    }

    @Test func everyMainMenuOption() throws {
        #expect(try run("1,1", at: open).ending == .advocate)                                     // 1 advocate
        let tip = try run("1,2", at: open)                                                         // 2 tip
        #expect(tip.path.suffix(2) == ["report_tip", "advocate"])
        #expect(try run("1,3,1", at: open).ending == .transferred)                                 // 3 services, DV line
        #expect(try run("1,3,9,1", at: open).path.filter { $0 == "main_menu" }.count == 2)         // services → back
        #expect(try run("1,4,1,record:40", at: open).ending == .message)                           // 4 message
        #expect(try run("1,4,2,1", at: open).ending == .advocate)                                  // no consent → menu
        #expect(try run("1,9,1", at: open).path.filter { $0 == "main_menu" }.count == 2)           // 9 repeat
        #expect(try run("1,4,1,record:0,1,record:10", at: open).path.contains("message_not_recorded"))
    }

    @Test(arguments: [
        ("1,0", "choose_language"),             // language menu
        ("1,1,queue-timeout,0", "wait_too_long"),
        ("1,3,0", "services"),
        ("1,4,0", "message_consent"),
    ])
    func emergencyKeyFromMenus(keys: String, menu: String) throws {
        let outcome = try run(keys, at: open)
        #expect(outcome.ending == .emergency)
        #expect(outcome.path.contains(menu))
        #expect(outcome.path.last == "emergency_transfer")
    }

    @Test func failedEmergencyTransferStillGivesTheNotice() throws {
        let outcome = try run("interrupt:0,unavailable", at: open)
        #expect(outcome.path == ["welcome", "emergency", "emergency_transfer", "emergency_failed", "emergency_notice", "emergency_advocate"])
        #expect(outcome.ending == .advocate)
    }

    @Test func retriesRunOutPolitely() throws {
        let silent = try run("", at: open)
        #expect(silent.ending == .noInput)
        #expect(silent.path.last == "goodbye_no_input")
        let wrongKeys = try run("1,7,8,6", at: open)
        #expect(wrongKeys.ending == .noInput)
        #expect(wrongKeys.retries == 2)
    }

    @Test func queueOverflowLeadsToAMessage() throws {
        let outcome = try run("2,1,queue-timeout,1,1,record:45", at: open)
        #expect(outcome.path.contains("wait_too_long"))
        #expect(outcome.ending == .message)
        let keepWaiting = try run("2,1,queue-timeout,2,answer", at: open)
        #expect(keepWaiting.path.filter { $0 == "advocate" }.count == 2)
        #expect(keepWaiting.ending == .advocate)
    }

    @Test func nobodyLoggedInLeadsToTheAlternatives() throws {
        let outcome = try run("1,1,no-advocates,1,1,record:20", at: open)
        #expect(outcome.path.contains("no_advocates"))
        #expect(outcome.ending == .message)
    }

    /// Issue 12, item 4: nobody logged in for the interpreter queue while the hotline is open is
    /// a staffing gap, not after-hours demand.
    @Test func nobodyForTheInterpreterWhileOpenIsAStaffingGap() throws {
        let outcome = try run("3,3,no-advocates,hangup", at: evening)
        #expect(outcome.path.suffix(2) == ["no_advocate_or_closed", "no_advocates"])
        #expect(outcome.ending == .noAdvocates)
    }

    @Test func busyReferralComesBack() throws {
        let outcome = try run("1,3,1,noanswer,1", at: open)
        #expect(outcome.path.contains("referral_failed"))
        #expect(outcome.ending == .advocate)
    }

    @Test func bothEntryNumbersAndTheDefault() throws {
        #expect(try run("1,1", at: open, number: "8885550142").campaign == "transit_posters")
        #expect(try run("1,1", at: open, number: "8883737888").campaign == "main")
        #expect(try run("1,1", at: open, number: nil).campaign == "other")
    }

    /// Together the scripts above visit every state of the plan.
    @Test func theScriptsVisitEveryState() throws {
        let scripts: [(String, Date, String?)] = [
            ("1,1", open, "8885550142"), ("1,2", open, nil), ("1,3,9,1", open, nil), ("1,3,1,noanswer,1", open, nil),
            ("1,4,1,record:0,1,record:10", open, nil), ("1,4,2,1", open, nil), ("1,9,1", open, nil), ("", open, nil),
            ("3,3", evening, nil), ("3,2,1,1,record:5", evening, nil), ("1,1,1,record:20", night, nil), ("1,2,-,-,-", night, nil),
            ("1,2,-,-,-", christmas, nil), ("interrupt:0,unavailable", open, nil), ("2,1,queue-timeout,1,1,record:45", open, nil),
            ("1,1,no-advocates,1,1,record:20", open, nil), ("3,3,queue-timeout,2,answer", evening, nil), ("3,3,no-advocates,hangup", evening, nil),
        ]
        var seen = Set<String>()
        for (keys, date, number) in scripts { seen.formUnion(try run(keys, at: date, number: number).path) }
        // The switches' branches: an announcement, and an outage's message repeated then left.
        seen.formUnion(try run("1,1", at: open, switches: ["announcement"]).path)
        seen.formUnion(try run("1,2,1,1,record:10", at: open, switches: ["outage"]).path)
        #expect(Set(Sim.plan.states.map(\.name)).subtracting(seen).isEmpty, "not visited: \(Set(Sim.plan.states.map(\.name)).subtracting(seen).sorted())")
    }
}
