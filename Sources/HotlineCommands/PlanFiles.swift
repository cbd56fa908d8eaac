import Dialplan
import Foundation
import Yams

/// Reads a plan and its prompts folder from disk: the file-system adapter around the pure
/// `Dialplan.compile`.
struct PlanFiles {
    let planPath: String
    let promptsRoot: String
    let compilation: PlanCompilation
    let inventory: PromptInventory?

    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    init(planPath: String, options: PlanOptions) throws {
        self.planPath = planPath
        let data: Data
        do {
            data = try RegularFile.read(planPath, limit: YAMLGuard.maximumBytes)
        } catch {
            throw ReadError(description: RegularFile.message(error, path: planPath, what: "the plan file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(description: "\(planPath):1:1: error: the plan is not UTF-8 text; save it as UTF-8")
        }
        let planDirectory = (planPath as NSString).deletingLastPathComponent
        let written = PlanFiles.promptsSetting(in: text)
        if let override = options.prompts {
            promptsRoot = override
        } else {
            let relative = written ?? "../Prompts"
            promptsRoot = PlanFiles.normalized(relative.hasPrefix("/") ? relative : ((planDirectory.isEmpty ? "." : planDirectory) as NSString).appendingPathComponent(relative))
        }
        inventory = options.noPrompts ? nil : PlanFiles.scanPrompts(at: promptsRoot)
        compilation = Dialplan.compile(text, file: planPath, prompts: inventory)
    }

    /// The plan's own `prompts:` value, read before the full parse so the folder can be scanned.
    static func promptsSetting(in text: String) -> String? {
        guard YAMLGuard.problem(in: text, file: "") == nil, let node = try? Yams.compose(yaml: text), let value = node.mapping?["prompts"]?.scalar?.string else { return nil }
        return value
    }

    /// Every `<lang>/<name>.wav` under the prompts folder, with the format its header declares.
    static func scanPrompts(at root: String) -> PromptInventory {
        var inventory = PromptInventory(root: root)
        let manager = FileManager.default
        for language in (try? manager.contentsOfDirectory(atPath: root)) ?? [] {
            let folder = (root as NSString).appendingPathComponent(language)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            var files: [String: PromptInventory.Audio] = [:]
            for file in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where file.hasSuffix(".wav") {
                let path = (folder as NSString).appendingPathComponent(file)
                let name = String(file.dropLast(4))
                do {
                    let header = try RegularFile.prefix(path, count: 4096)
                    files[name] = WAVFormat(header: header).map { .wav($0) } ?? .unreadable(header.isEmpty ? "the file is empty" : "no RIFF/WAVE header with a fmt chunk")
                } catch .notRegular(let kind) {
                    files[name] = .unreadable("it is \(kind), not a regular file")
                } catch {
                    files[name] = .unreadable("cannot open it")
                }
            }
            inventory.files[language] = files
        }
        return inventory
    }

    /// `a/b/../../Prompts` → `Prompts`: a path as short as it can be written, for messages.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// Prompt lengths from the audio headers, for simulated timing.
    var promptDurations: [Prompt: Double] {
        var durations: [Prompt: Double] = [:]
        for (language, files) in inventory?.files ?? [:] {
            for (name, audio) in files {
                if case .wav(let format) = audio, let seconds = format.duration {
                    durations[Prompt(name: name, language: language)] = seconds
                }
            }
        }
        return durations
    }

    /// The words of each prompt, from `<lang>/catalogue.yaml`.
    var promptTexts: [Prompt: String] {
        var texts: [Prompt: String] = [:]
        let root = promptsRoot
        for language in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            let path = ((root as NSString).appendingPathComponent(language) as NSString).appendingPathComponent("catalogue.yaml")
            guard let data = try? RegularFile.read(path, limit: YAMLGuard.maximumBytes), let text = String(data: data, encoding: .utf8),
                  YAMLGuard.problem(in: text, file: path) == nil, let catalogue = (try? Yams.load(yaml: text)) as? [String: Any] else { continue }
            for (name, words) in catalogue {
                if let words = words as? String { texts[Prompt(name: name, language: language)] = words }
            }
        }
        return texts
    }
}
