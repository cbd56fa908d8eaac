import ArgumentParser

/// `hotline`: the controller of a national anti-trafficking hotline, one binary.
public struct Hotline: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hotline",
        abstract: "The IVR controller of a national anti-trafficking hotline.",
        version: HotlineVersion.description,
        subcommands: [CheckCommand.self, SimulateCommand.self, ServeCommand.self, ReportCommand.self, PurgeCommand.self, KeysCommand.self, MessagesCommand.self, PromptsCommand.self, GraphCommand.self, ConsoleCommand.self, LoadTestCommand.self, GenerateCallsCommand.self, AccountsCommand.self]
    )

    public init() {}
}

/// Options every command that reads a plan shares.
struct PlanOptions: ParsableArguments {
    @Option(name: .long, help: "The prompts folder (default: the plan's 'prompts', else ../Prompts beside the plan).")
    var prompts: String?

    @Flag(name: .long, help: "Skip the checks of prompt audio files.")
    var noPrompts = false
}
