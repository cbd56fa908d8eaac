import Dialplan
import Foundation
import Testing

@Suite(.timeLimit(.minutes(2))) struct PromptsAndGraphTests {
    func hotline(_ arguments: [String]) throws -> ProcessRun {
        try ProcessRun(try CommandLineTests.hotline(), arguments)
    }

    func format(_ path: String) -> WAVFormat? {
        FileManager.default.contents(atPath: path).flatMap { WAVFormat(header: $0.prefix(4096)) }
    }

    @Test func synthesizesOnlyWhatIsMissingOrChangedAndNeverARealRecording() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("prompts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let es = root.appendingPathComponent("es")
        try FileManager.default.createDirectory(at: es, withIntermediateDirectories: true)
        try "hola: \"Hola.\"\nadios: \"Adiós.\"\n".write(to: es.appendingPathComponent("catalogue.yaml"), atomically: true, encoding: .utf8)

        let first = try hotline(["prompts", "synth", "--prompts", root.path])
        #expect(first.output.contains("synthesized 2 prompts"), "\(first.output)")
        #expect(format(es.appendingPathComponent("hola.wav").path)?.isTelephoneQuality == true)
        #expect(try hotline(["prompts", "synth", "--prompts", root.path]).output.contains("every prompt has audio for its words"))

        // The words change: the placeholder is remade.
        try "hola: \"Hola, bienvenida.\"\nadios: \"Adiós.\"\n".write(to: es.appendingPathComponent("catalogue.yaml"), atomically: true, encoding: .utf8)
        #expect(try hotline(["prompts", "parity", "--prompts", root.path]).output.contains("'hola': words changed since its synthesized audio"))
        #expect(try hotline(["prompts", "synth", "--prompts", root.path]).output.contains("synthesizing \(root.path)/es/hola.wav"))

        // A voice actor records it; later the words change again: the recording is kept and flagged.
        #expect(try hotline(["prompts", "accept", "--prompts", root.path, "--language", "es", "hola"]).status == 0)
        let recorded = try Data(contentsOf: es.appendingPathComponent("hola.wav"))
        try "hola: \"Hola otra vez.\"\nadios: \"Adiós.\"\n".write(to: es.appendingPathComponent("catalogue.yaml"), atomically: true, encoding: .utf8)
        #expect(try hotline(["prompts", "synth", "--prompts", root.path]).output.contains("every prompt has audio for its words"))
        #expect(try Data(contentsOf: es.appendingPathComponent("hola.wav")) == recorded)
        let parity = try hotline(["prompts", "parity", "--prompts", root.path, "--strict"])
        #expect(parity.status == 1)
        #expect(parity.output.contains("'hola': words changed since its recording"))
    }

    @Test func shippedPromptsAreCompleteInEveryLanguage() throws {
        let parity = try hotline(["prompts", "parity", "--strict"])
        #expect(parity.status == 0, "\(parity.output)")
        for language in ["en", "es", "zh", "vi"] { #expect(parity.output.contains("\(language): 28 prompts, 28 audio files")) }
    }

    @Test func graphDrawsEveryStateOnceWithPlanWideKeysShownOnce() throws {
        let dot = try hotline(["graph"])
        #expect(dot.status == 0)
        #expect(dot.output.hasPrefix("digraph hotline {"))
        #expect(dot.output.components(separatedBy: "anywhere -> ").count - 1 == 1)
        #expect(dot.output.contains("label=\"8883737888\\n(main)\""))
        #expect(dot.output.contains("shape=doubleoctagon"))
        #expect(dot.output.contains("label=\"1: option=advocate\""))
        let stateNodes = dot.lines.filter { $0.hasPrefix("  s") && $0.contains(" [shape=") }
        #expect(stateNodes.count == 33)
        let svg = try hotline(["graph", "--format", "svg"])
        #expect(svg.status == 0)
        #expect(svg.output.contains("<svg"))
        #expect(svg.output.contains("confidentiality_notice"))
    }
}
