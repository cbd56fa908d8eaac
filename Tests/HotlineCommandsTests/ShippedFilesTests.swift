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

@Suite struct AdminAPIDocumentTests {
    /// docs/admin-api.yaml documents every route the server has, and is valid OpenAPI YAML.
    @Test func openAPIDocumentNamesEveryRoute() throws {
        let text = try String(contentsOf: ProcessRun.root.appendingPathComponent("docs/admin-api.yaml"), encoding: .utf8)
        #expect(text.hasPrefix("openapi: 3."))
        for route in ["/health:", "/queues:", "/agents:", "/agents/{id}/login:", "/agents/{id}/logout:", "/agents/{id}/pause:", "/agents/{id}/resume:", "/plan/reload:"] {
            #expect(text.contains("\n  \(route)"), "\(route) is not documented")
        }
        let parsed = try ProcessRun(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", "import yaml,sys; d=yaml.safe_load(open(sys.argv[1])); print(len(d['paths']))", "docs/admin-api.yaml"])
        #expect(parsed.output.trimmingCharacters(in: .whitespacesAndNewlines) == "8")
    }
}
