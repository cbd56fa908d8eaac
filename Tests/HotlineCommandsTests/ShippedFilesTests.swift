import Foundation
import Testing

/// The files an administrator relies on agree with each other: the JSON Schema editors use, the
/// reference's example, the shipped plan.
@Suite struct ShippedFilesTests {
    static let root = CommandLineTests.root

    func validate(_ files: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["scripts/validate-schema.py"] + files
        process.currentDirectoryURL = Self.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func schemaAcceptsTheShippedPlans() throws {
        let result = try validate(["Dialplans/hotline.yaml", "Tests/DialplanTests/Fixtures/minimal.yaml"])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func schemaRejectsAMisspeltField() throws {
        let result = try validate(["docs/examples/broken-plan.yaml"])
        #expect(result.status == 1)
        #expect(result.output.contains("states/menu"), "\(result.output)")
    }

    @Test func referenceExampleIsTheShippedPlan() throws {
        let reference = try String(contentsOf: Self.root.appendingPathComponent("docs/dialplan.md"), encoding: .utf8)
        let plan = try String(contentsOf: Self.root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)
        #expect(reference.contains("```yaml\n" + plan + "```"), "docs/dialplan.md's example differs from Dialplans/hotline.yaml: copy the plan into it")
    }
}
