import Foundation
import Logging
import NIOConcurrencyHelpers

/// Calls refused because the server is at a limit — too many calls in progress, or no file
/// descriptor left to accept one — said in the log at most once a second, with how many, so an
/// operator sees it and a flood of refusals does not flood the log.
public final class Shedding: Sendable {
    public init() {}

    /// Each kind of refusal is counted and said on its own.
    private enum Kind: Hashable { case cap, accept }
    private let state = NIOLockedValueBox<[Kind: (lastSaid: Date, unsaid: Int)]>([:])

    /// A connection was closed because `limit` calls are in progress.
    public func refused(limit: Int, logger: Logger) {
        say(.cap, logger) { count in
            "refusing calls: \(limit) calls are in progress, the most --max-calls allows; \(count) refused since the last note (the PBX's fallback answers them)"
        }
    }

    /// Accepting a connection failed (e.g. EMFILE: no file descriptor left).
    public func acceptFailed(_ error: any Error, logger: Logger) {
        say(.accept, logger) { count in
            "cannot accept calls: \(error); \(count) failed since the last note — raise the file limit (LimitNOFILE in the systemd unit) or lower --max-calls"
        }
    }

    private func say(_ kind: Kind, _ logger: Logger, _ message: (Int) -> String) {
        let count = state.withLockedValue { state -> Int? in
            var entry = state[kind] ?? (.distantPast, 0)
            entry.unsaid += 1
            defer { state[kind] = entry }
            guard Date().timeIntervalSince(entry.lastSaid) >= 1 else { return nil }
            defer { entry = (Date(), 0) }
            return entry.unsaid
        }
        if let count { logger.error("\(message(count))") }
    }
}
