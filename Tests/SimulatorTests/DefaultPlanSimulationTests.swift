import CallEngine
import Dialplan
import Foundation
import Simulator
import Testing

/// Pins the default plan's flows down through the simulator: the same engine a PBX drives.
@Suite struct DefaultPlanSimulationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let plan: Plan = {
        let text = try! String(contentsOf: root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)
        let compilation = Dialplan.compile(text, file: "Dialplans/hotline.yaml", prompts: nil)
        precondition(compilation.plan != nil, "\(compilation.diagnostics)")
        return compilation.plan!
    }()

    /// Local wall-clock time in the plan's zone.
    static func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        plan.calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    func run(_ keys: String, at date: Date = local(2026, 12, 1, 10), number: String? = "8883737888") throws -> Transcript {
        try Simulation(plan: Self.plan).run(try CallScript(parsing: keys), startingAt: date, context: CallContext(dialedNumber: number))
    }

    @Test func spanishCallerReachesAnAdvocate() throws {
        let transcript = try run("2,1")
        #expect(transcript.outcome.ending == .advocate)
        #expect(transcript.outcome.language == "es")
        #expect(transcript.outcome.path == ["welcome", "choose_language", "announcement", "confidentiality_notice", "outage", "closed_today", "hours_by_language", "check_hours", "main_menu", "advocate"])
        #expect(transcript.outcome.choices == ["language=es", "option=advocate"])
        #expect(transcript.lines.contains { $0.text == "play es/confidentiality (only 0 interrupts)" })
    }

    @Test func christmasNightCallerHearsTheHolidayMessageAndLeavesOne() throws {
        let transcript = try run("1,1,1,record:40", at: Self.local(2026, 12, 25, 23))
        #expect(transcript.outcome.path.contains("holiday_closed"))
        #expect(transcript.outcome.ending == .message)
        #expect(transcript.outcome.endedIn == "message_thanks")
    }

    @Test func closedWeekdayNightGoesToAfterHoursAndSilenceEndsPolitely() throws {
        let transcript = try run("1", at: Self.local(2026, 12, 1, 23))
        #expect(transcript.outcome.path.contains("after_hours"))
        #expect(transcript.outcome.ending == .afterHours)
        #expect(transcript.outcome.endedIn == "goodbye")
    }

    @Test func transitPosterLineHasItsOwnGreetingAndCampaign() throws {
        let transcript = try run("1,3,1", number: "8885550142")
        #expect(transcript.outcome.path.first == "welcome_transit")
        #expect(transcript.outcome.campaign == "transit_posters")
        #expect(transcript.outcome.ending == .transferred)
    }

    @Test(arguments: ["interrupt:0", "1,interrupt:0", "1,0", "1,3,0"])
    func emergencyKeyWorksFromAnyMenu(keys: String) throws {
        let transcript = try run(keys)
        #expect(transcript.outcome.path.contains("emergency"))
        #expect(transcript.outcome.ending == .emergency)
    }

    @Test func silentCallerIsNeverStranded() throws {
        let transcript = try run("")
        #expect(transcript.outcome.ending == .noInput)
        #expect(transcript.outcome.retries == 4)
    }

    @Test func queueOverflowOffersAMessage() throws {
        let transcript = try run("1,1,queue-timeout,1,1,record:20")
        #expect(transcript.outcome.path.contains("wait_too_long"))
        #expect(transcript.outcome.ending == .message)
        #expect(transcript.outcome.secondsWaiting == 600)
    }

    @Test func busyReferralReturnsToTheMainMenu() throws {
        let transcript = try run("1,3,1,busy,9,hangup")
        #expect(transcript.outcome.path.suffix(4) == ["transfer_domestic_violence", "referral_failed", "main_menu", "main_menu"])
        #expect(transcript.outcome.ending == .abandonedInIVR)
    }

    @Test func aStepThatDoesNotFitSaysWhere() {
        #expect(throws: Simulation.StepMismatch.self) { try run("busy") }
        do {
            _ = try run("1,busy")
        } catch {
            #expect("\(error)" == "script step 2 'busy' does not fit: in state 'main_menu' the call waits for a key press")
        }
    }

    @Test func badScriptsAreRefusedWithTheStepNumber() {
        #expect(throws: CallScript.ParseError.self) { try CallScript(parsing: "1,2,jump") }
        #expect((try? CallScript(parsing: "1, 12#, -, hangup, interrupt:0, record:5"))?.steps == [.keys("1"), .keys("12#"), .silence, .hangUp, .interrupt("0"), .recorded(5)])
    }
}
