import Foundation
import Testing

/// Issue 13: `hotline prompts install` keeps Asterisk's copy of the prompts in step with the
/// project's, copying only what changed and saying what it did.
@Suite struct PromptsInstallTests {
    @Test func installCopiesOnlyWhatChangedAndSaysSo() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-sounds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prompts = folder.appendingPathComponent("Prompts"), sounds = folder.appendingPathComponent("sounds")
        try FileManager.default.createDirectory(at: sounds, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ProcessRun.root.appendingPathComponent("Prompts"), to: prompts)
        let wavs = try FileManager.default.subpathsOfDirectory(atPath: prompts.path).filter { $0.hasSuffix(".wav") }
        #expect(wavs.count > 40)
        let hotline = try CommandLineTests.hotline()
        let install = ["prompts", "install", "--prompts", prompts.path, "--sounds-dir", sounds.path]

        let first = try await ProcessRun.run(hotline, install)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("copied en/welcome.wav"))
        #expect(first.output.contains("copied whisper/language-es.wav"))
        #expect(first.output.hasSuffix("\(wavs.count) copied, 0 updated, 0 unchanged in \(sounds.path)/hotline\n"), "\(first.output)")
        for wav in wavs {
            #expect(FileManager.default.contentsEqual(atPath: prompts.appendingPathComponent(wav).path, andPath: sounds.appendingPathComponent("hotline/\(wav)").path), "\(wav)")
        }
        #expect(!FileManager.default.fileExists(atPath: sounds.appendingPathComponent("hotline/en/catalogue.yaml").path))

        let second = try await ProcessRun.run(hotline, install)
        #expect(second.output == "0 copied, 0 updated, \(wavs.count) unchanged in \(sounds.path)/hotline\n", "\(second.output)")

        // A new recording of one prompt, and a file only Asterisk's folder has.
        let recording = try Data(contentsOf: prompts.appendingPathComponent("en/goodbye.wav"))
        try recording.write(to: prompts.appendingPathComponent("en/welcome.wav"))
        try Data("RIFF".utf8).write(to: sounds.appendingPathComponent("hotline/en/old_prompt.wav"))
        let third = try await ProcessRun.run(hotline, install)
        #expect(third.output.contains("updated en/welcome.wav"))
        #expect(third.output.contains("left alone en/old_prompt.wav (not in \(prompts.path))"))
        #expect(third.output.hasSuffix("0 copied, 1 updated, \(wavs.count - 1) unchanged in \(sounds.path)/hotline\n"), "\(third.output)")
        #expect(try Data(contentsOf: sounds.appendingPathComponent("hotline/en/welcome.wav")) == recording)
    }

    @Test func aSoundsFolderThatIsNotThereIsNamed() async throws {
        let run = try await ProcessRun.run(try CommandLineTests.hotline(), ["prompts", "install", "--sounds-dir", "/nonexistent/sounds"])
        #expect(run.status != 0)
        #expect(run.output.contains("--sounds-dir /nonexistent/sounds: no such folder"), "\(run.output)")
    }
}
