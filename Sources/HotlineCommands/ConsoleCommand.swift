import ArgumentParser
import CallEngine
import Console
import Dialplan
import Foundation

/// `hotline console`: call the plan from a terminal like a phone.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Call a dialplan from the terminal: prompts through ALSA with subtitles, keys as DTMF.",
        discussion: "Keys 0-9 * # are the phone's; h hangs up. Queues, transfers and recordings ask what happens next."
    )

    @Argument(help: "The dialplan file.")
    var plan: String = "Dialplans/hotline.yaml"

    @Option(name: .long, help: "The hotline number dialed.")
    var number: String?

    @Option(name: .long, help: "Local time in the plan's time zone, YYYY-MM-DDTHH:MM (default: now).")
    var at: String?

    @Option(name: .long, help: "alsa or none (subtitles only).")
    var audio: String = "alsa"

    @Option(name: .long, help: "ALSA PCM device: default, plughw:0, null …")
    var device: String = "default"

    @OptionGroup var options: PlanOptions

    func run() throws {
        guard audio == "alsa" || audio == "none" else { throw ValidationError("--audio '\(audio)': use alsa or none") }
        let files = try PlanFiles(planPath: plan, options: options)
        guard let compiled = files.compilation.plan else {
            for diagnostic in files.compilation.diagnostics { print(diagnostic) }
            print("\(plan): has errors; fix them (hotline check \(plan)) before calling it")
            throw ExitCode(1)
        }
        let start = try at.map { try SimulateCommand.localTime($0, in: compiled) } ?? Date()
        let output: any AudioOutput
        do {
            output = audio == "alsa" ? try ALSAOutput(device: device) : SilentOutput()
        } catch {
            print("console: error: \(error)")
            throw ExitCode(1)
        }
        let keyboard = Keyboard()
        defer { keyboard.restore() }
        let console = ConsoleCall(plan: compiled, promptsRoot: files.promptsRoot, texts: files.promptTexts, audio: output, keyboard: keyboard) {
            // Unbuffered, so what the caller hears and sees stays in step through a pipe too.
            FileHandle.standardOutput.write(Data(($0 + "\n").utf8))
        }
        _ = console.run(CallContext(dialedNumber: number), at: start)
    }
}
