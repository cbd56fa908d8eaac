import AdminAPI
import AdvocateQueue
import ArgumentParser
import CallLog
import Foundation
import Dialplan
import FastAGI
import CallRuntime
import EventSocket
import EventSocketServer
import FastAGIServer
import Logging
import NIOCore
import ServiceLifecycle
import StaffConsole

/// `hotline serve`: the FastAGI server a real Asterisk drives, and beside or instead of it the
/// outbound Event Socket server FreeSWITCH connects to (`--esl-listen`): one runtime for both.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer calls from Asterisk over FastAGI (and from FreeSWITCH over its Event Socket) with a dialplan.",
        discussion: "SIGTERM/SIGINT stop accepting and let calls finish (up to --drain seconds); SIGHUP reloads the plan after checking it."
    )

    @Option(name: .long, help: "Address to listen on, HOST:PORT (loopback by default).")
    var listen: String = "127.0.0.1:4573"

    @Flag(name: .long, inversion: .prefixedNo, help: "Serve Asterisk over FastAGI on --listen (--no-fastagi: FreeSWITCH only).")
    var fastagi = true

    @Option(name: .long, help: "Also serve FreeSWITCH's outbound Event Socket on HOST:PORT (its dialplan's `socket HOST:PORT async full`), e.g. 127.0.0.1:8084.")
    var eslListen: String?

    @Option(name: .long, help: "Prompt folder on the FreeSWITCH host: prompts are FOLDER/<lang>/<name>.wav.")
    var eslPrompts: String = "/usr/share/freeswitch/sounds/hotline"

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

    @Option(name: .long, help: "Seconds of one wait for a key while a caller is on hold. News from the queue cuts a wait short, so this only sets how often a held caller costs a command.")
    var holdWait: Double = 10

    @Option(name: .long, help: "Seconds a new connection has to send its environment block.")
    var environmentTimeout: Double = 10

    @Option(name: .long, help: "Seconds a graceful stop waits for calls in progress.")
    var drain: Double = 30

    @Option(name: .long, help: "Longest line accepted from the PBX, in bytes.")
    var maxLine: Int = 8192

    @Option(name: .long, help: "Most calls in progress at once; a call beyond it is refused at once, so the PBX's fallback answers it (each call needs a file descriptor).")
    var maxCalls: Int = 5000

    @Option(name: .long, help: "The advocates the controller may ring (they start logged out).")
    var roster: String = "Dialplans/roster.yaml"

    @Option(name: .long, help: "Address of the admin HTTP API, HOST:PORT (loopback by default; 8088 is Asterisk's own HTTP port).")
    var adminListen: String = "127.0.0.1:4574"

    @Option(name: .long, help: "File holding the admin API's bearer token (at least 32 characters, e.g. `openssl rand -hex 24`). Without it: systemd's credential 'admin-token' (LoadCredential=), then --admin-token, then $HOTLINE_ADMIN_TOKEN; with none, every request but /health and /ready is refused.")
    var adminTokenFile: String?

    @Option(name: .long, help: "The admin token itself (visible in the process list: prefer --admin-token-file).")
    var adminToken: String?

    @Option(name: .long, help: "Where the positions of the plan's run-time switches are kept across restarts (JSON).")
    var switches: String = "var/switches.json"

    @OptionGroup var console: StaffConsoleOptions

    @OptionGroup var adminTLS: AdminTLSOptions

    @OptionGroup var messageOptions: MessageOptions

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level '\(logLevel)': use trace, debug, info, notice, warning or error")
        }
        let (host, port) = try Self.address(listen)
        let eslAddress = try eslListen.map { try Self.address($0, option: "--esl-listen") }
        guard fastagi || eslAddress != nil else {
            throw ValidationError("--no-fastagi leaves nothing to answer calls: give --esl-listen HOST:PORT for FreeSWITCH, or drop --no-fastagi")
        }
        if let eslAddress, fastagi, eslAddress == (host, port) {
            throw ValidationError("--esl-listen \(eslListen ?? ""): the same address as --listen; give FreeSWITCH's Event Socket its own port, e.g. 127.0.0.1:8084")
        }
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
        guard holdWait.isFinite, (0.2...60).contains(holdWait) else {
            throw ValidationError("--hold-wait \(holdWait): give seconds between 0.2 and 60 (each held caller sends one command per wait)")
        }
        settings.holdWaitMilliseconds = Int(holdWait * 1000)
        var limits = ServerLimits()
        limits.environmentTimeoutSeconds = environmentTimeout
        limits.drainSeconds = drain
        limits.maximumLineLength = maxLine
        guard (1...1_000_000).contains(maxCalls) else { throw ValidationError("--max-calls \(maxCalls): give from 1 to 1000000 calls") }
        limits.maximumCalls = maxCalls
        Self.raiseFileLimit(toServe: maxCalls, logger: logger)

        let advocates = try Self.loadRoster(roster, plan: compiled)
        let (adminHost, adminPort) = try Self.address(adminListen, option: "--admin-listen")
        let tls = try adminTLS.configuration()
        let token: AdminToken?
        do {
            token = try AdminToken.find(file: adminTokenFile, option: adminToken, environment: ProcessInfo.processInfo.environment)
        } catch {
            print("\(error)")
            throw ExitCode(1)
        }
        if token == nil { logger.warning("admin API: no token (--admin-token-file, systemd credential 'admin-token' or HOTLINE_ADMIN_TOKEN); every request but /health and /ready will be refused") }
        let metrics = ServiceMetrics()
        metrics.bootstrap()
        let queue = AdvocateQueueService(queues: Self.queueSettings(compiled), roster: advocates, logger: logger)
        let plans = PlanStore(compiled)
        let logSettings = try callLog.settings()
        let database: CallLogDatabase
        do {
            database = try CallLogDatabase(path: callLog.database, maximumBytes: logSettings.maximumDatabaseBytes, verify: true)
        } catch {
            print("\(error)")
            print("the server does not start without a call log it can write: calls would be answered and never counted")
            throw ExitCode(1)
        }
        let forgotten = try await database.forgetUndeclaredNumbers(keeping: Set(compiled.entries.keys))
        if forgotten > 0 {
            logger.notice("call log: \(forgotten) rows held a dialed number that is none of the plan's (an older controller stored what the trunk sent, possibly a caller's own number); they now say 'other'")
        }
        // Reports read times in the plan's zone wherever they run: it is kept with the data.
        try await database.recordTimeZone(compiled.timeZone)
        try await database.recordGranularity(logSettings.granularitySeconds)
        let interrupted = try await database.countInterruptedCalls()
        if interrupted > 0 {
            logger.warning("call log: \(interrupted) calls were up when the controller last stopped without warning; they are counted as interrupted")
        }
        let writer = CallLogWriter(database: database, settings: logSettings, logger: logger)
        logger.info("call log", metadata: ["database": "\(callLog.database)", "mode": "\(callLog.logMode)", "granularity": "\(callLog.granularity)s"])
        let switchBoard: SwitchBoard
        do {
            switchBoard = try SwitchBoard(path: switches)
        } catch {
            print(error.description)
            throw ExitCode(1)
        }
        let staff = try await console.prepare(queue: queue, host: adminHost, port: adminPort, tls: tls != nil, logger: logger)
        let sealer = try messageOptions.sealer(database: database, recordings: recordings, logger: logger)
        let runtime = CallRuntime(plans: plans, queue: queue, outcomes: CountedOutcomes(writer), logger: logger, switches: switchBoard, staffDesk: staff?.desk,
                                  messages: sealer)
        let server = FastAGIServer(host: host, port: port, configuration: ServerConfiguration(runtime: runtime, settings: settings, limits: limits))
        var eslSettings = ESLSettings()
        eslSettings.promptFolder = eslPrompts
        eslSettings.recordingDirectory = recordings
        eslSettings.commandTimeoutSeconds = commandTimeout
        let eslServer = eslAddress.map { EventSocketServer(host: $0.0, port: $0.1, runtime: runtime, settings: eslSettings, limits: limits) }
        let callServers: [any Service] = (fastagi ? [server] : []) + (eslServer.map { [$0] } ?? [])
        let planPath = plan, options = planOptions, rosterPath = roster
        // A reload reads plan, prompts and roster together and takes them only if all three are
        // sound; advocates keep their state and statistics, waiting callers keep their place.
        // Serving without a roster file (nobody can log in) may go on; a roster that was there
        // and vanished refuses the reload rather than emptying it during a shift.
        let servedWithoutRoster = advocates.isEmpty && !FileManager.default.fileExists(atPath: roster)
        let reloader = PlanReloadService(plans: plans, logger: logger) {
            let compilation = try PlanFiles(planPath: planPath, options: options).compilation
            guard let plan = compilation.plan else { return PlanReloadService.Candidate(compilation: compilation) }
            let roster = RosterFile(rosterPath, plan: plan)
            if !roster.exists, servedWithoutRoster {
                return PlanReloadService.Candidate(compilation: compilation, warnings: ["\(rosterPath): warning: still no roster; no advocate can log in"]) { plan in
                    Task { await queue.reconfigure(queues: Self.queueSettings(plan), roster: []) }
                    Task { try? await database.recordTimeZone(plan.timeZone) }
                }
            }
            guard let advocates = roster.advocates else {
                return PlanReloadService.Candidate(compilation: compilation, refusals: roster.errors)
            }
            return PlanReloadService.Candidate(compilation: compilation, warnings: roster.warnings) { plan in
                Task { await queue.reconfigure(queues: Self.queueSettings(plan), roster: advocates) }
                Task { try? await database.recordTimeZone(plan.timeZone) }
            }
        }
        let controller = AdminAPI.Controller(queue: queue, reloader: reloader, plans: plans, activeCalls: { runtime.calls.count },
                                             callLogProblem: { writer.problem }, metrics: metrics, switches: switchBoard)
        let router = AdminAPI.router(controller, token: token?.value)
        console.install(staff, on: router, queue: queue, reloader: reloader, plans: plans, switches: switchBoard, today: TodayReport.figures(database: database, plans: plans),
                        messages: sealer.map { MessageInbox(database: database, store: $0.store) }, host: adminHost, port: adminPort, tls: tls != nil)
        let admin = try AdminAPI.application(router: router, host: adminHost, port: adminPort, logger: logger, tls: tls)
        let staffActivity = StaffActivityRecorder(queue: queue, database: database, granularity: logSettings.granularitySeconds, interval: .seconds(60), logger: logger)
        let group = ServiceGroup(
            // Stopped last to first: the sealer after the calls that record, the call log last.
            services: [writer] + (sealer.map { [$0] } ?? []) + [queue, staffActivity] + callServers + [admin, reloader],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        do {
            try await group.run()
        } catch let error as FastAGIServer.BindError {
            print(error.description)
            throw ExitCode(1)
        } catch let error as EventSocketServer.BindError {
            print(error.description)
            throw ExitCode(1)
        } catch let error as IOError where error.description.contains("bind") {
            // The FastAGI listener names its own address; an unnamed bind error is the admin API's.
            print("cannot listen for the admin API on \(adminListen): \(error); is another controller already there? choose another address with --admin-listen")
            throw ExitCode(1)
        }
    }

    static func queueSettings(_ plan: Plan) -> [QueueSettings] {
        plan.queues.map { QueueSettings(name: $0.key, $0.value) }
    }

    /// The roster's advocates at the start; a missing file means nobody can be logged in (calls
    /// go to the queues' no-advocates branch), a broken one stops the start.
    static func loadRoster(_ path: String, plan: Plan) throws -> [AgentProfile] {
        let roster = RosterFile(path, plan: plan)
        if !roster.exists {
            print("\(path): warning: no roster; no advocate can log in")
            return []
        }
        for diagnostic in roster.diagnostics { print(diagnostic) }
        guard let advocates = roster.advocates else { throw ExitCode(1) }
        return advocates
    }

    /// Each call holds a socket: raise the soft file limit toward the hard one, and warn when
    /// even that cannot hold `calls` calls and the files the controller itself needs.
    static func raiseFileLimit(toServe calls: Int, logger: Logger) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let wanted = rlim_t(calls + 256)
        if limit.rlim_cur < wanted {
            limit.rlim_cur = min(wanted, limit.rlim_max)
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        if limit.rlim_cur < wanted {
            logger.warning("the file limit is \(limit.rlim_cur), too low for --max-calls \(calls) (each call needs a descriptor): calls beyond about \(Int(limit.rlim_cur) - 256) will fail to connect; raise LimitNOFILE or lower --max-calls")
        }
    }

    /// `HOST:PORT` or `[IPv6]:PORT`.
    static func address(_ text: String, option: String = "--listen") throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("\(option) '\(text)': write HOST:PORT, e.g. \(option == "--esl-listen" ? "127.0.0.1:8084" : "127.0.0.1:4573")")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("\(option) '\(text)': the host is missing") }
        return (host, port)
    }
}
