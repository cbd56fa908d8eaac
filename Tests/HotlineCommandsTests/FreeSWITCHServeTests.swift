import CallEngine
import Dialplan
import Foundation
import Simulator
import TestSupport
import Testing

/// Issue 16 through the real `hotline serve --esl-listen`: a FreeSWITCH that answers as the
/// transcripts show connects over loopback TCP, as `socket HOST:PORT async full` does, once per
/// call, and plays scripted callers through the shipped plan. Each call ends as the simulator
/// says (nobody is logged in: the queue sends callers to its no-advocates branch at once); FastAGI
/// answers beside it on the same runtime. Then the canary: the connect reply and every event carry
/// the caller's number and name, the keypad history and the channel's uuid; none of them is in
/// the log (at debug), the call log or anything else the controller wrote.
@Suite(.serialized) struct FreeSWITCHServeTests {
    static let plan: Plan = {
        let text = try! String(contentsOf: ProcessRun.root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)
        return Dialplan.compile(text, file: "Dialplans/hotline.yaml", prompts: nil).plan!
    }()

    /// One call over the socket: FreeSWITCH's side answers each command until the controller
    /// closes. Returns the commands it received.
    static func call(port: Int, script: String, at start: Date) throws -> (commands: [String], fs: ScriptedFreeSWITCH) {
        var fs = try ScriptedFreeSWITCH(plan: plan, script: script, at: start)
        guard let socket = LineSocket(port: port) else { throw CocoaError(.featureUnsupported) }
        var commands: [String] = []
        while let command = socket.command() {
            commands.append(command)
            let replies = command.hasPrefix("connect") ? [try fs.connect("8883737888")] : fs.answer(command)
            for reply in replies { socket.send(bytes: ScriptedFreeSWITCH.bytes(of: reply)) }
        }
        return (commands, fs)
    }

    @Test func theShippedPlanOverTheEventSocketEndsAsTheSimulatorSaysAndKeepsNoCallerIdentifier() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-esl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let eslPort = Int.random(in: 20_000...60_000) | 1
        let server = try await ServeCommandTests.launch(plan: "Dialplans/hotline.yaml", extra: [
            "--database", folder.appendingPathComponent("calllog.sqlite").path, "--esl-listen", "127.0.0.1:\(eslPort)",
            "--log-level", "debug", "--recordings", folder.appendingPathComponent("recordings").path,
            "--switches", folder.appendingPathComponent("switches.yaml").path,
        ])
        defer {
            if server.process.isRunning { server.process.terminate() }
            try? FileManager.default.removeItem(at: server.log)
        }
        #expect(server.waitForLog("Event Socket server listening"))
        let now = Date()
        // The server runs on the real clock, so the shipped plan's hours decide the path: in open
        // hours callers reach the queue; when it is closed (nights, Christmas) they leave a message.
        let open = (try? Simulation(plan: Self.plan).run(try CallScript(parsing: "1,4,1,record:20"), startingAt: now,
                                                         context: CallContext(dialedNumber: "8883737888"))) != nil
        // (what the caller does over the wire, the same call for the simulator with its queue step)
        let calls = open
            ? [("1,4,1,record:20", "1,4,1,record:20"), ("1,1,1,1,record:12", "1,1,no-advocates,1,1,record:12"),
               ("interrupt:0,unavailable", "interrupt:0,unavailable,no-advocates"), ("1,9,hangup", "1,9,hangup"), ("", "")]
            : [("1,1,1,record:20", "1,1,1,record:20"), ("2,1,1,record:12", "2,1,1,record:12"),
               ("interrupt:0,unavailable", "interrupt:0,unavailable,no-advocates"), ("1,9,hangup", "1,9,hangup"), ("", "")]
        var endings: [(String, String)] = []
        for (wire, simulated) in calls {
            let expected = try Simulation(plan: Self.plan).run(try CallScript(parsing: simulated), startingAt: now,
                                                               context: CallContext(dialedNumber: "8883737888")).outcome
            let (commands, fs) = try await onOwnThread { try Self.call(port: eslPort, script: wire, at: now) }
            #expect(commands.first == "connect\n\n" && commands.last == "exit\n\n", "\(commands.suffix(3))")
            #expect(fs.steps.isEmpty, "\(wire): steps left: \(fs.steps)")
            endings.append(("ending=\(expected.ending.rawValue) ", "state=\(expected.endedIn) "))
        }
        let openHours = Self.plan.calendar.component(.hour, from: now)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, server.logText.components(separatedBy: "call ended").count - 1 < calls.count {
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = server.logText
        let ended = log.split(separator: "\n").filter { $0.contains("call ended") }
        for (ending, state) in endings {
            #expect(ended.contains { $0.contains(ending) && $0.contains(state) }, "\(ending)\(state)(hour \(openHours)): \(ended)")
        }
        #expect(log.contains("pbx=freeswitch"))

        // FastAGI answers beside it, on the same runtime.
        let agi = ServeCommandTests.call(server.port, keys: "1")
        #expect(agi.first == "ANSWER")

        server.process.terminate()
        server.process.waitUntilExit()
        // The canary: nothing of the caller anywhere the controller wrote.
        let uuid = "9702b6cb-d53b-4efe-a5ab-727267f8c2a1"
        var files = [server.log]
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) {
            for case let file as URL in walker where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(file) }
        }
        #expect(files.count >= 2, "\(files)")
        for file in files {
            let data = try Data(contentsOf: file)
            for needle in ["5550199723", "CANARY", "NAMEQX", "42#7", "42%237", uuid, "Caller-ID", "variable_", "198.51.100.77", "canary-call-id"] {
                #expect(data.range(of: Data(needle.utf8)) == nil, "\(file.lastPathComponent) holds \(needle)")
            }
        }
    }
}
