import Foundation
import Testing

/// Runs the real `hotline` binary, as an administrator does.
@Suite struct CommandLineTests {
    static let root = ProcessRun.root

    static func hotline() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hotline"),
            root.appendingPathComponent(".build/debug/hotline"),
        ]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "build the hotline binary first (swift build)")
    }

    func run(_ arguments: [String]) async throws -> ProcessRun {
        try await ProcessRun.run(try Self.hotline(), arguments)
    }

    @Test func defaultPlanPassesWithItsPromptsAndNoWarnings() async throws {
        let result = try await run(["check", "--warnings-as-errors", "Dialplans/hotline.yaml"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.lines == ["Dialplans/hotline.yaml: ok: 39 states, 4 languages, 4 dialed numbers, prompts in Prompts checked"])
    }

    @Test func brokenPlanPrintsEveryProblemWithItsPosition() async throws {
        let result = try await run(["check", "docs/examples/broken-plan.yaml"])
        #expect(result.status == 1)
        let diagnostics = result.lines.dropLast()
        #expect(diagnostics.count == 13, "\(result.output)")
        let shape = /^docs\/examples\/broken-plan\.yaml:\d+:\d+: (error|warning): .+$/
        for line in diagnostics { #expect(line.wholeMatch(of: shape) != nil, "\(line)") }
        #expect(result.lines.last == "docs/examples/broken-plan.yaml: 11 errors, 2 warnings")
        #expect(result.output.contains("broken-plan.yaml:45:11: error: prompt 'no_such_prompt' has no audio in es: Prompts/es/no_such_prompt.wav is missing"))
    }

    @Test func missingFileIsAClearError() async throws {
        let result = try await run(["check", "Dialplans/nope.yaml"])
        #expect(result.status == 1)
        #expect(result.output.contains("Dialplans/nope.yaml: error: the plan file does not exist"))
    }

    @Test func simulatePrintsATranscriptWithSubtitles() async throws {
        let result = try await run(["simulate", "Dialplans/hotline.yaml", "--keys", "2,1,1,record:30", "--at", "2026-12-25T23:00", "--number", "8883737888"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("starting 2026-12-25T23:00 America/New_York"))
        #expect(result.output.contains("hours 'advocates' closed for Christmas Day"))
        #expect(result.output.contains("es/holiday_closed: “La línea telefónica está cerrada hoy por día feriado."))
        #expect(result.output.contains("Outcome: message, ended in 'message_thanks', language es, campaign main"))
    }

    /// Issue 11, item 11: key 0 did nothing in the recording instructions and the goodbye.
    @Test func theEmergencyKeyWorksInPromptsThatCannotBeSkipped() async throws {
        let instructions = try await run(["simulate", "--keys", "2,1,1,interrupt:0", "--at", "2026-12-25T23:00"])
        #expect(instructions.output.contains("Outcome: emergency"), "\(instructions.output)")
        #expect(instructions.output.contains("take_message → emergency → emergency_transfer"))
        let goodbye = try await run(["simulate", "--keys", "2,1,1,record:20,interrupt:0", "--at", "2026-12-25T23:00"])
        #expect(goodbye.output.contains("message_thanks → emergency → emergency_transfer"), "\(goodbye.output)")
    }

    @Test func simulateJSONIsMachineReadable() async throws {
        let result = try await run(["simulate", "--keys", "1,1", "--at", "2026-12-01T10:00", "--json"])
        #expect(result.status == 0, "\(result.output)")
        let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        let outcome = try #require(json?["outcome"] as? [String: Any])
        #expect(outcome["ending"] as? String == "advocate")
        #expect(outcome["campaign"] as? String == "other")
        #expect((json?["lines"] as? [Any])?.isEmpty == false)
    }

    @Test func simulateRefusesATimeTheClocksSkip() async throws {
        let result = try await run(["simulate", "--at", "2026-03-08T02:30"])
        #expect(result.status != 0)
        #expect(result.output.contains("does not exist in America/New_York"))
    }

    @Test func simulateRefusesAScriptItCannotRead() async throws {
        let result = try await run(["simulate", "--keys", "1,jump"])
        #expect(result.status != 0)
        #expect(result.output.contains("step 2 'jump' is not a script step"))
    }
}
