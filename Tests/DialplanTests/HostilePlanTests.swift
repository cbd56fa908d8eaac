import Dialplan
import Foundation
import Testing

/// Issue 11: what a plan file can hold that `check` used to let through, or that killed the
/// process reading it.
@Suite struct HostilePlanTests {
    func compile(_ text: String) -> PlanCompilation {
        Dialplan.compile(text, file: "p.yaml", prompts: nil)
    }

    func minimal(replacing old: String, with new: String) throws -> String {
        let text = try Fixture.text("minimal")
        #expect(text.contains(old), "the fixture has no '\(old)'")
        return text.replacingOccurrences(of: old, with: new)
    }

    /// Item 1: 9.3e15 s overflowed seconds × 1000 to Int in the session; now `check` refuses it.
    @Test func aMenuTimeoutBeyondItsRangeIsRefusedAtTheValue() throws {
        let compilation = compile(try minimal(replacing: "    exhausted: bye\n", with: "    exhausted: bye\n    timeout: 9.3e15\n"))
        #expect(compilation.plan == nil)
        #expect(Fixture.lines(compilation) == ["p.yaml:28:14: error: 'timeout' is 9.3e15 seconds; give from 0.5 to 60 seconds"])
    }

    @Test(arguments: [
        ("    exhausted: bye\n", "    exhausted: bye\n    timeout: 0\n", "'timeout' is 0 seconds; give from 0.5 to 60 seconds"),
        ("    exhausted: bye\n", "    exhausted: bye\n    timeout: -1\n", "'timeout' is -1 seconds; give from 0.5 to 60 seconds"),
        ("    exhausted: bye\n", "    exhausted: bye\n    timeout: .nan\n", "expected a number of seconds for 'timeout', e.g. 5"),
        ("    exhausted: bye\n", "    exhausted: bye\n    retries: 10\n", "expected a whole number from 0 to 9 for 'retries'"),
        ("    queue: advocates\n", "    queue: advocates\n    max_wait: 86401\n", "expected a whole number from 1 to 86400 for 'max_wait'"),
        ("    queue: advocates\n", "    queue: advocates\n    priority: 99999999999999999999\n", "expected a whole number from 0 to 9 for 'priority'"),
        ("advocates: {languages: [en, es]}", "advocates: {languages: [en, es], ring_seconds: 1}", "expected a whole number from 5 to 300 for 'ring_seconds'"),
    ])
    func everyNumberHasARange(old: String, new: String, message: String) throws {
        let compilation = compile(try minimal(replacing: old, with: new))
        #expect(compilation.plan == nil)
        #expect(compilation.diagnostics.map(\.message) == [message])
    }

    /// Item 2: 200 KB of `[` overflowed the YAML composer's stack (exit 139 on reload).
    @Test func deepNestingIsRefusedBeforeTheYAMLParser() {
        let compilation = compile(String(repeating: "[", count: 200_000))
        #expect(compilation.plan == nil)
        #expect(Fixture.lines(compilation) == ["p.yaml:1:64: error: the YAML nests more than 64 levels deep here; a plan needs a few levels — look for brackets that never close"])
        let blocks = (0..<100).map { String(repeating: "  ", count: $0) + "a\($0):" }.joined(separator: "\n")
        #expect(compile(blocks).diagnostics.first?.message.hasPrefix("the YAML nests more than 64 levels") == true)
        let dashes = String(repeating: "- ", count: 100) + "x"
        #expect(compile(dashes).diagnostics.first?.message.hasPrefix("the YAML nests more than 64 levels") == true)
        let (_, roster) = Roster.parse(String(repeating: "{a: ", count: 100_000), file: "roster.yaml", languages: ["en"])
        #expect(roster.map(\.description) == ["roster.yaml:1:253: error: the YAML nests more than 64 levels deep here; a plan needs a few levels — look for brackets that never close"])
    }

    @Test func bracketsInQuotesCommentsAndBlockTextDoNotCount() throws {
        let deep = String(repeating: "[", count: 100)
        let text = try minimal(replacing: "name: Minimal\n", with: "name: \"\(deep)\"\n# \(deep)\nversion_note: |\n  \(deep)\n  \(deep)\n")
        #expect(!compile(text).diagnostics.contains { $0.message.contains("nests more than") })
    }

    /// The review found the first guard counting the apostrophe of "New Year's Day" as a quote
    /// (the closing brace was never seen), and letting `? ? ?` and escaped quotes through.
    @Test func ordinaryTextIsNotNestingAndRealNestingIsNotHidden() throws {
        let holidays = (0..<120).map { "      - {date: 2027-01-01, name: \"Presidents' Day \($0)\"}\n      - {date: 2027-01-02, name: Washington's Birthday \($0)}" }.joined(separator: "\n")
        let plan = try minimal(replacing: "    closures: [2026-12-25]\n", with: "    closures:\n\(holidays)\n")
        #expect(!compile(plan).diagnostics.contains { $0.message.contains("nests more than") })
        let blocks = (1...80).map { String(repeating: " ", count: 2 + $0) + "text \($0)" }.joined(separator: "\n")
        for header in ["|", "|-", ">-", "|2", "|+ # a comment"] {
            let text = try minimal(replacing: "name: Minimal\n", with: "name: Minimal\nversion_note: \(header)\n\(blocks)\n")
            #expect(!compile(text).diagnostics.contains { $0.message.contains("nests more than") }, "\(header)")
        }
        let plain = try minimal(replacing: "name: Minimal\n", with: "name: a [b {c\n")
        #expect(!compile(plain).diagnostics.contains { $0.message.contains("nests more than") })
        for hostile in [String(repeating: "? ", count: 100_000) + "x", "[a', " + String(repeating: "[", count: 100_000),
                        "[\"a\\\"\", " + String(repeating: "[", count: 100_000), "a: 'it''s' " + String(repeating: "[", count: 10) + "\nb: " + String(repeating: "[", count: 100_000)] {
            #expect(compile(hostile).diagnostics.first?.message.hasPrefix("the YAML nests more than 64 levels") == true, "\(hostile.prefix(12))")
        }
    }

    @Test func aFileLargerThanAMebibyteIsRefused() {
        let compilation = compile("# " + String(repeating: "x", count: 1 << 20))
        #expect(compilation.diagnostics.map(\.message) == ["the file is 1048578 bytes; the most a YAML file may hold is 1048576 bytes (1 MiB)"])
    }

    /// Item 12: a fixed offset is an hour off all summer.
    @Test func aFixedOffsetTimeZoneIsWarnedAbout() throws {
        for zone in ["GMT+2", "UTC-05:00", "Etc/GMT-2"] {
            let compilation = compile(try minimal(replacing: "time_zone: America/New_York", with: "time_zone: \"\(zone)\""))
            #expect(compilation.diagnostics.map(\.description).contains { $0.hasPrefix("p.yaml:6:12: warning: time zone '\(zone)' is a fixed offset from UTC") }, "\(zone)")
        }
        #expect(compile(try Fixture.text("minimal")).diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("SIP/18007997233@referrals", "uses chan_sip, which left Asterisk in version 21; use PJSIP/18007997233@referrals"),
        ("210 123 4567", "holds spaces; a dial string is TECH/RESOURCE without spaces, e.g. PJSIP/18007997233@referrals (not a phone number as people write it)"),
        ("PJSIP/911@emergency\\nEXEC System", "holds a line break or a tab; write the dial string on one line, e.g. PJSIP/18007997233@referrals"),
        ("PJSIP/911@emergency,,tT", "holds ',', which Asterisk would read as part of the Dial application's arguments; remove it"),
        ("911", "is not a dial string; write TECH/RESOURCE, e.g. PJSIP/18007997233@referrals"),
        ("Skype/911", "uses channel technology 'Skype'; use one of PJSIP, IAX2, DAHDI, Local, e.g. PJSIP/18007997233@referrals"),
        ("PJSIP/", "has nothing after 'PJSIP/'; add the number or endpoint, e.g. PJSIP/18007997233@referrals"),
    ])
    func transferDestinationsAreDialStrings(destination: String, problem: String) throws {
        let compilation = compile(try minimal(replacing: "transfer: \"PJSIP/911@emergency\"", with: "transfer: \"\(destination)\""))
        #expect(compilation.plan == nil)
        let shown = destination.replacingOccurrences(of: "\\n", with: "\\n")
        #expect(Fixture.lines(compilation) == ["p.yaml:33:15: error: transfer destination '\(shown)' \(problem)"])
    }

    @Test func aPlanThatQueuesWithoutAnyPolicyIsWarned() throws {
        let text = try minimal(replacing: "policies:\n  - {require: welcome, before: [queue, transfer], except: [emergency]}\n", with: "")
        #expect(Fixture.lines(compile(text)) == [
            "p.yaml:28:3: warning: the plan has no 'policies', so nothing proves that callers hear the confidentiality notice before queue 'advocate'; add `policies: [{require: NOTICE_STATE, before: [queue, transfer]}]`",
        ])
    }

    /// A misspelled required state used to add four false "policy broken" errors to its own.
    @Test func aMisspelledRequiredStateIsOneError() throws {
        let text = try minimal(replacing: "{require: welcome,", with: "{require: welcom,")
        let lines = Fixture.lines(compile(text))
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("'welcom'") == true)
        #expect(!lines.contains { $0.contains("policy broken") })
    }

    @Test func overIndentationGetsAHint() throws {
        let text = try minimal(replacing: "    next: menu\n", with: "      next: menu\n")
        let lines = Fixture.lines(compile(text))
        #expect(lines.count == 1)
        #expect(lines.first?.hasSuffix("check this line's indentation against the lines above: fields of one state line up, 2 spaces deeper than its name, with spaces, not tabs") == true, "\(lines)")
    }

    /// A language with no audio at all: one error saying what to do, not one per prompt.
    @Test func aNewLanguageWithoutAudioIsOneErrorWithWhatToDo() throws {
        let good = PromptInventory.Audio.wav(WAVFormat(audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: 16000))
        let inventory = PromptInventory(root: "Prompts", files: ["en": ["welcome": good, "main_menu": good, "goodbye": good]])
        let compilation = Dialplan.compile(try minimal(replacing: "languages: [en, es]", with: "languages: [en, es, fr]"), file: "p.yaml", prompts: inventory)
        #expect(Fixture.lines(compilation) == [
            "p.yaml:4:17: error: language 'es' has no audio at all: Prompts/es holds no .wav prompt; write its words in Prompts/es/catalogue.yaml (copy another language's), run `hotline prompts synth --prompts Prompts` for placeholder audio, then replace it with recordings",
            "p.yaml:4:21: error: language 'fr' has no audio at all: Prompts/fr holds no .wav prompt; write its words in Prompts/fr/catalogue.yaml (copy another language's), run `hotline prompts synth --prompts Prompts` for placeholder audio, then replace it with recordings",
        ])
    }

    @Test func aWAVWithoutSoundIsAnError() throws {
        let good = PromptInventory.Audio.wav(WAVFormat(audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: 16000))
        let empty = PromptInventory.Audio.wav(WAVFormat(audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: 0))
        let inventory = PromptInventory(root: "Prompts", files: [
            "en": ["welcome": empty, "main_menu": good, "goodbye": good], "es": ["welcome": good, "main_menu": good, "goodbye": good],
        ])
        #expect(Fixture.lines(try Fixture.compile("minimal", prompts: inventory)) == [
            "minimal.yaml:20:11: error: prompt 'welcome' in en: Prompts/en/welcome.wav holds no sound (0 bytes of audio); the caller would hear silence — record it again",
        ])
    }
}
