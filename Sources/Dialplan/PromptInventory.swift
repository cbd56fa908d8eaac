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
    /// Every prompt must exist for every language it can be played in, as 8 kHz 16-bit mono WAV.
    mutating func checkPrompts(_ inventory: PromptInventory) {
        var reported: Set<String> = []
        for state in plan.states {
            for prompt in state.action.prompts {
                let languages = prompt.value.language.map { [$0] } ?? languageCodes
                for language in languages {
                    let path = "\(inventory.root)/\(language)/\(prompt.value.name).wav"
                    guard reported.insert(path).inserted else { continue }
                    switch inventory.audio(prompt.value.name, language: language) {
                    case nil:
                        let near = DidYouMean.hint(for: prompt.value.name, among: (inventory.files[language] ?? [:]).keys.sorted())
                        diagnostics.append(.error(prompt.location, "prompt '\(prompt.value.name)' has no audio in \(language): \(path) is missing\(near)"))
                    case .unreadable(let reason)?:
                        diagnostics.append(.error(prompt.location, "prompt '\(prompt.value.name)' in \(language): \(path) is not a WAV file (\(reason)); record or convert it as 8 kHz 16-bit mono WAV"))
                    case .wav(let format)? where !format.isTelephoneQuality:
                        diagnostics.append(.error(prompt.location, "prompt '\(prompt.value.name)' in \(language): \(path) is \(format), but the PBX needs \(WAVFormat.telephone); convert it: sox IN.wav -r 8000 -c 1 -b 16 \(path)"))
                    case .wav?:
                        break
                    }
                }
            }
        }
    }
}
