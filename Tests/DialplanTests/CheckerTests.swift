import Dialplan
import Testing

@Suite struct CheckerTests {
    @Test func flowProblemsAreAllReported() throws {
        let lines = Fixture.lines(try Fixture.compile("flow-errors"))
        let expected = [
            "flow-errors.yaml:6:14: error: entry number 8001 is defined twice (first at line 5); a dialed number starts one flow",
            // The error points at the edge that leaves the way through the notice, not at the policy.
            "flow-errors.yaml:23:12: error: policy broken: the path welcome → menu → advocate reaches queue 'advocate' without passing 'notice'; here 'menu' goes on to 'advocate'; send it through 'notice' first (policy at line 11)",
            "flow-errors.yaml:22:7: error: key 0 of menu 'menu' collides with the plan-wide key 0 (line 9), which works in every menu; pick another key",
            "flow-errors.yaml:28:16: error: state 'menu' (retries exhausted) goes to unknown state 'mnu'; did you mean 'menu'?",
            "flow-errors.yaml:36:3: error: states 'spin_a', 'spin_b' lead back to each other without any caller input: a silent caller would loop forever; give the loop an exit that ends the call (e.g. exhausted: goodbye)",
            "flow-errors.yaml:41:3: error: states 'stuck_a', 'stuck_b' lead back to each other without any caller input: a silent caller would loop forever; give the loop an exit that ends the call (e.g. exhausted: goodbye)",
            "flow-errors.yaml:49:3: error: state 'limbo' can never end: no path from it reaches a queue, a transfer or a hangup, so a caller would be stuck; give it a way out",
            "flow-errors.yaml:54:3: warning: state 'orphan' can never be reached from any entry; remove it or send a call to it",
        ]
        for line in expected { #expect(lines.contains(line), "missing: \(line)\nin:\n\(lines.joined(separator: "\n"))") }
        #expect(try Fixture.compile("flow-errors").plan == nil)
    }

    @Test func valueProblemsAreAllReported() throws {
        let lines = Fixture.lines(try Fixture.compile("value-errors"))
        let expected = [
            "value-errors.yaml:3:19: error: default language 'fr' is not one of the plan's languages (en, es)",
            "value-errors.yaml:4:12: error: unknown time zone 'America/New_Yrok'; did you mean 'America/New_York'?",
            "value-errors.yaml:7:13: error: hours 'office': 16:00-18:00 overlaps 09:00-17:00 on monday (line 7); make the ranges distinct",
            "value-errors.yaml:8:14: error: '9am-5pm' is not a time range: write HH:MM-HH:MM in 24-hour time, e.g. 09:00-17:00 (or 'closed')",
            "value-errors.yaml:9:13: error: '18:00-09:00' ends before it starts; for overnight hours write 22:00-24:00 on one day and 00:00-06:00 on the next",
            "value-errors.yaml:10:16: error: '2026-02-30' is not a date: write YYYY-MM-DD, e.g. 2026-12-25",
            "value-errors.yaml:14:31: error: queue 'advocates' uses language 'de', which is not one of the plan's languages (en, es)",
            "value-errors.yaml:17:21: error: state 'welcome' uses language 'pt', which is not one of the plan's languages (en, es)",
            "value-errors.yaml:20:12: error: state 'check' checks unknown hours 'ofice'; did you mean 'office'?",
            "value-errors.yaml:24:12: error: state 'advocate' uses unknown queue 'advocats'; did you mean 'advocates'?",
            "value-errors.yaml:28:13: error: unknown outcome 'goodby'; did you mean 'goodbye'?; use one of after_hours, no_advocates, outage, message, transferred, emergency, goodbye, no_input",
        ]
        for line in expected { #expect(lines.contains(line), "missing: \(line)\nin:\n\(lines.joined(separator: "\n"))") }
    }

    @Test func policyExceptionsAreHonoured() throws {
        var text = try Fixture.text("minimal")
        text = text.replacingOccurrences(of: "  - {require: welcome, before: [queue, transfer], except: [emergency]}", with: "  - {require: menu, before: [transfer]}")
        let broken = Dialplan.compile(text, file: "p.yaml", prompts: nil)
        #expect(broken.diagnostics.contains { $0.message.hasPrefix("policy broken: the path welcome → emergency reaches transfer 'emergency'") })
        let excepted = Dialplan.compile(text.replacingOccurrences(of: "before: [transfer]}", with: "before: [transfer], except: [emergency]}"), file: "p.yaml", prompts: nil)
        #expect(excepted.diagnostics.isEmpty, "\(excepted.diagnostics)")
    }

    @Test func promptsMustExistInEveryLanguageAsTelephoneAudio() throws {
        let good = PromptInventory.Audio.wav(WAVFormat(audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: 16000))
        let cd = PromptInventory.Audio.wav(WAVFormat(audioFormat: 1, channels: 2, sampleRate: 44100, bitsPerSample: 16, dataBytes: 16000))
        let inventory = PromptInventory(root: "Prompts", files: [
            "en": ["welcome": good, "main_menu": good, "goodbye": good],
            "es": ["welcome": cd, "main_menu": .unreadable("no RIFF/WAVE header"), "goodby": good],
        ])
        let lines = Fixture.lines(try Fixture.compile("minimal", prompts: inventory))
        #expect(lines == [
            "minimal.yaml:20:11: error: prompt 'welcome' in es: Prompts/es/welcome.wav is 44100 Hz 16-bit 2-channel PCM, but the PBX needs 8000 Hz 16-bit mono PCM; convert it: sox IN.wav -r 8000 -c 1 -b 16 Prompts/es/welcome.wav",
            "minimal.yaml:23:11: error: prompt 'main_menu' in es: Prompts/es/main_menu.wav is not a WAV file (no RIFF/WAVE header); record or convert it as 8 kHz 16-bit mono WAV",
            "minimal.yaml:37:13: error: prompt 'goodbye' has no audio in es: Prompts/es/goodbye.wav is missing; record it, or add its words to Prompts/es/catalogue.yaml and run `hotline prompts synth` for a placeholder; did you mean 'goodby'?",
        ])
    }
}
