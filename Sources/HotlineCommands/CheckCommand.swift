import ArgumentParser
import Dialplan

/// `hotline check`: every problem of every plan, compiler-style, in one run.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check dialplans and print every problem as file:line:column: error|warning: message."
    )

    @Argument(help: "Dialplan files to check.")
    var files: [String] = ["Dialplans/hotline.yaml"]

    @OptionGroup var options: PlanOptions

    @Flag(name: .long, help: "Fail on warnings too.")
    var warningsAsErrors = false

    func run() throws {
        var failed = false
        for file in files {
            let loaded: PlanFiles
            do {
                loaded = try PlanFiles(planPath: file, options: options)
            } catch {
                print(error)
                failed = true
                continue
            }
            let diagnostics = loaded.compilation.diagnostics
            for diagnostic in diagnostics { print(diagnostic) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            if errors == 0, let plan = loaded.compilation.plan {
                let promptNote = loaded.inventory == nil ? ", prompts not checked" : ", prompts in \(loaded.promptsRoot) checked"
                print("\(file): ok: \(plan.states.count) states, \(plan.languages.count) languages, \(plan.entries.count) dialed numbers\(promptNote)\(warnings > 0 ? ", \(plural(warnings, "warning"))" : "")")
            } else {
                print("\(file): \(plural(errors, "error")), \(plural(warnings, "warning"))")
            }
            failed = failed || errors > 0 || (warningsAsErrors && warnings > 0)
        }
        if failed { throw ExitCode(1) }
    }

    private func plural(_ count: Int, _ word: String) -> String {
        "\(count) \(word)\(count == 1 ? "" : "s")"
    }
}
