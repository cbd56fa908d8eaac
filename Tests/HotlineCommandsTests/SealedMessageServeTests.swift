#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport
import Testing

/// Issue 15 end to end: a key pair from `hotline keys generate`, a real `serve` given its public
/// half, and a canary call over FastAGI that leaves a message — the fake PBX writes the WAV where
/// Asterisk would. The message is sealed at once, the plaintext gone, nothing names the caller
/// or the call; `hotline messages` lists, opens (the exact bytes), marks done and purges it.
@Suite(.timeLimit(.minutes(3))) struct SealedMessageServeTests {
    static let plan = """
    name: message test
    version: "m1"
    languages: [en]
    time_zone: UTC
    entries: [{default: true, start: take}]
    messages: {retention_days: 30}
    states:
      take: {record: record_instructions, max_seconds: 60, next: thanks, on_fail: bye}
      thanks: {hangup: message, prompt: message_thanks}
      bye: {hangup: , prompt: goodbye}
    """
    static let passphrase = "a passphrase long enough"

    /// The binary seals with the system's libcrypto, not a copy of its own.
    @Test func theBinaryLinksTheSystemsLibcrypto() async throws {
        let ldd = try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/ldd"), [try CommandLineTests.hotline().path])
        #expect(ldd.lines.contains { $0.contains("libcrypto.so.3 => /lib/") || $0.contains("libcrypto.so.3 => /usr/lib/") }, "\(ldd.output)")
    }

    @Test func aMessageIsSealedAtOnceAndOnlyTheKeyOpensIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-sealed-\(UUID().uuidString)")
        let recordings = folder.appendingPathComponent("recordings"), messages = folder.appendingPathComponent("messages")
        try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.yaml"), database = folder.appendingPathComponent("calls.sqlite")
        let audit = folder.appendingPathComponent("audit.log")
        try Self.plan.write(to: plan, atomically: true, encoding: .utf8)
        let hotline = try CommandLineTests.hotline()
        let keys = try await ProcessRun.run(hotline, ["keys", "generate", "--private", folder.appendingPathComponent("k.key").path,
                                                      "--public", folder.appendingPathComponent("k.pub").path, "--passphrase-stdin"], input: Self.passphrase + "\n")
        #expect(keys.status == 0, "\(keys.output)")
        let again = try await ProcessRun.run(hotline, ["keys", "generate", "--private", folder.appendingPathComponent("k.key").path,
                                                       "--public", folder.appendingPathComponent("k2.pub").path, "--passphrase-stdin"], input: Self.passphrase + "\n")
        #expect(again.status != 0 && again.output.contains("never overwritten"), "\(again.output)")

        // A recordings folder the controller cannot see is refused at the start, with what to do.
        let missing = try await ProcessRun.run(hotline, ["serve", "--listen", "127.0.0.1:1", "--plan", plan.path, "--no-console", "--database", database.path,
                                                         "--prompts", ProcessRun.root.appendingPathComponent("Prompts").path,
                                                         "--message-key", folder.appendingPathComponent("k.pub").path, "--recordings", "/nonexistent/recordings"])
        #expect(missing.status != 0 && missing.output.contains("/nonexistent/recordings: the recordings folder is missing"), "\(missing.output)")

        let accounts = folder.appendingPathComponent("accounts.yaml"), passwords = ["sam": "supervisor password 22", "maria": "advocate password 333"]
        for (name, role, advocate) in [("sam", "supervisor", nil), ("maria", "advocate", "ana")] as [(String, String, String?)] {
            let add = try await ProcessRun.run(hotline, ["accounts", "add", name, "--role", role, "--accounts", accounts.path, "--password-stdin"] + (advocate.map { ["--advocate", $0] } ?? []),
                                               input: passwords[name]! + "\n")
            #expect(add.status == 0, "\(add.output)")
        }
        let server = try await ServeCommandTests.launch(plan: plan.path, extra: ["--database", database.path, "--message-key", folder.appendingPathComponent("k.pub").path,
                                                                                 "--recordings", recordings.path, "--messages", messages.path,
                                                                                 "--accounts", accounts.path, "--audit-log", audit.path,
                                                                                 "--admin-token", HostileFilesServeTests.token])
        defer { HostileFilesServeTests.stop(server) }
        var generator = SystemRandomNumberGenerator()
        let wav = Array("RIFF".utf8) + (0..<24_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let call = try await onOwnThread { () -> (commands: [String], replied: Date?, recordedAs: String?) in
            guard let socket = LineSocket(port: server.port) else { return ([], nil, nil) }
            socket.send("agi_network: yes\nagi_network_script: hotline\nagi_channel: PJSIP/canary-0001\nagi_callerid: 5551234567\nagi_calleridname: CANARY NAMEQX\nagi_extension: 8883737888\n\n")
            var replied: Date?, recordedAs: String?
            let commands = ServeCommandTests.converse(socket) { command in
                guard command.hasPrefix("RECORD FILE ") else { return nil }
                let path = String(command.dropFirst(12).prefix { $0 != " " })
                recordedAs = path
                _ = FileManager.default.createFile(atPath: path + ".wav", contents: Data(wav))
                replied = Date()
                return "200 result=0 (timeout) endpos=24000\n"
            }
            return (commands, replied, recordedAs)
        }
        #expect(call.commands.contains { $0.hasPrefix("RECORD FILE \(recordings.path)/") }, "\(call.commands)")
        let recordedAs = try #require(call.recordedAs), replied = try #require(call.replied)
        // The alarm's series exists from the start, so an alert on it can be written before the first failure.
        let metrics = HostileFilesServeTests.http(server.port + 1, "GET /metrics", token: HostileFilesServeTests.token).joined(separator: "\n")
        #expect(metrics.contains("hotline_messages_unsealed 0"), "\(metrics.suffix(800))")
        var sealedAfter: Double?
        while Date().timeIntervalSince(replied) < 10 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: messages.path)) ?? []
            if names.contains(where: { $0.hasSuffix(".sealed") }), !FileManager.default.fileExists(atPath: recordedAs + ".wav") {
                sealedAfter = Date().timeIntervalSince(replied)
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let after = try #require(sealedAfter, "not sealed within 10 s: \(server.logText.suffix(1500))")
        print("sealed \(String(format: "%.3f", after)) s after RECORD FILE's reply")
        // A loaded CI machine may take longer than the 1 s the issue asks for; the figure above
        // is the measurement, the bound is what failing would mean.
        #expect(after < 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: recordings.path).isEmpty, "the plaintext is gone")

        // The counter moves once the seal is whole (after the plaintext is gone): look again briefly.
        var sealedMetric = ""
        for _ in 0..<100 {
            sealedMetric = HostileFilesServeTests.http(server.port + 1, "GET /metrics", token: HostileFilesServeTests.token).joined(separator: "\n")
            if sealedMetric.contains("hotline_messages_sealed_total 1") { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(sealedMetric.contains("hotline_messages_sealed_total 1"), "\(sealedMetric.suffix(800))")
        let names = try FileManager.default.contentsOfDirectory(atPath: messages.path)
        let callID = (recordedAs as NSString).lastPathComponent
        #expect(names.count == 1 && !names[0].contains(callID), "\(names)")
        let id = String(names[0].dropLast(7))
        let place = ["--database", database.path, "--messages", messages.path, "--audit-log", audit.path]
        let list = try await ProcessRun.run(hotline, ["messages", "list"] + place)
        #expect(list.status == 0 && list.lines.count == 2, "\(list.output)")
        let fields = list.lines.last?.split(separator: "\t").map(String.init) ?? []
        #expect(fields.count == 6 && fields[0] == id && fields[1].hasSuffix(":00 UTC") && fields[2] == "en" && fields[3] == "default" && fields[4] == "3" && fields[5] == "new",
                "id, hour, language, campaign, seconds, state: \(fields)")

        let out = folder.appendingPathComponent("opened.wav")
        let opened = try await ProcessRun.run(hotline, ["messages", "open", id, "--key", folder.appendingPathComponent("k.key").path, "--out", out.path, "--passphrase-stdin"] + place,
                                              input: Self.passphrase + "\n")
        #expect(opened.status == 0, "\(opened.output)")
        #expect(FileManager.default.contents(atPath: out.path).map(Array.init) == wav, "the exact bytes the PBX wrote")
        let wrong = try await ProcessRun.run(hotline, ["messages", "open", id, "--key", folder.appendingPathComponent("k.key").path, "--out", "-", "--passphrase-stdin"] + place,
                                             input: "not the passphrase\n")
        #expect(wrong.status != 0 && wrong.output.contains("wrong passphrase") && wrong.output.contains("OpenSSL:"), "\(wrong.output)")

        // The supervisor's inbox in the console: listed, downloaded, marked followed up.
        let passwordFile = folder.appendingPathComponent("passwords.json"), shots = folder.appendingPathComponent("browser")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: passwords).write(to: passwordFile)
        let inbox = try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/python3"), [ProcessRun.root.appendingPathComponent("Tests/Browser/inbox_check.py").path,
                                             "--console", "http://127.0.0.1:\(server.port + 1)", "--passwords", passwordFile.path, "--id", id,
                                             "--sealed", messages.appendingPathComponent(names[0]).path, "--out", shots.path])
        #expect(inbox.status == 0 && !inbox.output.contains("FAIL"), "\(inbox.output)\n\(server.logText.suffix(1500))")
        #expect(inbox.lines.filter { $0.hasPrefix("ok: ") }.count == 10, "\(inbox.output)")
        if let keep = ProcessInfo.processInfo.environment["HOTLINE_KEEP_BROWSER_OUTPUT"] {
            for shot in (try? FileManager.default.contentsOfDirectory(atPath: shots.path)) ?? [] {
                try? FileManager.default.copyItem(atPath: shots.appendingPathComponent(shot).path, toPath: "\(keep)/\(shot)")
            }
        }
        let done = try await ProcessRun.run(hotline, ["messages", "done", id] + place)
        #expect(done.status == 0, "\(done.output)")
        let kept = try await ProcessRun.run(hotline, ["messages", "purge", "--plan", plan.path] + place)
        #expect(kept.output.contains("deleted 0 messages"), "followed up just now, kept 7 days: \(kept.output)")
        let purged = try await ProcessRun.run(hotline, ["messages", "purge", "--done-days", "0", "--plan", plan.path] + place)
        #expect(purged.status == 0 && purged.output.contains("deleted \(id)"), "\(purged.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: messages.path).isEmpty)

        // Purge by age: a message older than the plan's retention_days goes, followed up or not.
        let old = String(repeating: "ab", count: 16), recent = String(repeating: "cd", count: 16)
        let now = Int(Date().timeIntervalSince1970) / 3600 * 3600
        let insert = try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", """
            import sqlite3,sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("INSERT INTO message VALUES (?, ?, 'en', 'main', 20, 'new', NULL)", (sys.argv[2], int(sys.argv[4]) - 31 * 86400))
            db.execute("INSERT INTO message VALUES (?, ?, 'en', 'main', 20, 'new', NULL)", (sys.argv[3], int(sys.argv[4]) - 29 * 86400))
            db.commit()
            """, database.path, old, recent, String(now)])
        #expect(insert.status == 0, "\(insert.output)")
        for id in [old, recent] { _ = FileManager.default.createFile(atPath: messages.appendingPathComponent("\(id).sealed").path, contents: Data([1, 2, 3])) }
        let aged = try await ProcessRun.run(hotline, ["messages", "purge", "--plan", plan.path] + place)
        #expect(aged.output.contains("deleted \(old) (older than 30 days)") && !aged.output.contains(recent), "\(aged.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: messages.path) == ["\(recent).sealed"])

        // Nothing anywhere names the caller or the call; the audit log says who did what, no content.
        let serveLog = server.logText
        HostileFilesServeTests.stop(server)
        let auditText = try String(contentsOf: audit, encoding: .utf8)
        for action in ["message-list", "message-open", "message-done", "message-purge", "message-download"] { #expect(auditText.contains("\"action\":\"\(action)\""), "\(auditText)") }
        // The call log keeps the call's own row under its random id; the message's row, its file
        // and its listing share nothing with it.
        let rows = try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", "import sqlite3,sys; print(list(sqlite3.connect(sys.argv[1]).execute('SELECT * FROM message')))", database.path])
        for (name, text) in [("serve log", serveLog), ("audit log", auditText), ("message rows", rows.output), ("list", list.output)] {
            for needle in ["5551234567", "CANARY", "canary-0001"] { #expect(!text.contains(needle), "\(name) holds \(needle)") }
        }
        for (name, text) in [("audit log", auditText), ("message rows", rows.output), ("list", list.output), ("sealed name", id)] {
            #expect(!text.contains(callID), "\(name) holds the call's id")
        }
    }
}
