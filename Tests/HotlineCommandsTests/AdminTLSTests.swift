#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Issue 14, TLS: the admin listener (console and API) over HTTPS with a certificate and key
/// from files, `Secure` session cookies, and the console refused beyond loopback without TLS.
@Suite(.timeLimit(.minutes(3))) struct AdminTLSTests {
    static func curl(_ arguments: [String]) async throws -> ProcessRun {
        try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "--max-time", "10"] + arguments)
    }

    @Test func theConsoleAndTheAPIOverTLS() async throws {
        let site = try HostileFilesServeTests.Site()
        defer { site.remove() }
        let cert = site.folder.appendingPathComponent("cert.pem").path, key = site.folder.appendingPathComponent("key.pem").path
        let made = try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/openssl"), ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                                                                      "-subj", "/CN=hotline", "-days", "1", "-addext", "subjectAltName=IP:127.0.0.1"])
        #expect(made.status == 0, "\(made.output)")
        let accounts = site.folder.appendingPathComponent("accounts.yaml").path
        let server = try await site.start(["--admin-tls-certificate", cert, "--admin-tls-key", key, "--accounts", accounts,
                                           "--audit-log", site.folder.appendingPathComponent("audit.log").path])
        defer { HostileFilesServeTests.stop(server) }
        let admin = server.port + 1
        #expect(await server.logShows("console: https://127.0.0.1:\(admin)/console/"), "\(server.logText)")
        #expect(await server.logShows("first sign-in as 'admin'"), "\(server.logText)")
        var health = try await Self.curl(["--cacert", cert, "https://127.0.0.1:\(admin)/health"])
        for _ in 0..<50 where health.output != "{\"status\":\"ok\"}" {
            try await Task.sleep(for: .milliseconds(100))
            health = try await Self.curl(["--cacert", cert, "https://127.0.0.1:\(admin)/health"])
        }
        #expect(health.output == "{\"status\":\"ok\"}", "the certificate verifies and the API answers: \(health.output)")
        let login = try await Self.curl(["--cacert", cert, "-D", "-", "-o", "/dev/null", "https://127.0.0.1:\(admin)/console/login"])
        let cookie = login.output.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: hotline_login=") } ?? ""
        #expect(login.output.hasPrefix("HTTP/1.1 200") && cookie.contains("Secure") && cookie.contains("HttpOnly"), "\(login.output)")
        let plain = try await Self.curl(["http://127.0.0.1:\(admin)/health"])
        #expect(plain.output != "{\"status\":\"ok\"}", "plain HTTP is not served on the TLS port")
    }

    @Test func beyondLoopbackTheConsoleNeedsTLS() async throws {
        let site = try HostileFilesServeTests.Site()
        defer { site.remove() }
        let run = try await ProcessRun.run(try CommandLineTests.hotline(), ["serve", "--plan", site.plan.path, "--prompts", site.prompts.path, "--roster", site.roster.path,
                                                                         "--database", site.database.path, "--listen", "127.0.0.1:0", "--admin-listen", "0.0.0.0:0",
                                                                         "--accounts", site.folder.appendingPathComponent("a.yaml").path])
        #expect(run.status == 1)
        #expect(run.output.contains("over the network in clear; give --admin-tls-certificate and --admin-tls-key"), "\(run.output)")
        #expect(!run.output.contains("FastAGI server listening"))
        let bad = try await ProcessRun.run(try CommandLineTests.hotline(), ["serve", "--plan", site.plan.path, "--prompts", site.prompts.path, "--roster", site.roster.path,
                                                                         "--database", site.database.path, "--listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0",
                                                                         "--admin-tls-certificate", "/nonexistent/cert.pem", "--admin-tls-key", "/nonexistent/key.pem"])
        #expect(bad.status == 1)
        #expect(bad.output.contains("--admin-tls-certificate /nonexistent/cert.pem: cannot read a PEM certificate"), "\(bad.output)")
    }
}
