#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Issue 11 against the real `hotline serve`: what a disk, a roster, a database or a crash can
/// do to a running controller.
/// Serialized, and waiting with `Task.sleep`: each test runs a controller process, and this
/// machine has two cores.
@Suite(.serialized, .timeLimit(.minutes(3))) struct HostileFilesServeTests {
    /// A folder with a copy of the default plan and roster, and a prompts folder of links to the
    /// real prompts (so one of them can be swapped for something else).
    struct Site {
        let folder: URL
        var plan: URL { folder.appendingPathComponent("hotline.yaml") }
        var roster: URL { folder.appendingPathComponent("roster.yaml") }
        var prompts: URL { folder.appendingPathComponent("Prompts") }
        var database: URL { folder.appendingPathComponent("calllog.sqlite") }
        let planText: String
        let rosterText: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-hostile-\(UUID().uuidString)")
            let manager = FileManager.default
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            planText = try String(contentsOf: ProcessRun.root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)
            rosterText = try String(contentsOf: ProcessRun.root.appendingPathComponent("Dialplans/roster.yaml"), encoding: .utf8)
            try planText.write(to: folder.appendingPathComponent("hotline.yaml"), atomically: true, encoding: .utf8)
            try rosterText.write(to: folder.appendingPathComponent("roster.yaml"), atomically: true, encoding: .utf8)
            let real = ProcessRun.root.appendingPathComponent("Prompts")
            for language in try manager.contentsOfDirectory(atPath: real.path) {
                let from = real.appendingPathComponent(language)
                let to = folder.appendingPathComponent("Prompts").appendingPathComponent(language)
                try manager.createDirectory(at: to, withIntermediateDirectories: true)
                for file in try manager.contentsOfDirectory(atPath: from.path) {
                    try manager.createSymbolicLink(at: to.appendingPathComponent(file), withDestinationURL: from.appendingPathComponent(file))
                }
            }
        }

        func start(_ extra: [String] = []) async throws -> ServeCommandTests.Server {
            try await ServeCommandTests.launch(plan: plan.path, extra: ["--prompts", prompts.path, "--roster", roster.path, "--database", database.path] + extra)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// An admin token serve accepts (32 characters at least).
    static let token = "test-token-0123456789abcdef0123456789"

    static func stop(_ server: ServeCommandTests.Server) {
        if server.process.isRunning {
            kill(server.process.processIdentifier, SIGTERM)
            server.process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: server.log)
    }

    /// The admin API listens a moment after the FastAGI port (CI found a request too early).
    static func adminReady(_ port: Int, token: String) async -> Bool {
        for _ in 0..<200 {
            if http(port, "GET /health", token: token).first?.hasPrefix("HTTP/1.1 200") == true { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// One HTTP request to the admin API; the response's lines.
    static func http(_ port: Int, _ request: String, token: String) -> [String] {
        guard let socket = LineSocket(port: port) else { return [] }
        socket.send("\(request) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: bearer \(token)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        return socket.rest().components(separatedBy: "\r\n")
    }

    /// Items 3 and 13: a FIFO where a prompt should be used to hang the reload (and, with a second
    /// reload, the whole async side); now it is refused at once and the API still answers.
    @Test func aFIFOInThePromptsRefusesTheReloadAndNothingHangs() async throws {
        let site = try Site()
        defer { site.remove() }
        let server = try await site.start(["--admin-token", HostileFilesServeTests.token])
        defer { Self.stop(server) }
        #expect(await Self.adminReady(server.port + 1, token: HostileFilesServeTests.token))
        let welcome = site.prompts.appendingPathComponent("en/welcome.wav")
        try FileManager.default.removeItem(at: welcome)
        #expect(mkfifo(welcome.path, 0o644) == 0)
        kill(server.process.processIdentifier, SIGHUP)
        #expect(await server.logShows("plan reload refused"))
        #expect(server.logText.contains("en/welcome.wav is not a WAV file (it is a FIFO, not a regular file)"))
        let reload = Self.http(server.port + 1, "POST /plan/reload", token: HostileFilesServeTests.token)
        #expect(reload.first?.hasPrefix("HTTP/1.1 200") == true, "\(reload)")
        #expect(reload.last?.contains("\"reloaded\":false") == true, "\(reload)")
        #expect(Self.http(server.port + 1, "GET /health", token: HostileFilesServeTests.token).first?.hasPrefix("HTTP/1.1 200") == true)
        #expect(ServeCommandTests.call(server.port, keys: "").first == "ANSWER")
    }

    /// Item 4: a typo in the roster during a shift used to empty it; now the reload is refused
    /// and every advocate is still there to log in. (Item 13: a lowercase `bearer` is accepted.)
    @Test func aBrokenRosterRefusesTheReloadAndKeepsEveryAdvocate() async throws {
        let site = try Site()
        defer { site.remove() }
        let server = try await site.start(["--admin-token", HostileFilesServeTests.token])
        defer { Self.stop(server) }
        #expect(await Self.adminReady(server.port + 1, token: HostileFilesServeTests.token))
        #expect(Self.http(server.port + 1, "POST /agents/ana/login", token: HostileFilesServeTests.token).first?.hasPrefix("HTTP/1.1 200") == true)
        try site.rosterText.replacingOccurrences(of: "languages: [en, zh]", with: "langauges: [en, zh]").write(to: site.roster, atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        #expect(await server.logShows("plan reload refused"))
        #expect(server.logText.contains("unknown field 'langauges'"))
        // Without chen's languages nobody takes Mandarin: a reload that is taken says so.
        try site.rosterText.replacingOccurrences(of: "languages: [en, zh]", with: "languages: [en]").write(to: site.roster, atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        #expect(await server.logShows("plan reloaded"))
        #expect(server.logText.contains("warning: nobody on the roster takes 'zh', a language the plan offers"))
        let agents = Self.http(server.port + 1, "GET /agents", token: HostileFilesServeTests.token).joined()
        for id in ["ana", "ben", "chen", "linh"] { #expect(agents.contains("\"\(id)\""), "\(id) is gone: \(agents)") }
    }

    /// Item 2: a file of 200 KB of `[` made SIGHUP kill the server (exit 139).
    @Test func aDeeplyNestedPlanIsRefusedOnReload() async throws {
        let site = try Site()
        defer { site.remove() }
        let server = try await site.start()
        defer { Self.stop(server) }
        try String(repeating: "[", count: 200_000).write(to: site.plan, atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        #expect(await server.logShows("plan reload refused"))
        #expect(server.logText.contains("nests more than 64 levels deep"))
        #expect(server.process.isRunning)
        #expect(ServeCommandTests.call(server.port, keys: "").first == "ANSWER")
    }

    /// Item 6: a damaged database used to be accepted in silence, every batch failing after.
    @Test func aDamagedDatabaseStopsTheStartWithWhatToDo() async throws {
        let site = try Site()
        defer { site.remove() }
        try Data(repeating: 0x42, count: 16_384).write(to: site.database)
        let result = try await ProcessRun.run(try CommandLineTests.hotline(), ["serve", "--listen", "127.0.0.1:1", "--admin-listen", "127.0.0.1:2",
                                                                    "--plan", site.plan.path, "--prompts", site.prompts.path, "--database", site.database.path])
        #expect(result.status == 1)
        #expect(result.output.contains("\(site.database.path): error: the call log is not a database this controller can use"), "\(result.output)")
        #expect(result.output.contains("the server does not start without a call log it can write"))
    }

    /// Item 7: calls up at a SIGKILL used to vanish from the statistics.
    @Test func callsUpAtACrashAreCountedAsInterruptedAtTheNextStart() async throws {
        let site = try Site()
        defer { site.remove() }
        let server = try await site.start()
        var sockets: [LineSocket] = []
        for _ in 0..<3 {
            let socket = try #require(LineSocket(port: server.port))
            socket.send("agi_network: yes\nagi_language: en\nagi_dnid: 8883737888\nagi_callerid: 5551234567\n\n")
            #expect(socket.line() == "ANSWER")
            socket.send("200 result=0\n")
            #expect(socket.line()?.hasPrefix("STREAM FILE") == true)
            sockets.append(socket)
        }
        // The journal is written with the next batch (every second): wait until it says 3.
        var journaled = ""
        for _ in 0..<200 where journaled != "3" {
            try await Task.sleep(for: .milliseconds(100))
            journaled = try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COALESCE(SUM(count),0) FROM callJournal').fetchone()[0])", site.database.path])
                .output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(journaled == "3")
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        sockets.removeAll()
        try? FileManager.default.removeItem(at: server.log)

        let again = try await site.start()
        defer { Self.stop(again) }
        #expect(await again.logShows("3 calls were up when the controller last stopped without warning; they are counted as interrupted"))
        Self.stop(again)
        let report = try await ProcessRun.run(try CommandLineTests.hotline(), ["report", "--database", site.database.path, "--format", "csv", "--by", "outcome", "--k", "1"])
        #expect(report.output.contains("interrupted"), "\(report.output)")
        let table = try await ProcessRun.run(try CommandLineTests.hotline(), ["report", "--database", site.database.path, "--format", "json", "--k", "1"])
        #expect(table.output.contains("\"offered\" : 3"), "\(table.output)")
        for file in try FileManager.default.contentsOfDirectory(atPath: site.folder.path) where file.hasPrefix("calllog.sqlite") {
            let bytes = try Data(contentsOf: site.folder.appendingPathComponent(file))
            #expect(bytes.range(of: Data("5551234567".utf8)) == nil, "a caller number in \(file)")
        }
    }

    /// Serving without a roster file is allowed (nobody can log in); its reloads still work.
    @Test func aReloadWithoutARosterFileStillTakesThePlan() async throws {
        let site = try Site()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.roster)
        let server = try await site.start()
        defer { Self.stop(server) }
        kill(server.process.processIdentifier, SIGHUP)
        #expect(await server.logShows("plan reloaded"))
        #expect(server.logText.contains("still no roster; no advocate can log in"))
    }

    /// Item 13: a bind error names the address.
    @Test func anAddressInUseIsNamed() async throws {
        let site = try Site()
        defer { site.remove() }
        let server = try await site.start()
        defer { Self.stop(server) }
        let result = try await ProcessRun.run(try CommandLineTests.hotline(), ["serve", "--listen", "127.0.0.1:\(server.port)", "--admin-listen", "127.0.0.1:\(server.port + 3)",
                                                                    "--plan", site.plan.path, "--prompts", site.prompts.path,
                                                                    "--database", site.folder.appendingPathComponent("second.sqlite").path])
        #expect(result.status == 1)
        #expect(result.output.contains("cannot listen for FastAGI on 127.0.0.1:\(server.port)"), "\(result.output)")
    }

    /// Issue 13: so does the admin API's (Asterisk's own HTTP server on the same port, say).
    @Test func anAdminAddressInUseIsNamed() async throws {
        let site = try Site()
        defer { site.remove() }
        let server = try await site.start()
        defer { Self.stop(server) }
        #expect(await Self.adminReady(server.port + 1, token: ""))
        let result = try await ProcessRun.run(try CommandLineTests.hotline(), ["serve", "--listen", "127.0.0.1:\(server.port + 2)", "--admin-listen", "127.0.0.1:\(server.port + 1)",
                                                                    "--plan", site.plan.path, "--prompts", site.prompts.path,
                                                                    "--database", site.folder.appendingPathComponent("second.sqlite").path])
        #expect(result.status == 1)
        #expect(result.output.contains("cannot listen for the admin API on 127.0.0.1:\(server.port + 1)"), "\(result.output)")
        #expect(result.output.contains("--admin-listen"), "\(result.output)")
    }
}
