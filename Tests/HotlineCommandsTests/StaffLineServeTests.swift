#if canImport(Glibc)
import Glibc
#endif
import EventSocket
import Foundation
import TestSupport
import Testing

/// Issue 14: the staff line end to end. Accounts made with `hotline accounts`, a real `serve`,
/// and the PBX's side of a desk-phone call over a real socket: the advocate logs in and pauses
/// from the phone, the admin API sees it, wrong PINs end the call, and no PIN or desk-phone id is
/// written anywhere.
@Suite(.timeLimit(.minutes(3))) struct StaffLineServeTests {
    static let pin = "246810"

    /// One staff-line call: GET DATA answered with `entries` in turn, every other command as
    /// Asterisk answers it. Returns the commands the controller sent.
    static func staffCall(_ port: Int, entries: [String]) -> [String] {
        guard let socket = LineSocket(port: port) else { return [] }
        socket.send("agi_network: yes\nagi_network_script: staff\nagi_channel: PJSIP/canary-desk-0001\nagi_callerid: 5551234567\nagi_calleridname: CANARY NAMEQX\nagi_extension: *55\n\n")
        var entries = entries[...]
        return ServeCommandTests.converse(socket) { command in
            command.hasPrefix("GET DATA") ? "200 result=\(entries.popFirst() ?? "")\n" : nil
        }
    }

    static func agent(_ port: Int, _ id: String) throws -> [String: Any]? {
        let body = HostileFilesServeTests.http(port, "GET /agents", token: HostileFilesServeTests.token).last ?? ""
        let agents = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]
        return agents?.first { $0["id"] as? String == id }
    }

    @Test func anAdvocateWorksTheirShiftFromTheDeskPhone() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-staff-line-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.yaml"), roster = folder.appendingPathComponent("roster.yaml")
        let accounts = folder.appendingPathComponent("accounts.yaml"), audit = folder.appendingPathComponent("audit.log")
        try BrowserConsoleTests.plan.write(to: plan, atomically: true, encoding: .utf8)
        try "agents:\n  - {id: ana, endpoint: PJSIP/advocate-desk-1, languages: [en]}\n".write(to: roster, atomically: true, encoding: .utf8)
        let hotline = try CommandLineTests.hotline()
        for (name, role, advocate) in [("maria", "advocate", "ana"), ("sam", "supervisor", nil)] as [(String, String, String?)] {
            let add = try await ProcessRun.run(hotline, ["accounts", "add", name, "--role", role, "--accounts", accounts.path, "--password-stdin"] + (advocate.map { ["--advocate", $0] } ?? []),
                                               input: "a password long enough\n")
            #expect(add.status == 0, "\(add.output)")
        }
        // Bad input, each with what to do.
        for (arguments, pin, expected) in [(["maria", "--number", "12"], Self.pin, "a staff number is 3 to 8 digits"),
                                           (["maria", "--number", "4107"], "1234", "a PIN is 6 to 8 digits"),
                                           (["sam", "--number", "4107"], Self.pin, "only advocates work a shift from the desk phone"),
                                           (["nobody", "--number", "4107"], Self.pin, "no account 'nobody'")] {
            let refused = try await ProcessRun.run(hotline, ["accounts", "phone"] + arguments + ["--accounts", accounts.path, "--pin-stdin"], input: pin + "\n")
            #expect(refused.status != 0 && refused.output.contains(expected), "\(arguments): \(refused.output)")
        }
        let phone = try await ProcessRun.run(hotline, ["accounts", "phone", "maria", "--number", "4107", "--accounts", accounts.path, "--pin-stdin"], input: Self.pin + "\n")
        #expect(phone.status == 0 && phone.output.contains("staff number 4107"), "\(phone.output)")
        let listed = try await ProcessRun.run(hotline, ["accounts", "list", "--accounts", accounts.path])
        #expect(listed.output.contains("maria\tadvocate\tana\tstaff number 4107"), "\(listed.output)")
        let file = try String(contentsOf: accounts, encoding: .utf8)
        #expect(file.contains("staff_number: \"4107\"") && !file.contains(Self.pin), "only the PIN's hash is kept")

        let server = try await ServeCommandTests.launch(plan: plan.path, extra: ["--roster", roster.path, "--database", folder.appendingPathComponent("calls.sqlite").path,
                                                                                  "--accounts", accounts.path, "--audit-log", audit.path, "--admin-token", HostileFilesServeTests.token])
        defer { HostileFilesServeTests.stop(server) }
        #expect(await server.logShows("1 with a staff number for the desk-phone staff line"), "\(server.logText)")
        #expect(await HostileFilesServeTests.adminReady(server.port + 1, token: HostileFilesServeTests.token))

        let login = try await onOwnThread { Self.staffCall(server.port, entries: ["4107", Self.pin, "1"]) }
        #expect(login == ["ANSWER", "GET DATA hotline/staff/enter-number 8000 8", "GET DATA hotline/staff/enter-pin 8000 8",
                          "STREAM FILE hotline/staff/state-logged-out \"\"", "GET DATA hotline/staff/menu 6000 1",
                          "STREAM FILE hotline/staff/state-available \"\"", "STREAM FILE hotline/staff/goodbye \"\"", "HANGUP"], "\(login)")
        #expect(try Self.agent(server.port + 1, "ana")?["status"] as? String == "available")

        let pause = try await onOwnThread { Self.staffCall(server.port, entries: ["4107", Self.pin, "2", "2"]) }
        #expect(pause.contains("GET DATA hotline/staff/pause-reasons 6000 1") && pause.contains("STREAM FILE hotline/staff/state-paused \"\""), "\(pause)")
        let paused = try Self.agent(server.port + 1, "ana")
        #expect(paused?["status"] as? String == "paused" && paused?["pauseReason"] as? String == "meal", "\(paused ?? [:])")

        let wrong = try await onOwnThread { Self.staffCall(server.port, entries: ["4107", "111111", "4107", "222222", "4107", "333333"]) }
        #expect(wrong.filter { $0 == "STREAM FILE hotline/staff/refused \"\"" }.count == 3 && !wrong.contains { $0.contains("staff/menu") } && wrong.last == "HANGUP", "\(wrong)")
        let unknown = try await onOwnThread { Self.staffCall(server.port, entries: ["9999", Self.pin]) }
        #expect(unknown.contains("STREAM FILE hotline/staff/refused \"\""), "a number nobody has is refused like a wrong PIN: \(unknown)")
        #expect(try Self.agent(server.port + 1, "ana")?["status"] as? String == "paused", "wrong PINs change nothing")

        // The audit log names the account and what it did; the desk phone's id and the digits
        // keyed are nowhere, and staff calls are not callers: the call log counts none.
        let entries = try String(contentsOf: audit, encoding: .utf8)
        let steps = try entries.split(separator: "\n").map { line -> String in
            let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] ?? [:]
            return [entry["account"], entry["action"], entry["advocate"], entry["result"]].compactMap { $0 }.joined(separator: " ")
        }
        #expect(steps == ["maria phone-sign-in ana ok", "maria phone-login ana available", "maria phone-sign-in ana ok", "maria phone-pause ana paused (meal)",
                          "maria phone-sign-in refused", "maria phone-sign-in refused", "maria phone-sign-in refused",
                          "(unknown staff number) phone-sign-in refused"], "\(steps)")
        let serveLog = server.logText
        HostileFilesServeTests.stop(server)
        for (name, text) in [("audit log", entries), ("serve log", serveLog), ("accounts", try String(contentsOf: accounts, encoding: .utf8))] {
            for secret in [Self.pin, "111111", "5551234567", "CANARY", "canary-desk", "9999"] {
                #expect(!text.contains(secret), "\(name) holds \(secret)")
            }
        }
        #expect(serveLog.contains("staff line call started"))
        let rows = try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM call').fetchone()[0])",
                                                                                     folder.appendingPathComponent("calls.sqlite").path])
        #expect(rows.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "staff calls are not callers: \(rows.output)")
    }

    /// One staff-line call over the Event Socket: the desk phone's `*55` as deploy/freeswitch
    /// sends it (`hotline_script=staff`, the canary's id in the channel data), its keys in turn.
    static func eslStaffCall(_ port: Int, keys: String) throws -> [String] {
        var fs = try ScriptedFreeSWITCH(plan: FreeSWITCHServeTests.plan, script: keys, at: Date())
        guard let socket = LineSocket(port: port) else { return [] }
        var commands: [String] = []
        while let command = socket.command() {
            commands.append(command)
            var replies = fs.answer(command)
            if command.hasPrefix("connect") {
                var reply = try fs.connect("*55")
                reply.headers.insert(ESLHeader("variable_hotline_script", "staff"), at: 3)
                replies = [reply]
            }
            for reply in replies { socket.send(bytes: ScriptedFreeSWITCH.bytes(of: reply)) }
        }
        return ScriptedFreeSWITCH.executes(commands)
    }

    /// Issue 16: the same staff line from a FreeSWITCH desk phone, through the real serve's
    /// Event Socket: the advocate logs in, the admin API sees it, the PIN is nowhere.
    @Test func anAdvocateLogsInFromAFreeSWITCHDeskPhone() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-staff-esl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.yaml"), roster = folder.appendingPathComponent("roster.yaml")
        let accounts = folder.appendingPathComponent("accounts.yaml"), audit = folder.appendingPathComponent("audit.log")
        try BrowserConsoleTests.plan.write(to: plan, atomically: true, encoding: .utf8)
        try "agents:\n  - {id: ana, endpoint: PJSIP/advocate-desk-1, languages: [en]}\n".write(to: roster, atomically: true, encoding: .utf8)
        let hotline = try CommandLineTests.hotline()
        let add = try await ProcessRun.run(hotline, ["accounts", "add", "maria", "--role", "advocate", "--advocate", "ana", "--accounts", accounts.path, "--password-stdin"],
                                           input: "a password long enough\n")
        let phone = try await ProcessRun.run(hotline, ["accounts", "phone", "maria", "--number", "4107", "--accounts", accounts.path, "--pin-stdin"], input: Self.pin + "\n")
        #expect(add.status == 0 && phone.status == 0, "\(add.output) \(phone.output)")
        let eslPort = Int.random(in: 20_000...60_000) | 1
        let server = try await ServeCommandTests.launch(plan: plan.path, extra: ["--roster", roster.path, "--database", folder.appendingPathComponent("calls.sqlite").path,
                                                                                  "--accounts", accounts.path, "--audit-log", audit.path, "--admin-token", HostileFilesServeTests.token,
                                                                                  "--esl-listen", "127.0.0.1:\(eslPort)", "--log-level", "debug"])
        defer { HostileFilesServeTests.stop(server) }
        #expect(await server.logShows("Event Socket server listening"))
        #expect(await HostileFilesServeTests.adminReady(server.port + 1, token: HostileFilesServeTests.token))

        let login = try await onOwnThread { try Self.eslStaffCall(eslPort, keys: "4107,\(Self.pin),1") }
        let p = "/usr/share/freeswitch/sounds/hotline/staff"
        #expect(login.contains("playback \(p)/state-logged-out.wav") && login.contains("playback \(p)/state-available.wav") && login.last == "hangup NORMAL_CLEARING", "\(login)")
        #expect(login.filter { $0 == "unset hotline_digits" }.count == 3)
        #expect(try Self.agent(server.port + 1, "ana")?["status"] as? String == "available")
        let entries = try String(contentsOf: audit, encoding: .utf8)
        #expect(entries.contains("phone-login"))
        let serveLog = server.logText
        HostileFilesServeTests.stop(server)
        for (name, text) in [("audit log", entries), ("serve log", serveLog)] {
            for secret in [Self.pin, "5550199723", "CANARY", "9702b6cb"] { #expect(!text.contains(secret), "\(name) holds \(secret)") }
        }
        #expect(serveLog.contains("staff line call started") && !serveLog.contains("call ended"))
    }
}
