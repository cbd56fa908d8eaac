#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Issue 14: the staff console in a real browser. Accounts made with `hotline accounts`, a real
/// `hotline serve`, headless Chromium driven by Selenium (Tests/Browser/console_check.py): each
/// role signs in, the wallboard follows a caller who joins the queue over FastAGI, refused
/// actions for the wrong role, posts without the CSRF token, sign-out everywhere, the sign-in
/// throttle. Then nothing the console showed or wrote holds the canary caller.
@Suite(.serialized, .timeLimit(.minutes(5))) struct BrowserConsoleTests {
    static let plan = """
    name: console test
    version: "c1"
    languages: [en]
    time_zone: UTC
    entries: [{default: true, start: start}]
    queues:
      advocates: {languages: [en], ring_seconds: 5, wrap_up_seconds: 0, retry_seconds: 0, announce_every: 0, interpreter_after: 0}
    switches:
      closed_today: {label: "Closed today (holiday override)", flip: supervisor}
    states:
      start: {switch: switch.closed_today, cases: {"on": closed}, default: advocate}
      advocate: {queue: advocates, max_wait: 120, on_timeout: bye, on_no_advocates: bye}
      closed: {hangup: , prompt: holiday_closed}
      bye: {hangup: , prompt: goodbye}
    """

    static let passwords = ["admin": "first admin password 1", "sam": "supervisor password 22", "maria": "advocate password 333"]

    @Test func everyRoleInARealBrowser() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if ProcessInfo.processInfo.environment["HOTLINE_KEEP_BROWSER_OUTPUT"] == nil { try? FileManager.default.removeItem(at: folder) } }
        let plan = folder.appendingPathComponent("plan.yaml"), roster = folder.appendingPathComponent("roster.yaml")
        let accounts = folder.appendingPathComponent("accounts.yaml"), audit = folder.appendingPathComponent("audit.log")
        let database = folder.appendingPathComponent("calls.sqlite"), out = folder.appendingPathComponent("browser")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Self.plan.write(to: plan, atomically: true, encoding: .utf8)
        try "agents:\n  - {id: ana, endpoint: PJSIP/advocate-desk-1, languages: [en]}\n".write(to: roster, atomically: true, encoding: .utf8)
        for (name, role, advocate) in [("admin", "administrator", nil), ("sam", "supervisor", nil), ("maria", "advocate", "ana")] as [(String, String, String?)] {
            let add = try await ProcessRun.run(try CommandLineTests.hotline(),
                                               ["accounts", "add", name, "--role", role, "--accounts", accounts.path, "--password-stdin"] + (advocate.map { ["--advocate", $0] } ?? []),
                                               input: Self.passwords[name]! + "\n")
            #expect(add.status == 0, "\(add.output)")
        }
        let passwordFile = folder.appendingPathComponent("passwords.json")
        try JSONSerialization.data(withJSONObject: Self.passwords).write(to: passwordFile)

        let switches = folder.appendingPathComponent("switches.json")
        let serveOptions = ["--roster", roster.path, "--database", database.path, "--accounts", accounts.path, "--audit-log", audit.path,
                            "--switches", switches.path, "--admin-token", HostileFilesServeTests.token]
        let server = try await ServeCommandTests.launch(plan: plan.path, extra: serveOptions)
        defer { HostileFilesServeTests.stop(server) }
        #expect(await server.logShows("console: http://127.0.0.1:\(server.port + 1)/console/"), "\(server.logText)")
        let run = try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/python3"), [
            ProcessRun.root.appendingPathComponent("Tests/Browser/console_check.py").path,
            "--console", "http://127.0.0.1:\(server.port + 1)", "--agi", "127.0.0.1:\(server.port)",
            "--passwords", passwordFile.path, "--out", out.path,
        ])
        let failed = run.lines.filter { $0.hasPrefix("FAIL") || $0.contains("Error") }
        #expect(run.status == 0 && failed.isEmpty, "\(failed.isEmpty ? run.output : failed.joined(separator: "\n"))\n\(server.logText.suffix(2000))")
        #expect(run.lines.filter { $0.hasPrefix("ok: ") }.count >= 29, "\(run.output)")

        // The switch the browser turned on is kept across a restart, and the API sees it.
        #expect(String(data: FileManager.default.contents(atPath: switches.path) ?? Data(), encoding: .utf8) == "{\"on\":[\"closed_today\"]}")
        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        let again = try await ServeCommandTests.launch(plan: plan.path, extra: serveOptions)
        defer { HostileFilesServeTests.stop(again) }
        #expect(await HostileFilesServeTests.adminReady(again.port + 1, token: HostileFilesServeTests.token))
        let listed = HostileFilesServeTests.http(again.port + 1, "GET /switches", token: HostileFilesServeTests.token).last ?? ""
        let switchList = try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]]
        #expect(switchList?.count == 1 && switchList?.first?["name"] as? String == "closed_today" && switchList?.first?["on"] as? Bool == true
                && switchList?.first?["flip"] as? String == "supervisor", "\(listed)")
        let flipped = HostileFilesServeTests.http(again.port + 1, "POST /switches/closed_today/off", token: HostileFilesServeTests.token)
        #expect(flipped.first?.hasPrefix("HTTP/1.1 200") == true && flipped.last?.contains("\"on\":false") == true, "\(flipped)")
        let typed = HostileFilesServeTests.http(again.port + 1, "POST /agents/ana/pause?reason=crying", token: HostileFilesServeTests.token)
        #expect(typed.first?.hasPrefix("HTTP/1.1 400") == true && typed.last?.contains("break, meal, training, meeting, other") == true, "a pause reason outside the list: \(typed)")
        let unknown = HostileFilesServeTests.http(again.port + 1, "POST /switches/outage/on", token: HostileFilesServeTests.token)
        #expect(unknown.first?.hasPrefix("HTTP/1.1 404") == true && unknown.last?.contains("its switches: closed_today") == true, "\(unknown)")

        // The audit log names staff and their actions.
        let entries = try String(contentsOf: audit, encoding: .utf8)
        for expected in ["\"action\":\"sign-in\"", "\"action\":\"advocate-pause\"", "\"action\":\"supervisor-logout\"", "\"action\":\"plan-reload\"",
                         "\"result\":\"missing or wrong CSRF token\"", "\"result\":\"throttled\"", "\"action\":\"sign-out-everywhere\"",
                         "\"action\":\"switch-on\""] {
            #expect(entries.contains(expected), "audit log lacks \(expected):\n\(entries)")
        }
        // Nothing the console showed, streamed or wrote holds the caller.
        kill(again.process.processIdentifier, SIGTERM)
        again.process.waitUntilExit()
        var scanned = 0
        for file in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where !file.hasSuffix(".png") && !file.hasSuffix("passwords.json") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else { continue }
            scanned += 1
            for canary in ["5550199723", "CANARY", "NAMEQX", "trunk-00000042", "1764600000.42"] {
                #expect(data.range(of: Data(canary.utf8)) == nil, "\(file) holds \(canary)")
            }
        }
        #expect(scanned >= 8, "pages, stream and logs were scanned (\(scanned))")
        #expect(!server.logText.contains("5550199723") && !again.logText.contains("5550199723"))
    }
}
