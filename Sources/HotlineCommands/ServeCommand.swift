import ArgumentParser
import CallLog
import Dialplan
import FastAGI
import FastAGIServer
import Logging
import ServiceLifecycle

/// `hotline serve`: the FastAGI server a real Asterisk drives.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer calls from Asterisk over FastAGI with a dialplan.",
        discussion: "SIGTERM/SIGINT stop accepting and let calls finish (up to --drain seconds); SIGHUP reloads the plan after checking it."
    )

    @Option(name: .long, help: "Address to listen on, HOST:PORT (loopback by default).")
    var listen: String = "127.0.0.1:4573"

    @Option(name: .long, help: "The dialplan file.")
    var plan: String = "Dialplans/hotline.yaml"

    @OptionGroup var planOptions: PlanOptions

    @OptionGroup var callLog: CallLogOptions

    @Option(name: .long, help: "Prompt paths on the PBX are PREFIX/<lang>/<name> (relative to Asterisk's sounds folder).")
    var promptPrefix: String = "hotline"

    @Option(name: .long, help: "Folder on the PBX where messages are recorded (it must exist).")
    var recordings: String = "/var/spool/asterisk/hotline-messages"

    @Option(name: .long, help: "Seconds to wait for a reply to a quick command before the PBX counts as gone.")
    var commandTimeout: Double = 10

    @Option(name: .long, help: "Seconds a new connection has to send its environment block.")
    var environmentTimeout: Double = 10

    @Option(name: .long, help: "Seconds a graceful stop waits for calls in progress.")
    var drain: Double = 30

    @Option(name: .long, help: "Longest line accepted from the PBX, in bytes.")
    var maxLine: Int = 8192

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level '\(logLevel)': use trace, debug, info, notice, warning or error")
        }
        let (host, port) = try Self.address(listen)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "hotline")
        let files = try PlanFiles(planPath: plan, options: planOptions)
        guard let compiled = files.compilation.plan else {
            for diagnostic in files.compilation.diagnostics { print(diagnostic) }
            print("\(plan): has errors; the server does not start on a broken plan")
            throw ExitCode(1)
        }
        var settings = AGISettings()
        settings.promptPrefix = promptPrefix
        settings.recordingDirectory = recordings
        settings.commandTimeoutSeconds = commandTimeout
        var limits = ServerLimits()
        limits.environmentTimeoutSeconds = environmentTimeout
        limits.drainSeconds = drain
        limits.maximumLineLength = maxLine

        let plans = PlanStore(compiled)
        let writer = CallLogWriter(path: callLog.database, settings: try callLog.settings(), logger: logger)
        logger.info("call log", metadata: ["database": "\(callLog.database)", "mode": "\(callLog.logMode)", "granularity": "\(callLog.granularity)s"])
        let server = FastAGIServer(host: host, port: port, configuration: ServerConfiguration(plans: plans, settings: settings, limits: limits, outcomes: writer, logger: logger))
        let planPath = plan, options = planOptions
        let reloader = PlanReloadService(plans: plans, logger: logger) {
            try PlanFiles(planPath: planPath, options: options).compilation
        }
        let group = ServiceGroup(
            services: [writer, server, reloader],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        try await group.run()
    }

    /// `HOST:PORT` or `[IPv6]:PORT`.
    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen '\(text)': write HOST:PORT, e.g. 127.0.0.1:4573")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--listen '\(text)': the host is missing") }
        return (host, port)
    }
}
