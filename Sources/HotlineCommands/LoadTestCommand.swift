import ArgumentParser
import Foundation
import LoadTest

/// `hotline loadtest`: a PBX simulator for capacity planning.
struct LoadTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Play many scripted callers at a controller over FastAGI and report calls/s, think time, CPU and memory.",
        discussion: "Only point it at a controller you run on this machine (loopback). Raise `ulimit -n` above twice the concurrency."
    )

    @Option(name: .long, help: "The controller, HOST:PORT.")
    var target: String = "127.0.0.1:4573"

    @Option(name: .long, help: "Calls in all.")
    var calls: Int = 1000

    @Option(name: .long, help: "Calls at once.")
    var concurrency: Int = 100

    @Option(name: .long, help: "Calls started per second (default: a new call as soon as one ends).")
    var rate: Double?

    @Option(name: .long, help: "Keys the callers press at menus, in order.")
    var keys: String = "21"

    @Option(name: .long, help: "Milliseconds an advocate's conversation lasts (Dial returns after it).")
    var talkMs: Int = 0

    @Option(name: .long, help: "Hold in the queue this many seconds, then hang up (measures held calls).")
    var hold: Double?

    @Option(name: .long, help: "Hang up at this command (1 = the first).")
    var hangUpAt: Int?

    @Option(name: .long, help: "The controller's process id: report its CPU per call and RSS per held call.")
    var pid: Int32?

    @Option(name: .long, help: "Write the first call's commands here (the baseline replays them).")
    var record: String?

    @Option(name: .long, help: "The controller's admin API, HOST:PORT: log in every advocate of the roster first.")
    var admin: String?

    @Option(name: .long, help: "The admin API token (default: $HOTLINE_ADMIN_TOKEN).")
    var token: String?

    @Option(name: .long, help: "Event-loop threads of the simulator.")
    var threads: Int = 1

    /// Progress and warnings go to standard error: standard output is the report scripts read.
    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func run() async throws {
        let (host, port) = try ServeCommand.address(target)
        guard calls > 0, concurrency > 0 else { throw ValidationError("--calls and --concurrency must be positive") }
        if let admin { try await Self.logInEveryone(admin: admin, token: token ?? ProcessInfo.processInfo.environment["HOTLINE_ADMIN_TOKEN"]) }
        var options = LoadRunner.Options()
        options.host = host
        options.port = port
        options.calls = calls
        options.concurrency = concurrency
        options.ratePerSecond = rate
        options.script = LoadScript(keys: keys, talkMilliseconds: talkMs, holdSeconds: hold, hangUpAtCommand: hangUpAt)
        options.pid = pid
        options.threads = threads
        let statistics = LoadStatistics(recordCommands: record != nil)
        Self.say("loadtest: \(calls) calls to \(target) are real calls for that controller: they land in its call log and its reports; aim it at a controller started with a scratch --database")
        let progress = Task {
            let started = ContinuousClock.now
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(1))
                let seconds = Int((ContinuousClock.now - started).components.seconds)
                Self.say("loadtest: \(seconds) s: \(statistics.completed + statistics.failed) of \(calls) calls done (\(statistics.failed) failed), \(statistics.holdingNow) holding")
            }
        }
        let report: LoadRunner.Report
        do {
            report = try await LoadRunner(options: options, statistics: statistics).run()
            progress.cancel()
        } catch {
            progress.cancel()
            throw error
        }
        print(report.text)
        if let record {
            try (statistics.recordedCommands.joined(separator: "\n") + "\n").write(toFile: record, atomically: true, encoding: .utf8)
            print("recorded \(statistics.recordedCommands.count) commands of one call to \(record)")
        }
        if report.failed > 0 { throw ExitCode(1) }
    }

    static func logInEveryone(admin: String, token: String?) async throws {
        let (host, port) = try ServeCommand.address(admin)
        func request(_ method: String, _ path: String) async throws -> Data {
            let reply = try await AdminClient.request(method, host: host, port: port, path: path, token: token)
            guard reply.status == 200 else { throw ValidationError("admin API \(path): HTTP \(reply.status) (is --token right?)") }
            return Data(reply.body)
        }
        let agents = try JSONSerialization.jsonObject(with: try await request("GET", "/agents")) as? [[String: Any]] ?? []
        for agent in agents { if let id = agent["id"] as? String { _ = try await request("POST", "/agents/\(id)/login") } }
        print("logged in \(agents.count) advocates")
    }
}
