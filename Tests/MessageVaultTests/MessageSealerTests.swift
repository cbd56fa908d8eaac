import CallEngine
import CallLog
import Foundation
import Logging
import MessageVault
import Testing

/// Issue 15: the sealer never leaves a message in clear silently. A file that is not there yet
/// is retried until it is; what an earlier run left is sealed at the start; an empty recording
/// is only removed.
struct MessageSealerTests {
    struct Rig {
        let folder: URL, recordings: URL, store: MessageStore, database: CallLogDatabase, key: MessageKey, sealer: MessageSealer

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealer-\(UUID().uuidString)")
            recordings = folder.appendingPathComponent("recordings")
            try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
            store = MessageStore(folder: folder.appendingPathComponent("messages").path)
            database = try CallLogDatabase(path: folder.appendingPathComponent("log.sqlite").path)
            key = try MessageKey.generate()
            var settings = MessageSealer.Settings(pbxFolder: "/var/spool/asterisk/hotline-messages", localFolder: recordings.path)
            settings.retryDelays = [0.05, 0.05, 0.1]
            settings.retryEvery = 0.2
            sealer = MessageSealer(key: key, store: store, database: database, settings: settings, logger: Logger(label: "test"))
        }

        func wav(_ name: String, bytes: Int) -> [UInt8] {
            let data = Array("RIFF".utf8) + [UInt8](repeating: 7, count: bytes)
            _ = FileManager.default.createFile(atPath: recordings.appendingPathComponent(name).path, contents: Data(data))
            return data
        }

        /// Until `count` messages are sealed, their rows kept and the recordings folder empty
        /// (the order the sealer works in), or 10 s.
        func waitForSealed(_ count: Int) async -> Bool {
            for _ in 0..<500 {
                let rows = (try? await database.messages().count) ?? 0
                let left = (try? FileManager.default.contentsOfDirectory(atPath: recordings.path).count) ?? 0
                if store.ids().count == count, rows == count, left == 0 { return true }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return false
        }
    }

    @Test func aFileThatIsNotThereYetIsRetriedUntilItIs() async throws {
        let rig = try Rig()
        defer { try? FileManager.default.removeItem(at: rig.folder) }
        let running = Task { try await rig.sealer.run() }
        defer { running.cancel() }
        rig.sealer.recorded(MessageRecording(file: "/var/spool/asterisk/hotline-messages/late.wav", seconds: 4, language: "es", campaign: "main"))
        try await Task.sleep(for: .milliseconds(150))
        #expect(rig.store.ids().isEmpty)
        let bytes = rig.wav("late.wav", bytes: 32_000)
        #expect(await rig.waitForSealed(1))
        let id = try #require(rig.store.ids().first)
        #expect(try SealedMessage.open(try rig.store.read(id), with: rig.key) == bytes)
        #expect(!FileManager.default.fileExists(atPath: rig.recordings.appendingPathComponent("late.wav").path))
        let rows = try await rig.database.messages()
        #expect(rows.count == 1 && rows[0].id == id && rows[0].language == "es" && rows[0].campaign == "main" && rows[0].seconds == 4 && rows[0].state == .new)
    }

    @Test func whatAnEarlierRunLeftIsSealedAtTheStartAndSilenceIsOnlyRemoved() async throws {
        let rig = try Rig()
        defer { try? FileManager.default.removeItem(at: rig.folder) }
        let left = rig.wav("0123456789abcdef.wav", bytes: 16_000)
        _ = rig.wav("silent.wav", bytes: 40)
        let running = Task { try await rig.sealer.run() }
        defer { running.cancel() }
        #expect(await rig.waitForSealed(1))
        rig.sealer.recorded(MessageRecording(file: "/var/spool/asterisk/hotline-messages/none.wav", seconds: 0, language: "en", campaign: "main"))
        #expect(await rig.waitForSealed(1), "the silent one removed, nothing in clear, no second message")
        let id = try #require(rig.store.ids().first)
        #expect(try SealedMessage.open(try rig.store.read(id), with: rig.key) == left)
        let rows = try await rig.database.messages()
        #expect(rows.count == 1 && rows[0].language == "unknown" && rows[0].seconds == 1, "\(rows)")
    }
}
