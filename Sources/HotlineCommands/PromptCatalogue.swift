import CallEngine
import Dialplan
import Foundation
import Yams

/// The prompts folder as a voice actor and a reviewer see it: per language, the words of each
/// prompt (`catalogue.yaml`), its audio (`NAME.wav`), and a record of which words each audio
/// file says (`audio-texts.yaml`: `NAME: synth:HASH` or `voice:HASH`), so a changed text is
/// noticed and a synthesized placeholder can be remade while a real recording is never touched.
struct PromptCatalogue {
    enum Source: String {
        case synthesized = "synth"
        case voice
    }

    struct Language {
        var code: String
        var texts: [String: String]
        var audio: [String: (source: Source, hash: String)]
        var wavs: Set<String>
    }

    /// The folder of the prompts advocates hear when a call is offered (Dial's whisper), not a
    /// caller language.
    static let whisperFolder = "whisper"
    /// The folder of the staff line's prompts (an advocate at their desk phone), not a caller language.
    static let staffLineFolder = StaffLineCall.promptFolder
    /// Folders staff hear, in the staff's language: never compared with the callers' languages.
    static let staffFolders: Set<String> = [whisperFolder, staffLineFolder]

    let root: String
    var languages: [String: Language] = [:]

    init(root: String) throws {
        self.root = root
        let manager = FileManager.default
        for code in ((try? manager.contentsOfDirectory(atPath: root)) ?? []).sorted() {
            let folder = "\(root)/\(code)"
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let texts = try Self.mapping("\(folder)/catalogue.yaml")
            var audio: [String: (Source, String)] = [:]
            for (name, value) in try Self.mapping("\(folder)/audio-texts.yaml") {
                let parts = value.split(separator: ":", maxSplits: 1)
                if parts.count == 2, let source = Source(rawValue: String(parts[0])) { audio[name] = (source, String(parts[1])) }
            }
            let wavs = Set(((try? manager.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".wav") }.map { String($0.dropLast(4)) })
            languages[code] = Language(code: code, texts: texts, audio: audio, wavs: wavs)
        }
    }

    static func mapping(_ path: String) throws -> [String: String] {
        let data: Data
        do {
            data = try RegularFile.read(path, limit: YAMLGuard.maximumBytes)
        } catch .missing {
            return [:]
        } catch {
            throw PlanFiles.ReadError(description: RegularFile.message(error, path: path, what: "the catalogue"))
        }
        guard let text = String(data: data, encoding: .utf8) else { return [:] }
        if let problem = YAMLGuard.problem(in: text, file: path) { throw PlanFiles.ReadError(description: problem.description) }
        guard let loaded = try Yams.load(yaml: text) else { return [:] }
        guard let dictionary = loaded as? [String: Any] else {
            throw PlanFiles.ReadError(description: "\(path): error: expected a mapping of prompt names to text")
        }
        return dictionary.compactMapValues { $0 as? String }
    }

    /// FNV-1a over the UTF-8 text: enough to notice that words changed.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Writes `audio-texts.yaml` for a language, sorted, with a header.
    func saveAudioTexts(_ language: Language) throws {
        var lines = ["# Which words each NAME.wav says: synth = espeak-ng placeholder (remade when the text changes),",
                     "# voice = a real recording (never overwritten). Written by `hotline prompts`; do not edit by hand."]
        for name in language.audio.keys.sorted() {
            let entry = language.audio[name]!
            lines.append("\(name): \(entry.source.rawValue):\(entry.hash)")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: "\(root)/\(language.code)/audio-texts.yaml", atomically: true, encoding: .utf8)
    }
}
