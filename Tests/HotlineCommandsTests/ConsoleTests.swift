import Foundation
import TestSupport
import Testing

/// The console as a person uses it: the program prints, the test reads the screen and types
/// the next key only when asked, as a caller would. Playback runs through ALSA's `null` PCM.
@Suite(.timeLimit(.minutes(2))) struct ConsoleTests {
    final class Screen: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ data: Data) { lock.withLock { text += String(decoding: data, as: UTF8.self) } }
        var contents: String { lock.withLock { text } }
    }

    /// Runs the console; each (wait-for, key) pair types `key` once `wait-for` appears on screen.
    func call(_ arguments: [String], steps: [(String, String)]) throws -> (status: Int32, screen: String) {
        let process = Process()
        process.executableURL = try CommandLineTests.hotline()
        process.arguments = ["console"] + arguments
        process.currentDirectoryURL = ProcessRun.root
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let screen = Screen()
        output.fileHandleForReading.readabilityHandler = { screen.append($0.availableData) }
        try SerialLaunch.run(process)
        var seen = 0
        for (marker, key) in steps {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let text = screen.contents
                if let range = text.range(of: marker, range: text.index(text.startIndex, offsetBy: seen)..<text.endIndex) {
                    seen = text.distance(from: text.startIndex, to: range.upperBound)
                    break
                }
                usleep(20_000)
            }
            input.fileHandleForWriting.write(Data(key.utf8))
        }
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        screen.append(output.fileHandleForReading.readDataToEndOfFile())
        return (process.terminationStatus, screen.contents)
    }

    @Test func aSpanishCallerReachesAnAdvocateWithALSAPlayback() async throws {
        let result = try call(["--audio", "alsa", "--device", "null", "--number", "8883737888", "--at", "2026-12-01T10:00"], steps: [
            ("[choose_language] ⌨ waiting for a key", "2"),
            ("[main_menu] ⌨ waiting for a key", "1"),
            ("? a an advocate is free", "a"),
            ("? a the advocate answers", "a"),
            ("? e the conversation ends", "e"),
        ])
        #expect(result.status == 0, "\(result.screen)")
        #expect(result.screen.contains("[welcome] ▶ en/welcome  “Thank you for calling"))
        #expect(result.screen.contains("[confidentiality_notice] ▶ es/confidentiality  “Esta llamada es confidencial."))
        #expect(result.screen.contains("✔  outcome: advocate in 'advocate', language es"))
        #expect(!result.screen.contains("cannot play"))
        // The queue told the caller their place, in Spanish, when they joined.
        #expect(result.screen.contains("[advocate] ▶ es/queue_position"))
    }

    @Test func keysWorkWhileWaitingInTheQueue() async throws {
        let result = try call(["--audio", "none", "--at", "2026-12-01T10:00"], steps: [
            ("[choose_language] ⌨ waiting for a key", "1"),
            ("[main_menu] ⌨ waiting for a key", "1"),
            ("? a an advocate is free", "2"),
            ("[message_consent] ⌨ waiting for a key", "h"),
        ])
        #expect(result.screen.contains("[advocate] pressed 2"), "\(result.screen)")
        #expect(result.screen.contains("✔  outcome: abandoned_in_ivr in 'message_consent'"), "\(result.screen)")
    }

    @Test func theEmergencyKeyCutsAPromptShort() async throws {
        let result = try call(["--audio", "none", "--at", "2026-12-01T10:00"], steps: [
            ("[choose_language] ⌨ waiting for a key", "1"),
            ("[main_menu] ⌨ waiting for a key", "0"),
            ("? a the line answers", "a"),
        ])
        #expect(result.screen.contains("✔  outcome: emergency in 'emergency_transfer'"), "\(result.screen)")
    }

    @Test func endOfInputIsAHangUp() async throws {
        let closed = try await ProcessRun.run(try CommandLineTests.hotline(), ["console", "--audio", "none", "--at", "2026-12-01T10:00"])
        #expect(closed.output.contains("✔  outcome: abandoned_in_ivr"), "\(closed.output)")
    }

    @Test func aMissingSoundDeviceIsAClearError() async throws {
        let result = try await ProcessRun.run(try CommandLineTests.hotline(), ["console", "--audio", "alsa", "--device", "no-such-device"])
        #expect(result.status == 1)
        #expect(result.output.contains("cannot open ALSA device 'no-such-device'"))
        // Said once, in the console's words, without ALSA's own "ALSA lib pcm.c:…" lines.
        #expect(result.output.components(separatedBy: "cannot open ALSA device").count == 2, "\(result.output)")
        #expect(!result.output.contains("ALSA lib"), "\(result.output)")
        #expect(result.output.contains("try --device default, --device null, --audio none"), "\(result.output)")
    }

    /// Issue 13: the suggestion never names the device that just failed.
    @Test func theSuggestionIsNotTheDeviceThatFailed() async throws {
        let result = try await ProcessRun.run(try CommandLineTests.hotline(), ["console", "--audio", "alsa", "--device", "default"])
        #expect(!result.output.contains("ALSA lib"), "\(result.output)")
        #expect(!result.output.contains("try --device default"), "\(result.output)")
        if result.status == 1 {   // no sound card (this machine): the two ways to go on without one
            #expect(result.output.contains("try --device null, --audio none"), "\(result.output)")
        }
    }
}
