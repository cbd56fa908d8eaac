import Dialplan
import Foundation
import Testing

/// The files an administrator relies on agree with each other: the JSON Schema editors use, the
/// reference's example, the shipped plan.
@Suite struct ShippedFilesTests {
    static let root = ProcessRun.root

    func validate(_ files: [String]) async throws -> ProcessRun {
        try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/python3"), ["scripts/validate-schema.py"] + files)
    }

    @Test func schemaAcceptsTheShippedPlans() async throws {
        let result = try await validate(["Dialplans/hotline.yaml", "Tests/DialplanTests/Fixtures/minimal.yaml"])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func schemaRejectsAMisspeltField() async throws {
        let result = try await validate(["docs/examples/broken-plan.yaml"])
        #expect(result.status == 1)
        #expect(result.output.contains("states/menu"), "\(result.output)")
    }

    /// The ranges editors see in the schema are the ones `check` enforces (issue 11, item 1).
    @Test func schemaRangesAreThePlanLimits() async throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("Dialplans/schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func field(_ path: [Any]) -> (Double, Double)? {
            var node: Any? = schema
            for step in path {
                if let key = step as? String { node = (node as? [String: Any])?[key] } else if let i = step as? Int { node = (node as? [Any])?[i] }
            }
            guard let object = node as? [String: Any], let low = object["minimum"] as? Double, let high = object["maximum"] as? Double else { return nil }
            return (low, high)
        }
        let queue: [Any] = ["properties", "queues", "additionalProperties", "oneOf", 1, "properties"]
        let state: [Any] = ["properties", "states", "additionalProperties", "oneOf"]
        let expected: [([Any], ClosedRange<Double>)] = [
            (queue + ["ring_seconds"], 5...300), (queue + ["wrap_up_seconds"], 0...3600), (queue + ["retry_seconds"], 0...300),
            (queue + ["announce_every"], 0...3600), (queue + ["interpreter_after"], 0...86_400), (queue + ["alert_after"], 0...86_400),
            (state + [1, "properties", "timeout"], PlanLimits.menuTimeoutSeconds), (state + [2, "properties", "timeout"], PlanLimits.collectTimeoutSeconds),
            (state + [1, "properties", "retries"], 0...9), (state + [2, "properties", "max_digits"], 1...32),
            (state + [7, "properties", "max_seconds"], 1...3600), (state + [8, "properties", "priority"], 0...9),
            (state + [8, "properties", "max_wait"], 1...86_400),
        ]
        #expect(PlanLimits.ringSeconds == 5...300 && PlanLimits.wrapUpSeconds == 0...3600 && PlanLimits.retrySeconds == 0...300)
        #expect(PlanLimits.announceEverySeconds == 0...3600 && PlanLimits.interpreterAfterSeconds == 0...86_400)
        #expect(PlanLimits.retries == 0...9 && PlanLimits.digits == 1...32 && PlanLimits.recordSeconds == 1...3600)
        #expect(PlanLimits.priority == 0...9 && PlanLimits.maxWaitSeconds == 1...86_400)
        for (path, range) in expected {
            let found = field(path)
            #expect(found?.0 == range.lowerBound && found?.1 == range.upperBound, "\(path.last!): schema says \(String(describing: found)), check enforces \(range)")
        }
    }

    @Test func referenceExampleIsTheShippedPlan() async throws {
        let reference = try String(contentsOf: Self.root.appendingPathComponent("docs/dialplan.md"), encoding: .utf8)
        let plan = try String(contentsOf: Self.root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)
        #expect(reference.contains("```yaml\n" + plan + "```"), "docs/dialplan.md's example differs from Dialplans/hotline.yaml: copy the plan into it")
    }
}

@Suite struct AdminAPIDocumentTests {
    /// docs/admin-api.yaml documents every route the server has, and is valid OpenAPI YAML.
    @Test func openAPIDocumentNamesEveryRoute() async throws {
        let text = try String(contentsOf: ProcessRun.root.appendingPathComponent("docs/admin-api.yaml"), encoding: .utf8)
        #expect(text.hasPrefix("openapi: 3."))
        for route in ["/health:", "/ready:", "/status:", "/metrics:", "/queues:", "/agents:", "/agents/{id}/login:", "/agents/{id}/logout:", "/agents/{id}/pause:", "/agents/{id}/resume:", "/switches:", "/switches/{name}/on:", "/switches/{name}/off:", "/plan/reload:"] {
            #expect(text.contains("\n  \(route)"), "\(route) is not documented")
        }
        let parsed = try await ProcessRun.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", "import yaml,sys; d=yaml.safe_load(open(sys.argv[1])); print(len(d['paths']))", "docs/admin-api.yaml"])
        #expect(parsed.output.trimmingCharacters(in: .whitespacesAndNewlines) == "14")
    }
}
