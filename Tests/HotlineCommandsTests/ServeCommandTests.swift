#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport
import Testing

/// `hotline serve` as an operator starts it: a real process, a real socket, real signals.
@Suite(.timeLimit(.minutes(2))) struct ServeCommandTests {
    struct Server {
        let process: Process
        let port: Int
        let log: URL

        var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// The same wait without holding a thread of Swift's cooperative pool (two on this
        /// machine): a blocked one starves every async test running beside it.
        func logShows(_ text: String, seconds: Double = 20) async -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if logText.contains(text) { return true }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return false
        }

        func waitForLog(_ text: String, seconds: Double = 10) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if logText.contains(text) { return true }
                usleep(50_000)
            }
            return false
        }
    }

    static func start(plan: String, extra: [String] = []) throws -> Server {
        for _ in 0..<5 {
            let server = try spawn(plan: plan, extra: extra)
            // Generous: the suite runs in parallel on a small machine.
            if server.waitForLog("FastAGI server listening", seconds: 60) { return server }
            server.process.terminate()
            server.process.waitUntilExit()
            try? FileManager.default.removeItem(at: server.log)
        }
        throw CocoaError(.featureUnsupported)
    }

    /// `start` for async tests: waits without holding a cooperative thread. A server that exits
    /// before it listens (its random port was taken, by another suite or by Chromium's driver) is
    /// tried again on another port at once, not after the whole wait.
    static func launch(plan: String, extra: [String] = [], environment: [String: String] = [:]) async throws -> Server {
        for _ in 0..<5 {
            let server = try spawn(plan: plan, extra: extra, environment: environment)
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, server.process.isRunning, !server.logText.contains("FastAGI server listening") {
                try? await Task.sleep(for: .milliseconds(50))
            }
            if server.logText.contains("FastAGI server listening") { return server }
            print("serve did not start (trying another port): \(server.logText.suffix(400))")
            server.process.terminate()
            server.process.waitUntilExit()
            try? FileManager.default.removeItem(at: server.log)
        }
        throw CocoaError(.featureUnsupported)
    }

    private static func spawn(plan: String, extra: [String], environment: [String: String] = [:]) throws -> Server {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let port = Int.random(in: 20_000...60_000) & ~1
        let process = Process()
        process.executableURL = try CommandLineTests.hotline()
        // Each server its own admin port: suites run in parallel.
        let admin = extra.contains("--admin-listen") ? [] : ["--admin-listen", "127.0.0.1:\(port + 1)"]
        let prompts = extra.contains("--prompts") ? [] : ["--prompts", ProcessRun.root.appendingPathComponent("Prompts").path]
        // The browser console only where a test gives it accounts of its own.
        let console = extra.contains("--accounts") ? [] : ["--no-console"]
        process.arguments = ["serve", "--listen", "127.0.0.1:\(port)", "--plan", plan] + prompts + admin + console + extra
        process.currentDirectoryURL = ProcessRun.root
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        // One open file for both, so they share its offset: two would write over each other.
        let output = try FileHandle(forWritingTo: log)
        process.standardError = output
        process.standardOutput = output
        try SerialLaunch.run(process)
        return Server(process: process, port: port, log: log)
    }

    /// One call: the environment, then Asterisk-style replies until the controller closes.
    static func call(_ port: Int, keys: String) -> [String] {
        guard let socket = LineSocket(port: port) else { return [] }
        socket.send("agi_network: yes\nagi_network_script: hotline\nagi_channel: PJSIP/canary-0001\nagi_language: en\nagi_callerid: 5551234567\nagi_dnid: 8883737888\nagi_extension: 8883737888\n\n")
        var keys = Array(keys)
        return converse(socket) { command in
            guard command.hasPrefix("WAIT FOR DIGIT") else { return nil }
            return keys.isEmpty ? "200 result=0\n" : "200 result=\(keys.removeFirst().asciiValue!)\n"
        }
    }

    /// Plays Asterisk until the controller closes: `reply` answers the commands it knows, the
    /// rest as Asterisk does (a prompt played whole, HANGUP then its notice, else result 0).
    static func converse(_ socket: LineSocket, reply: (String) -> String?) -> [String] {
        var commands: [String] = []
        while let command = socket.line() {
            commands.append(command)
            if let answer = reply(command) {
                socket.send(answer)
            } else if command.hasPrefix("STREAM FILE") {
                socket.send("200 result=0 endpos=8000\n")
            } else if command.hasPrefix("HANGUP") {
                socket.send("200 result=1\nHANGUP\n")
            } else {
                socket.send("200 result=0\n")
            }
        }
        return commands
    }

    @Test func servesCallsReloadsOnSIGHUPAndStopsOnSIGTERM() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let plan = folder.appendingPathComponent("hotline.yaml")
        let original = try String(contentsOf: ProcessRun.root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)
        try original.write(to: plan, atomically: true, encoding: .utf8)
        let server = try Self.start(plan: plan.path, extra: ["--database", folder.appendingPathComponent("calllog.sqlite").path])
        defer {
            if server.process.isRunning { server.process.terminate() }
            try? FileManager.default.removeItem(at: server.log)
            try? FileManager.default.removeItem(at: folder)
        }

        let commands = Self.call(server.port, keys: "1")
        #expect(commands.first == "ANSWER")
        #expect(commands.last == "HANGUP")
        #expect(server.waitForLog("call ended"))

        try original.replacingOccurrences(of: "version: \"2026.12.02-3\"", with: "version: \"reloaded-2\"").write(to: plan, atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        #expect(server.waitForLog("to=reloaded-2"))

        try original.replacingOccurrences(of: "    play: welcome\n", with: "    play: welcom\n").write(to: plan, atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        #expect(server.waitForLog("plan reload refused"))
        #expect(server.logText.contains("prompt 'welcom' has no audio"))
        #expect(Self.call(server.port, keys: "").first == "ANSWER")

        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        #expect(server.logText.contains("FastAGI server stopped"))
        // The calls are in the call log, written on the way out at the latest.
        let report = try await ProcessRun.run(try CommandLineTests.hotline(), ["report", "--database", folder.appendingPathComponent("calllog.sqlite").path, "--format", "json", "--k", "1"])
        #expect(report.output.contains("\"offered\" : 2"), "\(report.output)")
        for canary in ["5551234567", "canary-0001", "agi_"] {
            #expect(!server.logText.contains(canary), "\(canary) in the log")
        }
    }

    @Test func refusesToStartOnABrokenPlan() async throws {
        let result = try await ProcessRun.run(try CommandLineTests.hotline(), ["serve", "--listen", "127.0.0.1:1", "--plan", "docs/examples/broken-plan.yaml", "--database", "/tmp/never-created.sqlite"])
        #expect(result.status == 1)
        #expect(result.output.contains("the server does not start on a broken plan"))
    }

    @Test func refusesAnAddressItCannotRead() async throws {
        let result = try await ProcessRun.run(try CommandLineTests.hotline(), ["serve", "--listen", "localhost"])
        #expect(result.status != 0)
        #expect(result.output.contains("write HOST:PORT"))
    }
}
