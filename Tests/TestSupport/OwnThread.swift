import Foundation

/// Runs `body` on a thread of its own and waits for it without holding one of the cooperative
/// pool's threads (two on a two-core machine): a test that computes for seconds, or waits for a
/// child process, on a pool thread starves every other test's async code (transcript replays
/// timed out waiting for bytes they had already sent). `body` must not call `#expect`: return
/// what to check.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
