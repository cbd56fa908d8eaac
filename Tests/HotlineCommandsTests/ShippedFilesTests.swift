import Foundation
import Testing

/// The files an administrator relies on agree with each other: the JSON Schema editors use, the
/// reference's example, the shipped plan.
@Suite struct ShippedFilesTests {
    static let root = ProcessRun.root

    func validate(_ files: [String]) throws -> ProcessRun {
        try ProcessRun(URL(fileURLWithPath: "/usr/bin/python3"), ["scripts/validate-schema.py"] + files)
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
