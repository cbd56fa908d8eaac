#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Issue 12, item 8, through the real binary: advocates log in and pause through the admin API,
/// the controller stops, and the report has each advocate's logged-in and paused time (the
/// last minutes are written at the stop).
@Suite(.timeLimit(.minutes(3))) struct StaffFiguresServeTests {
    @Test func aShiftEndsUpInTheReport() async throws {
        let site = try HostileFilesServeTests.Site()
        defer { site.remove() }
        let server = try await site.start(["--admin-token", HostileFilesServeTests.token])
        defer { HostileFilesServeTests.stop(server) }
        #expect(await HostileFilesServeTests.adminReady(server.port + 1, token: HostileFilesServeTests.token))
        for request in ["POST /agents/ana/login", "POST /agents/ben/login", "POST /agents/ben/pause"] {
            #expect(HostileFilesServeTests.http(server.port + 1, request, token: HostileFilesServeTests.token).first?.hasPrefix("HTTP/1.1 200") == true, "\(request)")
        }
        try await Task.sleep(for: .seconds(2))
        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        let run = try await ProcessRun.run(try CommandLineTests.hotline(), ["report", "--database", site.database.path, "--format", "json"])
        #expect(run.status == 0, "\(run.output)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let advocates = try #require(document["advocates"] as? [[String: Any]])
        let ana = try #require(advocates.first { $0["advocate"] as? String == "ana" })
        let ben = try #require(advocates.first { $0["advocate"] as? String == "ben" })
        #expect((ana["loggedInHours"] as? Double ?? 0) > 0)
        #expect(ana["pausedHours"] as? Double == 0)
        #expect((ben["pausedHours"] as? Double ?? 0) > 0)
        #expect(ana["calls"] as? Int == 0)
        let table = try await ProcessRun.run(try CommandLineTests.hotline(), ["report", "--database", site.database.path]).output
        #expect(table.contains("advocates (staff):") && table.contains("  ana: calls 0, AHT –, logged in 0.0 h, paused 0.0 h, occupancy"), "\(table)")
    }
}
