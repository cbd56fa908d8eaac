import Foundation
import Logging
import NIOConcurrencyHelpers

/// Calls refused because the server is at a limit — too many calls in progress, or no file
/// descriptor left to accept one — said in the log at most once a second, with how many, so an
/// operator sees it and a flood of refusals does not flood the log.
final class Shedding: Sendable {
    private let state = NIOLockedValueBox<(lastSaid: Date, unsaid: Int)>((.distantPast, 0))

    /// A connection was closed because `limit` calls are in progress.
    func refused(limit: Int, logger: Logger) {
        say(logger) { count in
            "refusing calls: \(limit) calls are in progress, the most --max-calls allows; \(count) refused since the last note (the PBX's fallback answers them)"
        }
    }

    /// Accepting a connection failed (e.g. EMFILE: no file descriptor left).
    func acceptFailed(_ error: any Error, logger: Logger) {
        say(logger) { count in
            "cannot accept calls: \(error); \(count) failed since the last note — raise the file limit (LimitNOFILE in the systemd unit) or lower --max-calls"
        }
    }

    private func say(_ logger: Logger, _ message: (Int) -> String) {
        let count = state.withLockedValue { state -> Int? in
            state.unsaid += 1
            guard Date().timeIntervalSince(state.lastSaid) >= 1 else { return nil }
            defer { state = (Date(), 0) }
            return state.unsaid
        }
        if let count { logger.error("\(message(count))") }
    }
}
