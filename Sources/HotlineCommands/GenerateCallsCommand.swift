import ArgumentParser
import CallReports
import CallEngine
import CallLog
import Dialplan
import Foundation
import Logging
import Simulator

/// `hotline generate-calls`: fills a call log with plausible synthetic calls, made by running
/// scripted callers through the real engine and plan. For trying reports and for load tests of
/// the call log; never point it at a production database.
struct GenerateCallsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-calls",
        abstract: "Write synthetic calls (scripted callers through the engine) into a call log, for reports and tests."
    )

    @OptionGroup var callLog: CallLogOptions

    @Option(name: .long, help: "The dialplan the callers call.")
    var plan: String = "Dialplans/hotline.yaml"

    @Option(name: .long, help: "Days of calls, ending at --end.")
    var days: Int = 30

    @Option(name: .long, help: "Average calls a day.")
    var callsPerDay: Int = 300

    @Option(name: .long, help: "Stop after this many calls in all (default: days × calls a day).")
    var calls: Int?

    @Option(name: .long, help: "Last day, YYYY-MM-DD (default: yesterday).")
    var end: String?

    @Option(name: .long, help: "Random seed, for repeatable data.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Print 'committed N' after each write.")
    var progress = false

    func run() async throws {
        let files = try PlanFiles(planPath: plan, options: PlanOptions.parse(["--no-prompts"]))
        guard let compiled = files.compilation.plan else {
            for diagnostic in files.compilation.diagnostics { print(diagnostic) }
            throw ExitCode(1)
        }
        let settings = try callLog.settings()
        let database = try CallLogDatabase(path: callLog.database, maximumBytes: settings.maximumDatabaseBytes)
        try await database.recordTimeZone(compiled.timeZone)
        try await database.recordGranularity(settings.granularitySeconds)
        let writer = CallLogWriter(database: database, settings: settings, logger: Logger(label: "hotline"))
        var generator = SyntheticCallers(seed: seed)
        let lastDay = try end.map { try ReportCommand.day($0, "--end", compiled.calendar) }
            ?? compiled.calendar.startOfDay(for: Date()).addingTimeInterval(-86_400)
        let total = calls ?? days * callsPerDay
        var committed = 0
        for n in 0..<total {
            let (scripts, timing) = generator.caller()
            let start = generator.startTime(lastDay: lastDay, days: days, calendar: compiled.calendar)
            let context = CallContext(dialedNumber: generator.number())
            var simulation = Simulation(plan: compiled)
            simulation.timing = timing
            let id = CallID(generator.next())
            // The first script that fits the call (after hours the menus differ) is the caller's.
            guard let transcript = scripts.lazy.compactMap({ try? simulation.run($0, startingAt: start, context: context, callID: id) }).first else {
                continue
            }
            writer.record(transcript.outcome)
            if (n + 1) % 500 == 0 || n + 1 == total {
                let written = await writer.flush()
                guard written > 0 || writer.pendingCount == 0 else { throw ExitCode(1) }
                committed += written
                // Straight to the file descriptor, unbuffered: a test kills this process and reads
                // how much it had committed.
                // (A reader gone away is no reason to trap: the rows are committed either way.)
                if progress { try? FileHandle.standardOutput.write(contentsOf: Data("committed \(committed)\n".utf8)) }
            }
        }
        print("wrote \(committed) synthetic calls to \(callLog.database)")
    }
}

/// Random callers shaped like a hotline's: more calls in the evening, mostly English, some
/// Spanish; most want an advocate, some give up in the queue, some leave a message.
struct SyntheticCallers {
    var random: SplitMix

    init(seed: UInt64) {
        random = SplitMix(seed: seed)
    }

    mutating func next() -> UInt64 { random.next() }

    mutating func unit() -> Double { Double(random.next() >> 11) / Double(1 << 53) }

    mutating func number() -> String {
        unit() < 0.8 ? "8883737888" : "8885550142"
    }

    mutating func startTime(lastDay: Date, days: Int, calendar: Calendar) -> Date {
        let day = Int(unit() * Double(days))
        let weights: [Double] = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 6, 6, 6, 6, 6, 7, 8, 9, 9, 8, 5, 2]
        var pick = unit() * weights.reduce(0, +)
        var hour = 0
        while hour < 23, pick > weights[hour] { pick -= weights[hour]; hour += 1 }
        let base = calendar.date(byAdding: .day, value: -day, to: lastDay) ?? lastDay
        return base.addingTimeInterval(Double(hour) * 3600 + unit() * 3599)
    }

    /// Scripts to try in order (the first that fits the call's path is used) and timing.
    mutating func caller() -> ([CallScript], SimulationTiming) {
        var timing = SimulationTiming()
        timing.queueWaitSeconds = (-log(1 - unit()) * 40).rounded()
        timing.conversationSeconds = 120 + (unit() * 900).rounded()
        let language = unit() < 0.72 ? "1" : "2"
        let roll = unit()
        let steps: [CallScript.Step]
        switch roll {
        case ..<0.55: steps = [.keys(language), .keys("1"), .answer]
        case ..<0.68: steps = [.keys(language), .keys("1"), .hangUp]
        case ..<0.74: steps = [.keys(language), .keys("2"), .answer]
        case ..<0.80: steps = [.keys(language), .keys("3"), .keys("1"), .answer]
        case ..<0.86: steps = [.keys(language), .keys("4"), .keys("1"), .recorded(20 + (unit() * 100).rounded())]
        case ..<0.91: steps = [.keys(language), .hangUp]
        case ..<0.94: steps = [.interrupt("0"), .answer]
        default: steps = [.keys(language), .keys("1"), .queueTimeout, .keys("1"), .keys("1"), .recorded(30)]
        }
        let afterHours: [[CallScript.Step]] = unit() < 0.5
            ? [[.keys(language), .keys("1"), .keys("1"), .recorded(25 + (unit() * 60).rounded())]]
            : [[.keys(language), .hangUp]]
        return (([steps] + afterHours + [[.keys(language)]]).map { CallScript($0) }, timing)
    }
}
