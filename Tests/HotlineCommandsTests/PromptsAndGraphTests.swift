import Dialplan
import Foundation
import Testing

@Suite(.timeLimit(.minutes(2))) struct PromptsAndGraphTests {
    func hotline(_ arguments: [String]) async throws -> ProcessRun {
        try await ProcessRun.run(try CommandLineTests.hotline(), arguments)
    }

    func format(_ path: String) -> WAVFormat? {
        FileManager.default.contents(atPath: path).flatMap { WAVFormat(header: $0.prefix(4096)) }
    }

    @Test func synthesizesOnlyWhatIsMissingOrChangedAndNeverARealRecording() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("prompts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let es = root.appendingPathComponent("es")
        try FileManager.default.createDirectory(at: es, withIntermediateDirectories: true)
        try "hola: \"Hola.\"\nadios: \"Adiós.\"\n".write(to: es.appendingPathComponent("catalogue.yaml"), atomically: true, encoding: .utf8)

        let first = try await hotline(["prompts", "synth", "--prompts", root.path])
        #expect(first.output.contains("synthesized 2 prompts"), "\(first.output)")
        #expect(format(es.appendingPathComponent("hola.wav").path)?.isTelephoneQuality == true)
        #expect(try await hotline(["prompts", "synth", "--prompts", root.path]).output.contains("every prompt has audio for its words"))

        // The words change: the placeholder is remade.
        try "hola: \"Hola, bienvenida.\"\nadios: \"Adiós.\"\n".write(to: es.appendingPathComponent("catalogue.yaml"), atomically: true, encoding: .utf8)
        #expect(try await hotline(["prompts", "parity", "--prompts", root.path]).output.contains("'hola': words changed since its synthesized audio"))
        #expect(try await hotline(["prompts", "synth", "--prompts", root.path]).output.contains("synthesizing \(root.path)/es/hola.wav"))

        // A voice actor records it; later the words change again: the recording is kept and flagged.
        #expect(try await hotline(["prompts", "accept", "--prompts", root.path, "--language", "es", "hola"]).status == 0)
        let recorded = try Data(contentsOf: es.appendingPathComponent("hola.wav"))
        try "hola: \"Hola otra vez.\"\nadios: \"Adiós.\"\n".write(to: es.appendingPathComponent("catalogue.yaml"), atomically: true, encoding: .utf8)
        #expect(try await hotline(["prompts", "synth", "--prompts", root.path]).output.contains("every prompt has audio for its words"))
        #expect(try Data(contentsOf: es.appendingPathComponent("hola.wav")) == recorded)
        let parity = try await hotline(["prompts", "parity", "--prompts", root.path, "--strict"])
        #expect(parity.status == 1)
        #expect(parity.output.contains("'hola': words changed since its recording"))
    }

    @Test func shippedPromptsAreCompleteInEveryLanguage() async throws {
        let parity = try await hotline(["prompts", "parity", "--strict"])
        #expect(parity.status == 0, "\(parity.output)")
        for language in ["en", "es", "zh", "vi"] { #expect(parity.output.contains("\(language): 30 prompts, 30 audio files")) }
    }

    @Test func graphDrawsEveryStateOnceWithPlanWideKeysShownOnce() async throws {
        let dot = try await hotline(["graph"])
        #expect(dot.status == 0)
        #expect(dot.output.hasPrefix("digraph hotline {"))
        #expect(dot.output.components(separatedBy: "anywhere -> ").count - 1 == 1)
        #expect(dot.output.contains("label=\"8883737888\\n(main)\""))
        #expect(dot.output.contains("shape=doubleoctagon"))
        #expect(dot.output.contains("label=\"1: option=advocate\""))
        let stateNodes = dot.lines.filter { $0.hasPrefix("  s") && $0.contains(" [shape=") }
        #expect(stateNodes.count == 39)
        let svg = try await hotline(["graph", "--format", "svg", "--fit", "none"])
        #expect(svg.status == 0)
        #expect(svg.output.contains("<svg"))
        #expect(svg.output.contains("confidentiality_notice"))
        #expect(svg.output.contains("double octagon: queue"))   // the legend
    }

    /// Issue 12, item 9: the default plan was one picture of 4,855 × 906 px, its labels 3 px tall
    /// at screen width. Now parts that each fit a 1280 × 800 screen (or an A4 page) at full size,
    /// every state in exactly one, each with the legend; as SVG or PNG.
    @Test(arguments: [("svg", "screen", 960.0, 600.0), ("svg", "a4", 800, 560), ("png", "screen", 1280, 800)])
    func theFlowIsCutIntoPartsThatFitAScreenOrAPage(format: String, fit: String, width: Double, height: Double) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("graph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try await hotline(["graph", "--format", format, "--fit", fit, "--output", dir.appendingPathComponent("flow.\(format)").path])
        #expect(run.status == 0, "\(run.output)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".\(format)") }.sorted()
        #expect(files.count > 1 && files.count < 16, "\(files)")
        #expect(run.lines.count == files.count)
        var states: [String] = []
        for file in files {
            let data = try Data(contentsOf: dir.appendingPathComponent(file))
            if format == "png" {
                // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
                #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
                let w = data[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
                #expect(Double(w) <= width && Double(h) <= height, "\(file): \(w) × \(h) px")
                continue
            }
            let svg = String(decoding: data, as: UTF8.self)
            let size = svg.components(separatedBy: "<svg width=\"")[1].prefix { $0 != "\"" }
            let tall = svg.components(separatedBy: "height=\"")[1].prefix { $0 != "\"" }
            let w = Double(size.dropLast(2)) ?? .infinity, h = Double(tall.dropLast(2)) ?? .infinity
            #expect(w <= width && h <= height, "\(file): \(w) × \(h) pt")
            #expect(svg.contains("double octagon: queue") && svg.contains("of \(files.count)"))   // the legend, "part n of N"
            // Graphviz names each node in a <title>: s12 is state 12; stubs are to…/from….
            states += svg.components(separatedBy: "<title>").dropFirst().map { String($0.prefix { $0 != "<" }) }.filter { $0.first == "s" && Int($0.dropFirst()) != nil }
        }
        if format == "svg" {
            #expect(states.count == 39 && Set(states).count == 39, "every state in exactly one part: \(states.count)")
        }
    }

    @Test func aFlowInPartsNeedsAFileAndAKnownFit() async throws {
        let parts = try await hotline(["graph", "--format", "svg"])
        #expect(parts.status != 0)
        #expect(parts.output.contains("parts to fit --fit screen: give --output"), "\(parts.output)")
        #expect(try await hotline(["graph", "--format", "svg", "--fit", "poster"]).output.contains("use screen, a4 or none"))
        #expect(try await hotline(["graph", "--format", "pdf"]).output.contains("use dot, svg or png"))
    }
}
