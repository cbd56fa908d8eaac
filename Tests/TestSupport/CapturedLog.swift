import Logging
import NIOConcurrencyHelpers

/// Every log line the server wrote, to check it never carries a caller identifier.
public final class CapturedLog: Sendable {
    public init() {}

    public let lines = NIOLockedValueBox<[String]>([])

    public var logger: Logger {
        var logger = Logger(label: "test") { _ in CapturingHandler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    struct CapturingHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let text = "\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
            log.lines.withLockedValue { $0.append(text) }
        }
    }
}

