import CallEngine
import CallLog
import CallRuntime
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Seals every message a caller leaves as soon as the PBX reports it written: reads the WAV
/// from the recordings folder (the PBX's, on this host or a shared mount), seals it for the
/// hotline's public key, keeps `<random id>.sealed` and a metadata row, then overwrites and
/// removes the plaintext. A message that cannot be sealed is retried (quickly, then every
/// minute) and alarmed — an error line and `hotline_messages_unsealed` — never left in clear
/// silently. At the start it seals what an earlier run left behind.
public final class MessageSealer: Service, MessageSink {
    public struct Settings: Sendable {
        /// The recordings folder as the PBX names it (`serve --recordings`).
        public var pbxFolder: String
        /// The same folder as this host sees it (`--recordings-local`; the same path by default).
        public var localFolder: String
        public var retryDelays: [Double] = [0.1, 0.3, 1, 3, 10, 30]
        public var retryEvery: Double = 60

        public init(pbxFolder: String, localFolder: String) {
            self.pbxFolder = pbxFolder
            self.localFolder = localFolder
        }
    }

    struct Job: Sendable {
        var recording: MessageRecording
        var attempts = 0
    }

    let key: MessageKey
    public let store: MessageStore
    let database: CallLogDatabase
    let settings: Settings
    let logger: Logger
    let now: @Sendable () -> Date
    let jobs: AsyncStream<Job>
    let post: AsyncStream<Job>.Continuation
    let sealed = Counter(label: "hotline_messages_sealed_total")
    let failures = Counter(label: "hotline_messages_seal_failures_total")
    let unsealed = Gauge(label: "hotline_messages_unsealed")

    public init(key: MessageKey, store: MessageStore, database: CallLogDatabase, settings: Settings, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.key = key
        self.store = store
        self.database = database
        self.settings = settings
        self.logger = logger
        self.now = now
        (jobs, post) = AsyncStream.makeStream(of: Job.self)
    }

    public func recorded(_ recording: MessageRecording) {
        post.yield(Job(recording: recording))
    }

    public func run() async throws {
        unsealed.record(0)
        for leftover in leftovers() { post.yield(Job(recording: leftover)) }
        var failing: Set<String> = []
        await withDiscardingTaskGroup { group in
            for await job in jobs.cancelOnGracefulShutdown() {
                let file = (job.recording.file as NSString).lastPathComponent
                do {
                    try await seal(job.recording)
                    failing.remove(file)
                    sealed.increment()
                } catch {
                    failures.increment()
                    failing.insert(file)
                    let next = job.attempts < settings.retryDelays.count ? settings.retryDelays[job.attempts] : settings.retryEvery
                    if job.attempts == 0 || next == settings.retryEvery {
                        logger.error("a caller's message is not sealed yet and stays in clear in \(settings.localFolder) (\(error)); trying again in \(next) s")
                    }
                    var again = job
                    again.attempts += 1
                    let post = post
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(Int(next * 1000)))
                        post.yield(again)
                    }
                }
                unsealed.record(failing.count)
            }
            group.cancelAll()   // the retries' sleeps: what is left is sealed at the next start
        }
        if !failing.isEmpty {
            logger.error("stopping with \(failing.count) messages not sealed; they are sealed at the next start")
        }
    }

    /// Recordings an earlier run did not seal (it stopped, or crashed, first): their language
    /// and campaign are no longer known.
    func leftovers() -> [MessageRecording] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: settings.localFolder)) ?? []).filter { $0.hasSuffix(".wav") }.sorted()
        if !names.isEmpty { logger.notice("sealing \(names.count) messages an earlier run left in \(settings.localFolder)") }
        return names.map { MessageRecording(file: "\(settings.pbxFolder)/\($0)", seconds: -1, language: "unknown", campaign: "unknown") }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One recording: sealed and kept, then the plaintext gone. A recording with nothing in it
    /// (a silent caller's 44-byte WAV) is only removed.
    func seal(_ recording: MessageRecording) async throws {
        let local = "\(settings.localFolder)/\((recording.file as NSString).lastPathComponent)"
        guard let data = FileManager.default.contents(atPath: local) else {
            if recording.seconds == 0 { return }
            throw Failure(description: "the PBX's file is not in \(settings.localFolder): is --recordings-local the folder the PBX writes?")
        }
        guard data.count > 44, recording.seconds != 0 else {
            try MessageStore.shred(local)
            return
        }
        let id = MessageRecord.randomID()
        let bytes = try SealedMessage.seal(Array(data), for: key)
        try store.write(bytes, id: id)
        let seconds = recording.seconds > 0 ? recording.seconds : Double(max(0, data.count - 44)) / 16_000
        do {
            try await database.recordMessage(MessageRecord(id: id, hour: MessageRecord.hour(of: now()), language: recording.language,
                                                           campaign: recording.campaign, seconds: Int(seconds.rounded(.up))))
        } catch {
            store.remove(id)
            throw Failure(description: "the call log did not take the message's row (\(error))")
        }
        try MessageStore.shred(local)
        logger.info("message sealed", metadata: ["language": "\(recording.language)", "seconds": "\(Int(seconds.rounded(.up)))"])
    }
}
