import Foundation
import NIOConcurrencyHelpers

/// Launching a child safely from the test process, where many tests run side by side.
///
/// Foundation's `Process.run()` on Linux finds the highest open descriptor by reading
/// `/proc/self/fd`, and copies each entry's whole 256-byte `d_name` (swift-corelibs-foundation,
/// `findMaximumOpenFromProcSelfFD`). With about 1,365 descriptors open the listing fills
/// readdir's 32 KiB buffer, and the copy of its last entry can read past the buffer's end: the
/// "bad pointer in the memcpy inside Process.run()" that crashed fresh clones' test runs (the
/// crash report's registers held the entry names "1361" and "1362"). One crowded test holds
/// about a thousand; two at once, more than that. So the tests that open hundreds of
/// connections run one at a time (`manyDescriptors`), and children are launched one at a time.
///
/// (A launch does not wait for the crowded tests: most launches happen on the cooperative pool,
/// and a launch blocked there until a crowded test ended could stall that very test.)
public enum SerialLaunch {
    static let lock = NIOLock()
    static let crowded = NIOLockedValueBox(false)

    public static func run(_ process: Process) throws {
        try lock.withLock { try process.run() }
    }

    /// Runs `body`, which opens hundreds of descriptors, once no other such body runs.
    public static func manyDescriptors<T>(_ body: () async throws -> T) async throws -> T {
        while !crowded.withLockedValue({ busy in
            guard !busy else { return false }
            busy = true
            return true
        }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        defer { crowded.withLockedValue { $0 = false } }
        return try await body()
    }
}
