import ArgumentParser
import CallEngine
import Dialplan
import Foundation
import Simulator

/// `hotline simulate`: one call through the engine with scripted keys, printed as a transcript.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run one call through a dialplan with scripted key presses and print the transcript.",
        discussion: """
        Script steps, comma-separated, used in order whenever the call waits: digits (1, 4711#),
        - (no input), hangup, interrupt:KEY (a key during a prompt), answer, queue-timeout,
        no-advocates, busy, noanswer, unavailable, congestion, record:SECONDS. When the script runs
        out the caller stays silent, advocates and lines answer, and messages last 30 s.
        """
    )

    @Argument(help: "The dialplan file.")
    var plan: String = "Dialplans/hotline.yaml"

    @Option(name: .long, help: "Scripted steps, e.g. \"2,1\".")
    var keys: String = ""

    @Option(name: .long, help: "Local time in the plan's time zone, YYYY-MM-DDTHH:MM (default: now).")
    var at: String?

    @Option(name: .long, help: "The hotline number dialed (selects the entry; default: the default entry).")
    var number: String?

    @Option(name: .long, help: "The language the PBX reports for the channel.")
    var language: String?

    @Option(name: .long, help: "A run-time switch's position for this call, NAME=on or NAME=off (repeatable; every switch is off otherwise).")
    var `switch`: [String] = []

    @Flag(name: .long, help: "Print the transcript as JSON.")
    var json = false

    @OptionGroup var options: PlanOptions

    func run() throws {
        let script: CallScript
        do {
            script = try CallScript(parsing: keys)
        } catch {
            throw ValidationError("--keys: \(error)")
        }
        let files = try PlanFiles(planPath: plan, options: options)
        guard let compiled = files.compilation.plan else {
            for diagnostic in files.compilation.diagnostics { print(diagnostic) }
            print("\(plan): has errors; fix them (hotline check \(plan)) before simulating")
            throw ExitCode(1)
        }
        let start = try at.map { try Self.localTime($0, in: compiled) } ?? Date()
        var switchesOn: Set<String> = []
        for position in self.switch {
            let parts = position.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["on", "off"].contains(parts[1]) else { throw ValidationError("--switch '\(position)': write NAME=on or NAME=off") }
            guard compiled.switches.contains(where: { $0.name == parts[0] }) else {
                throw ValidationError("--switch '\(position)': the plan has no switch '\(parts[0])'" + (compiled.switches.isEmpty ? "" : "; its switches: \(compiled.switches.map(\.name).joined(separator: ", "))"))
            }
            if parts[1] == "on" { switchesOn.insert(parts[0]) } else { switchesOn.remove(parts[0]) }
        }
        let simulation = Simulation(plan: compiled, timing: SimulationTiming(promptDurations: files.promptDurations), promptTexts: files.promptTexts)
        let transcript: Transcript
        do {
            transcript = try simulation.run(script, startingAt: start, context: CallContext(dialedNumber: number, language: language), callID: CallID.random(),
                                           switchesOn: switchesOn)
        } catch {
            print("simulate: error: \(error)")
            throw ExitCode(1)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(transcript), as: UTF8.self))
        } else {
            print(TranscriptPrinter.text(transcript))
        }
    }

    /// `YYYY-MM-DDTHH:MM` read on the plan's wall clock; refuses times a DST change skips.
    static func localTime(_ text: String, in plan: Plan) throws -> Date {
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0) }
        guard parts.count == 5, parts.allSatisfy({ $0 != nil }) else {
            throw ValidationError("--at '\(text)': write the local time as YYYY-MM-DDTHH:MM, e.g. 2026-12-25T23:00")
        }
        let wanted = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4])
        guard let date = plan.calendar.date(from: wanted) else {
            throw ValidationError("--at '\(text)': not a date in \(plan.timeZone.identifier)")
        }
        let back = plan.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard back.year == wanted.year, back.month == wanted.month, back.day == wanted.day, back.hour == wanted.hour, back.minute == wanted.minute else {
            throw ValidationError("--at '\(text)': that local time does not exist in \(plan.timeZone.identifier) (the clocks skip it); pick another time")
        }
        return date
    }
}
