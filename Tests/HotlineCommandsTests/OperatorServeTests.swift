#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Issue 13 through the real binary: the token from a file or systemd's credentials folder, weak
/// tokens refused before anything listens, the probes and metrics over real HTTP, `--version`.
@Suite(.timeLimit(.minutes(3))) struct OperatorServeTests {
    static func tokenFile(_ site: HostileFilesServeTests.Site, _ text: String, name: String = "admin-token") throws -> URL {
        let file = site.folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func theTokenComesFromAFileAndTheProbesNeedNone() async throws {
        let site = try HostileFilesServeTests.Site()
        defer { site.remove() }
        let token = HostileFilesServeTests.token
        let file = try Self.tokenFile(site, token + "\n")
        let server = try await site.start(["--admin-token-file", file.path])
        defer { HostileFilesServeTests.stop(server) }
        #expect(await HostileFilesServeTests.adminReady(server.port + 1, token: ""))
        let health = HostileFilesServeTests.http(server.port + 1, "GET /health", token: "")
        #expect(health.first == "HTTP/1.1 200 OK")
        #expect(health.last == "{\"status\":\"ok\"}")
        let ready = HostileFilesServeTests.http(server.port + 1, "GET /ready", token: "")
        #expect(ready.first == "HTTP/1.1 200 OK", "\(ready)")
        #expect(ready.last == "{\"callLog\":\"ok\",\"plan\":\"ok\",\"ready\":true}")
        let refused = HostileFilesServeTests.http(server.port + 1, "GET /metrics", token: "wrong")
        #expect(refused.first == "HTTP/1.1 401 Unauthorized")
        #expect(refused.last?.contains("Authorization: Bearer") == true, "\(refused)")

        // One call through the default plan (the canary's number in its environment), and a reload.
        let commands = ServeCommandTests.call(server.port, keys: "1")
        #expect(commands.first == "ANSWER")
        kill(server.process.processIdentifier, SIGHUP)
        #expect(await server.logShows("plan reloaded"))
        var text = ""
        for _ in 0..<100 {
            text = HostileFilesServeTests.http(server.port + 1, "GET /metrics", token: token).joined(separator: "\n")
            if text.contains("hotline_call_outcomes_total{ending=") && text.contains("hotline_calllog_written_total 1") { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(text.hasPrefix("HTTP/1.1 200 OK"))
        #expect(text.contains("Content-Type: text/plain; version=0.0.4"))
        let outcomes = text.split(separator: "\n").filter { $0.hasPrefix("hotline_call_outcomes_total{") }
        #expect(outcomes.compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +) == 1, "\(text)")
        #expect(text.contains("hotline_calllog_written_total 1"), "\(text)")
        #expect(text.contains("hotline_plan_reloads_total{result=\"applied\"} 1"), "\(text)")
        #expect(text.contains("hotline_advocates{state=\"logged_out\"} 4.0"), "\(text)")
        #expect(text.contains("hotline_queue_waiting_calls{language=\"vi\"} 0.0"), "\(text)")
        #expect(!text.contains("5551234567"))
        #expect(!text.contains("canary"))
    }

    /// systemd's `LoadCredential=admin-token:/etc/hotline/admin-token` puts the file under
    /// `$CREDENTIALS_DIRECTORY`, readable by the service only: serve takes it from there.
    @Test func theTokenComesFromSystemdsCredentials() async throws {
        let site = try HostileFilesServeTests.Site()
        defer { site.remove() }
        _ = try Self.tokenFile(site, HostileFilesServeTests.token)
        let server = try await ServeCommandTests.launch(plan: site.plan.path, extra: ["--prompts", site.prompts.path, "--roster", site.roster.path,
                                                                                    "--database", site.database.path],
                                                        environment: ["CREDENTIALS_DIRECTORY": site.folder.path])
        defer { HostileFilesServeTests.stop(server) }
        #expect(await HostileFilesServeTests.adminReady(server.port + 1, token: ""))
        #expect(HostileFilesServeTests.http(server.port + 1, "GET /status", token: HostileFilesServeTests.token).first == "HTTP/1.1 200 OK")
        #expect(HostileFilesServeTests.http(server.port + 1, "GET /status", token: "x").first == "HTTP/1.1 401 Unauthorized")
    }

    /// A guessable token stops the start with what to do, before anything listens.
    @Test(arguments: [
        (["--admin-token", "CHANGE-ME"], "is the placeholder 'CHANGE-ME'"),
        (["--admin-token", "short-token"], "has 11 characters, fewer than 32"),
        (["--admin-token-file", "/nonexistent/admin-token"], "--admin-token-file /nonexistent/admin-token: no such file"),
    ])
    func aWeakOrMissingTokenStopsTheStart(options: [String], message: String) async throws {
        let site = try HostileFilesServeTests.Site()
        defer { site.remove() }
        let run = try await ProcessRun.run(try CommandLineTests.hotline(), ["serve", "--plan", site.plan.path, "--prompts", site.prompts.path,
                                                                         "--roster", site.roster.path, "--database", site.database.path,
                                                                         "--listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0"] + options)
        #expect(run.status == 1)
        #expect(run.output.contains(message), "\(run.output)")
        #expect(run.output.contains("openssl rand -hex 24"), "\(run.output)")
        #expect(!run.output.contains("FastAGI server listening"))
    }

    /// `loadtest` says where its calls land before it starts, and how far it is every second (on
    /// standard error: standard output stays the report).
    @Test func loadtestWarnsAndShowsProgress() async throws {
        let site = try HostileFilesServeTests.Site()
        defer { site.remove() }
        let server = try await site.start()
        defer { HostileFilesServeTests.stop(server) }
        let run = try await ProcessRun.run(try CommandLineTests.hotline(), ["loadtest", "--target", "127.0.0.1:\(server.port)", "--calls", "5",
                                                                         "--concurrency", "1", "--rate", "2"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("loadtest: 5 calls to 127.0.0.1:\(server.port) are real calls for that controller: they land in its call log"))
        #expect(run.output.range(of: #"loadtest: \d+ s: \d+ of 5 calls done \(0 failed\), \d+ holding"#, options: .regularExpression) != nil, "\(run.output)")
    }

    @Test func theVersionNamesTheFormatsAnUpgradeMustMatch() async throws {
        let run = try await ProcessRun.run(try CommandLineTests.hotline(), ["--version"])
        #expect(run.status == 0)
        #expect(run.output.range(of: #"^hotline \d+\.\d+\.\d+ \(dialplan format 1, call-log schema \d+\)\n$"#, options: .regularExpression) != nil, "\(run.output)")
    }
}
