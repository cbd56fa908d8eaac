import Foundation
import Logging
import NIOConcurrencyHelpers

/// A call in progress as any PBX adapter holds it, so a graceful stop can end it.
public protocol CallConnection: Sendable {
    /// The controller is stopping: end the call as an error and give the caller back to the
    /// PBX's own dialplan (its fallback).
    func stop()
    /// Close the connection at once.
    func close()
}

/// The calls in progress on every channel, so a graceful stop can wait for them and then end
/// the rest.
public final class CallRegistry: Sendable {
    private let calls = NIOLockedValueBox<(next: Int, open: [Int: any CallConnection])>((0, [:]))

    public init() {}

    public var count: Int { calls.withLockedValue { $0.open.count } }

    /// Returns the key to `remove` the call with.
    public func add(_ connection: any CallConnection) -> Int {
        add(connection, limit: .max)!
    }

    /// Adds the call unless `limit` calls are already in progress (then returns nil).
    public func add(_ connection: any CallConnection, limit: Int) -> Int? {
        calls.withLockedValue { calls in
            guard calls.open.count < limit else { return nil }
            calls.next += 1
            calls.open[calls.next] = connection
            return calls.next
        }
    }

    public func remove(_ key: Int) {
        _ = calls.withLockedValue { $0.open.removeValue(forKey: key) }
    }

    /// Waits up to `seconds` for the calls in progress to end; then tells the rest the
    /// controller is stopping and, a moment later, closes what is still open.
    public func drain(seconds: Double, logger: Logger) async {
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, min(seconds, 86_400)) * 1000))
        while count > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let left = count
        guard left > 0 else { return }
        logger.warning("closing \(left) calls still in progress after the drain time")
        for call in calls.withLockedValue({ Array($0.open.values) }) { call.stop() }
        try? await Task.sleep(for: .milliseconds(200))
        for call in calls.withLockedValue({ Array($0.open.values) }) { call.close() }
    }
}
