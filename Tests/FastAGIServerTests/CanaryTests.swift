import CallEngine
import CallRuntime
import CallLog
import CallReports
import FastAGI
@testable import FastAGIServer
import Foundation
import Testing
import TestSupport

/// DESIGN.md's rule 5, kept in the suite forever: calls whose PBX side carries canary caller
/// ids, names, channels and unique ids run through the FastAGI server into the call log; then
/// every byte the controller wrote — database, WAL and SHM files, log lines, every report
/// format — is searched for the canaries and for any raw `agi_` line. Nothing may be found.
@Suite(.timeLimit(.minutes(2))) struct CanaryTests {
    static let canaries = [
        "5550001111", "CANARY CALLER", "PJSIP/canary-trunk-7e57", "1799999999.4242", "987654321012", "ACCT-CANARY", "5550002222",
    ]

    static let environment = """
    agi_network: yes
    agi_network_script: hotline?campaign=tollfree
    agi_request: agi://127.0.0.1:4573/hotline?campaign=tollfree
    agi_channel: PJSIP/canary-trunk-7e57-0000002a
    agi_language: en
    agi_type: PJSIP
    agi_uniqueid: 1799999999.4242
    agi_version: 22.10.1
    agi_callerid: 5550001111
    agi_calleridname: CANARY CALLER
    agi_callingpres: 0
    agi_callingani2: 0
    agi_callington: 0
    agi_callingtns: 0
    agi_dnid: 8883737888
    agi_rdnis: 5550002222
    agi_context: hotline
    agi_extension: 8883737888
    agi_priority: 1
    agi_enhanced: 0.0
    agi_accountcode: ACCT-CANARY
    agi_threadid: 987654321012


    """

    @Test func noCanaryInAnythingTheControllerWrote() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("canary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("calllog.sqlite").path
        let log = CapturedLog()
        let writer = CallLogWriter(path: database, settings: CallLogSettings(), logger: log.logger)
        let configuration = ServerConfiguration(plans: PlanStore(Plans.hotline), outcomes: writer, logger: log.logger, now: openHours)
        let server = FastAGIServer(host: "127.0.0.1", port: 0, configuration: configuration)
        let port = try await server.start()

        for keys in ["21", "141", "131", "", "interrupt"] {
            let pbx = try await FakePBX.connect(port: port)
            try await pbx.run { lines, writer in
                try await writer.send(Self.environment)
                var caller = ScriptedCaller(keys: keys == "interrupt" ? "" : keys, hangUpAfterCommands: keys == "interrupt" ? 4 : nil)
                while let command = try await lines.next() {
                    for line in caller.reply(to: command) { try await writer.send(line + "\n") }
                }
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        await server.stop()
        #expect(await writer.flush() == 5)

        var written = log.lines.withLockedValue { $0 }.joined(separator: "\n")
        let store = try CallLogDatabase(path: database)
        var options = ReportOptions()
        options.k = 1
        for grouping in [nil] + ReportOptions.Grouping.allCases.map(Optional.some) {
            options.grouping = grouping
            let report = ReportBuilder.build(try await store.cells(), options: options)
            written += ReportTableRenderer.render(report) + ReportCSVRenderer.render(report) + ReportJSONRenderer.render(report) + ReportHTMLRenderer.render(report)
        }
        #expect(try await store.callCount() == 5)
        var bytes = Data(written.utf8)
        var files = 0
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: database + suffix) {
                bytes += data
                files += 1
            }
        }
        #expect(files >= 2, "the database and its WAL are searched")
        for needle in Self.canaries + ["agi_", "CANARY", "canary"] {
            #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) was written")
        }
    }
}
