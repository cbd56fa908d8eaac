/// What the prompts folder holds: per language, per prompt name, the audio format found (or why
/// the file could not be read). Built by an adapter that reads the disk; checked here, purely.
public struct PromptInventory: Sendable {
    public enum Audio: Sendable, Hashable {
        case wav(WAVFormat)
        case unreadable(String)
    }

    /// Shown in messages, e.g. "Prompts".
    public var root: String
    public var files: [String: [String: Audio]]

    public init(root: String, files: [String: [String: Audio]] = [:]) {
        self.root = root
        self.files = files
    }

    public func audio(_ name: String, language: String) -> Audio? {
        files[language]?[name]
    }
}

extension PlanChecker {
    /// Every prompt must exist for every language it can be played in, as 8 kHz 16-bit mono WAV
    /// with sound in it. A language with no audio at all gets one error with what to do, not one
    /// per prompt.
    mutating func checkPrompts(_ inventory: PromptInventory) {
        let silentLanguages = Set(plan.languages.map(\.value).filter { (inventory.files[$0] ?? [:]).isEmpty })
        for language in plan.languages where silentLanguages.contains(language.value) {
            let folder = "\(inventory.root)/\(language.value)"
            diagnostics.append(.error(language.location, "language '\(language.value)' has no audio at all: \(folder) holds no .wav prompt; write its words in \(folder)/catalogue.yaml (copy another language's), run `hotline prompts synth --prompts \(inventory.root)` for placeholder audio, then replace it with recordings"))
        }
        var reported: Set<String> = []
        for state in plan.states {
            for prompt in state.action.prompts {
                let languages = prompt.value.language.map { [$0] } ?? languageCodes
                for language in languages where !silentLanguages.contains(language) {
                    let path = "\(inventory.root)/\(language)/\(prompt.value.name).wav"
                    guard reported.insert(path).inserted else { continue }
                    switch inventory.audio(prompt.value.name, language: language) {
                    case nil:
                        let near = DidYouMean.hint(for: prompt.value.name, among: (inventory.files[language] ?? [:]).keys.sorted())
                        diagnostics.append(.error(prompt.location, "prompt '\(prompt.value.name)' has no audio in \(language): \(path) is missing; record it, or add its words to \(inventory.root)/\(language)/catalogue.yaml and run `hotline prompts synth` for a placeholder\(near)"))
                    case .unreadable(let reason)?:
                        diagnostics.append(.error(prompt.location, "prompt '\(prompt.value.name)' in \(language): \(path) is not a WAV file (\(reason)); record or convert it as 8 kHz 16-bit mono WAV"))
                    case .wav(let format)? where !format.isTelephoneQuality:
                        diagnostics.append(.error(prompt.location, "prompt '\(prompt.value.name)' in \(language): \(path) is \(format), but the PBX needs \(WAVFormat.telephone); convert it: sox IN.wav -r 8000 -c 1 -b 16 \(path)"))
                    case .wav(let format)? where (format.duration ?? 1) < 0.05:
                        diagnostics.append(.error(prompt.location, "prompt '\(prompt.value.name)' in \(language): \(path) holds no sound (\(format.dataBytes ?? 0) bytes of audio); the caller would hear silence — record it again"))
                    case .wav?:
                        break
                    }
                }
            }
        }
    }
}
