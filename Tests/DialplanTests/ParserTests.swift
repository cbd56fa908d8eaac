import Dialplan
import Testing

@Suite struct ParserTests {
    @Test func minimalPlanCompilesWithNoDiagnostics() throws {
        let compilation = try Fixture.compile("minimal")
        #expect(compilation.diagnostics.isEmpty)
        let plan = try #require(compilation.plan)
        #expect(plan.languages == ["en", "es"])
        #expect(plan.timeZone.identifier == "America/New_York")
        #expect(plan.entry(forDialed: "8001").number == "8001")
        #expect(plan.entry(forDialed: "9999").number == nil)
        #expect(plan.planKeys["0"] == plan.state(named: "emergency"))
        #expect(plan.states.map(\.name) == ["welcome", "menu", "advocate", "emergency", "bye"])
    }

    @Test func everyParseProblemIsReportedWithItsPosition() throws {
        let lines = Fixture.lines(try Fixture.compile("parse-errors"))
        let expected = [
            "parse-errors.yaml:8:5: error: play state 'welcome' needs 'next: STATE', where the call goes after the prompt",
            "parse-errors.yaml:9:5: error: unknown field 'nxet' in play state 'welcome'; did you mean 'next'?",
            "parse-errors.yaml:13:7: error: '12' is not a phone key; use one of 0-9, * or # (quote it: \"1\")",
            "parse-errors.yaml:15:5: error: unknown field 'tiemout' in menu state 'menu'; did you mean 'timeout'?",
            "parse-errors.yaml:17:3: error: duplicate state 'menu' (first defined at line 10); rename one",
            "parse-errors.yaml:21:5: error: state 'both' has both 'play' and 'goto'; a state does one thing: split it into two states joined by 'next'",
            "parse-errors.yaml:23:13: error: unknown outcome 'farewell'; use one of after_hours, no_advocates, outage, message, transferred, emergency, goodbye, no_input",
        ]
        for line in expected { #expect(lines.contains(line), "missing: \(line)\nin:\n\(lines.joined(separator: "\n"))") }
    }

    @Test func yamlSyntaxErrorPointsAtTheLine() {
        let text = "languages: [en\nstates:\n  a: {play: x, next: b}\n"
        let compilation = Dialplan.compile(text, file: "bad.yaml", prompts: nil)
        #expect(compilation.plan == nil)
        let first = compilation.diagnostics.first
        #expect(first?.location.file == "bad.yaml")
        #expect(first?.location.line == 2)
        #expect(first?.message.hasPrefix("not valid YAML") == true)
    }

    @Test func missingTopLevelSectionsAreNamed() {
        let compilation = Dialplan.compile("name: x\n", file: "empty.yaml", prompts: nil)
        let messages = compilation.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("has no 'time_zone'") })
        #expect(messages.contains { $0.contains("has no 'languages'") })
        #expect(messages.contains { $0.contains("has no 'entries'") })
        #expect(messages.contains { $0.contains("has no 'states'") })
    }

    @Test func duplicateFieldsInAStateAreReported() {
        let text = """
        languages: [en]
        time_zone: UTC
        entries: [{default: true, start: a}]
        states:
          a:
            hangup:
            hangup: goodbye
        """
        let lines = Dialplan.compile(text, file: "dup.yaml", prompts: nil).diagnostics.map(\.description)
        #expect(lines.contains("dup.yaml:7:5: error: hangup state 'a': duplicate field 'hangup' (first defined at line 6); remove one"))
    }

    @Test func promptReferencesPinALanguageWithAt() {
        #expect(PromptReference(parsing: "lang_es@es") == PromptReference(name: "lang_es", language: "es"))
        #expect(PromptReference(parsing: "welcome") == PromptReference(name: "welcome"))
        #expect(PromptReference(parsing: "a@b@c") == nil)
        #expect(PromptReference(parsing: "../etc/passwd") == nil)
    }
}
