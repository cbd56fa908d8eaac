import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension PromptsCommand {
    /// `hotline prompts install --sounds-dir DIR`: puts the prompts where Asterisk plays them
    /// (`DIR/<prefix>/<lang>/<name>.wav`, the paths the controller sends), copying only what is
    /// new or changed, and says what it did. Files there that the project no longer has are
    /// listed, not deleted: an operator may have put them there.
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the prompts into Asterisk's sounds folder (only new or changed files; prints what it did)."
        )

        @OptionGroup var folder: Folder

        @Option(name: .long, help: "Asterisk's sounds folder (astdatadir/sounds: /var/lib/asterisk/sounds or /usr/share/asterisk/sounds).")
        var soundsDir: String

        @Option(name: .long, help: "The folder under it that serve --prompt-prefix names.")
        var promptPrefix: String = "hotline"

        func run() throws {
            let report = try PromptInstaller(prompts: folder.prompts, sounds: soundsDir, prefix: promptPrefix).install()
            for line in report.lines { print(line) }
            print("\(report.copied) copied, \(report.updated) updated, \(report.unchanged) unchanged in \(report.target)")
        }
    }
}

/// Copies prompt audio into a sounds folder, comparing contents so an unchanged file is left
/// alone; each copy is written beside its target and renamed over it, so Asterisk never plays
/// half a file.
struct PromptInstaller {
    let prompts: String
    let sounds: String
    let prefix: String

    struct Report {
        var target: String
        var lines: [String] = []
        var copied = 0, updated = 0, unchanged = 0
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func install() throws -> Report {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: sounds, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure(description: "--sounds-dir \(sounds): no such folder; give Asterisk's sounds folder (`asterisk -rx 'core show settings' | grep 'Data directory'`, then /sounds under it)")
        }
        guard manager.fileExists(atPath: prompts, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure(description: "--prompts \(prompts): no such folder")
        }
        guard !prefix.isEmpty, !prefix.contains(".."), !prefix.hasPrefix("/") else {
            throw Failure(description: "--prompt-prefix '\(prefix)': give a folder name under the sounds folder, e.g. hotline")
        }
        let root = URL(fileURLWithPath: sounds).appendingPathComponent(prefix)
        var report = Report(target: root.path)
        let source = URL(fileURLWithPath: prompts)
        for language in try manager.contentsOfDirectory(atPath: source.path).sorted() {
            let from = source.appendingPathComponent(language)
            guard manager.fileExists(atPath: from.path, isDirectory: &isFolder), isFolder.boolValue else { continue }
            let to = root.appendingPathComponent(language)
            let wavs = try manager.contentsOfDirectory(atPath: from.path).filter { $0.hasSuffix(".wav") }.sorted()
            if wavs.isEmpty { continue }
            do {
                try manager.createDirectory(at: to, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            } catch {
                throw Failure(description: "cannot create \(to.path): \(error.localizedDescription); run as a user who may write Asterisk's sounds folder")
            }
            for name in wavs {
                let file = from.appendingPathComponent(name), target = to.appendingPathComponent(name)
                guard let data = manager.contents(atPath: file.path) else {
                    throw Failure(description: "\(file.path): cannot be read")
                }
                let existing = manager.contents(atPath: target.path)
                if existing == data {
                    report.unchanged += 1
                    continue
                }
                let temporary = to.appendingPathComponent(".\(name).installing")
                do {
                    try data.write(to: temporary)
                    try manager.setAttributes([.posixPermissions: 0o644], ofItemAtPath: temporary.path)
                    guard rename(temporary.path, target.path) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
                } catch {
                    try? manager.removeItem(at: temporary)
                    throw Failure(description: "cannot write \(target.path): \(error); run as a user who may write Asterisk's sounds folder")
                }
                if existing == nil {
                    report.copied += 1
                    report.lines.append("copied \(language)/\(name)")
                } else {
                    report.updated += 1
                    report.lines.append("updated \(language)/\(name)")
                }
            }
            let left = try manager.contentsOfDirectory(atPath: to.path).filter { $0.hasSuffix(".wav") && !wavs.contains($0) }.sorted()
            for name in left { report.lines.append("left alone \(language)/\(name) (not in \(prompts))") }
        }
        return report
    }
}
