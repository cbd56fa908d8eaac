import ArgumentParser
import CallEngine
import Dialplan
import Foundation

/// `hotline prompts`: keep every language's prompts complete and their audio in step with
/// their words.
struct PromptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts",
        abstract: "Synthesize placeholder audio, report parity between languages, accept real recordings, install them for Asterisk.",
        subcommands: [Synth.self, Parity.self, Accept.self, Install.self]
    )

    struct Folder: ParsableArguments {
        @Option(name: .long, help: "The prompts folder.")
        var prompts: String = "Prompts"
    }

    /// espeak-ng voices for the plan's language codes, where they differ.
    static let voices = ["en": "en-us", "zh": "cmn", "es": "es-419", PromptCatalogue.whisperFolder: "en-us", PromptCatalogue.staffLineFolder: "en-us"]

    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Synthesize audio (espeak-ng, then sox to 8 kHz 16-bit mono) for prompts whose audio is missing or whose words changed; real recordings are never touched."
        )

        @OptionGroup var folder: Folder

        @Flag(name: .long, help: "Only say what would be made.")
        var dryRun = false

        func run() throws {
            var catalogue = try PromptCatalogue(root: folder.prompts)
            var made = 0
            for code in catalogue.languages.keys.sorted() {
                var language = catalogue.languages[code]!
                for (name, text) in language.texts.sorted(by: { $0.key < $1.key }) {
                    let hash = PromptCatalogue.hash(text)
                    let known = language.audio[name]
                    if language.wavs.contains(name), let known, known.source == .voice || known.hash == hash { continue }
                    if language.wavs.contains(name), known == nil {
                        print("\(folder.prompts)/\(code)/\(name).wav: kept (no record of its words; `hotline prompts accept` marks it)")
                        continue
                    }
                    print("\(dryRun ? "would synthesize" : "synthesizing") \(folder.prompts)/\(code)/\(name).wav")
                    guard !dryRun else { continue }
                    try Self.synthesize(text, voice: PromptsCommand.voices[code] ?? code, to: "\(folder.prompts)/\(code)/\(name).wav")
                    language.audio[name] = (.synthesized, hash)
                    language.wavs.insert(name)
                    made += 1
                }
                catalogue.languages[code] = language
                if !dryRun { try catalogue.saveAudioTexts(language) }
            }
            print(made == 0 ? "every prompt has audio for its words" : "synthesized \(made) prompts")
        }

        static func synthesize(_ text: String, voice: String, to path: String) throws {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("prompt-\(UUID().uuidString).wav").path
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            try Self.run("espeak-ng", ["-v", voice, "-s", "150", "-w", temporary, text])
            try Self.run("sox", [temporary, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", path, "norm", "-1"])
        }

        static func run(_ tool: String, _ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [tool] + arguments
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                throw ValidationError("cannot run \(tool): install espeak-ng and sox (make deps does)")
            }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ValidationError("\(tool) failed (exit \(process.terminationStatus)); is \(tool) installed? (make deps installs espeak-ng and sox)")
            }
        }
    }

    struct Parity: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which prompts a language lacks (words or audio), and whose words changed since their audio."
        )

        @OptionGroup var folder: Folder

        @Option(name: .long, help: "The plan, to know which prompts are spoken in one language only (name@lang).")
        var plan: String = "Dialplans/hotline.yaml"

        @Flag(name: .long, help: "Exit 1 when anything is missing or out of date.")
        var strict = false

        func run() throws {
            let catalogue = try PromptCatalogue(root: folder.prompts)
            let definition = try PlanFiles(planPath: plan, options: PlanOptions.parse(["--no-prompts"])).compilation.definition
            var pinned: [String: String] = [:]
            for state in definition.states {
                for prompt in state.action.prompts { if let language = prompt.value.language { pinned[prompt.value.name] = language } }
            }
            let planLanguages = definition.languages.map(\.value)
            let languages = Set(planLanguages).union(catalogue.languages.keys).subtracting(PromptCatalogue.staffFolders).sorted()
            let shared = Set(catalogue.languages.filter { !PromptCatalogue.staffFolders.contains($0.key) }.values.flatMap { $0.texts.keys }).subtracting(pinned.keys)
            var problems = 0
            for code in languages {
                let language = catalogue.languages[code] ?? PromptCatalogue.Language(code: code, texts: [:], audio: [:], wavs: [])
                var lines: [String] = []
                for name in shared.sorted() where language.texts[name] == nil { lines.append("no words for '\(name)'") }
                for (name, language) in pinned.sorted(by: { $0.key < $1.key }) where language == code && catalogue.languages[code]?.texts[name] == nil {
                    lines.append("no words for '\(name)' (spoken only in \(language))")
                }
                for (name, text) in language.texts.sorted(by: { $0.key < $1.key }) {
                    if !language.wavs.contains(name) {
                        lines.append("no audio for '\(name)'")
                    } else if let audio = language.audio[name], audio.hash != PromptCatalogue.hash(text) {
                        lines.append("'\(name)': words changed since its \(audio.source == .voice ? "recording" : "synthesized audio")")
                    } else if language.audio[name] == nil {
                        lines.append("'\(name)': no record of which words its audio says")
                    }
                }
                for name in language.wavs.sorted() where language.texts[name] == nil { lines.append("'\(name).wav' has no words in the catalogue") }
                let voice = language.audio.values.filter { $0.source == .voice }.count
                print("\(code): \(language.texts.count) prompts, \(language.wavs.count) audio files (\(voice) recorded by a voice, \(language.wavs.count - voice) synthesized)" + (lines.isEmpty ? ", complete" : ""))
                for line in lines { print("  \(line)") }
                problems += lines.count
            }
            problems += whisperParity(catalogue, planLanguages: planLanguages)
            problems += staffLineParity(catalogue)
            if strict && problems > 0 { throw ExitCode(1) }
        }

        /// What the advocate hears before a caller is bridged, in the staff's language: the
        /// caller's language (one prompt for each language the plan offers) and the interpreter notice.
        func whisperParity(_ catalogue: PromptCatalogue, planLanguages: [String]) -> Int {
            staffParity(catalogue, folder: PromptCatalogue.whisperFolder, needed: planLanguages.map { "language-\($0)" } + ["interpreter-needed"], heardIn: "when a call is offered")
        }

        /// What the staff line says to an advocate at their desk phone: every prompt it can play.
        func staffLineParity(_ catalogue: PromptCatalogue) -> Int {
            staffParity(catalogue, folder: PromptCatalogue.staffLineFolder, needed: StaffLineCall.promptNames, heardIn: "on the staff line")
        }

        func staffParity(_ catalogue: PromptCatalogue, folder: String, needed: [String], heardIn: String) -> Int {
            let heard = catalogue.languages[folder] ?? PromptCatalogue.Language(code: folder, texts: [:], audio: [:], wavs: [])
            var lines: [String] = []
            for name in needed {
                if heard.texts[name] == nil { lines.append("no words for '\(name)'") }
                if !heard.wavs.contains(name) { lines.append("no audio for '\(name)'") }
            }
            for (name, text) in heard.texts.sorted(by: { $0.key < $1.key }) {
                if let audio = heard.audio[name], audio.hash != PromptCatalogue.hash(text) { lines.append("'\(name)': words changed since its audio") }
            }
            print("\(folder) (heard by advocates \(heardIn)): \(heard.texts.count) prompts, \(heard.wavs.count) audio files" + (lines.isEmpty ? ", complete" : ""))
            for line in lines { print("  \(line)") }
            return lines.count
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark audio as a real recording of its current words (after a voice actor replaced NAME.wav)."
        )

        @OptionGroup var folder: Folder

        @Option(name: .long, help: "The language folder, e.g. es.")
        var language: String

        @Argument(help: "Prompt names.")
        var names: [String]

        func run() throws {
            var catalogue = try PromptCatalogue(root: folder.prompts)
            guard var entry = catalogue.languages[language] else { throw ValidationError("no language folder '\(language)' in \(folder.prompts)") }
            for name in names {
                guard let text = entry.texts[name] else { throw ValidationError("'\(name)' has no words in \(folder.prompts)/\(language)/catalogue.yaml") }
                guard entry.wavs.contains(name) else { throw ValidationError("\(folder.prompts)/\(language)/\(name).wav does not exist") }
                entry.audio[name] = (.voice, PromptCatalogue.hash(text))
                print("\(language)/\(name): recorded voice accepted")
            }
            catalogue.languages[language] = entry
            try catalogue.saveAudioTexts(entry)
        }
    }
}
