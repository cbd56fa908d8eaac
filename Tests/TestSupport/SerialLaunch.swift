import Foundation
import NIOConcurrencyHelpers

/// Launching a child safely from the test process, where many tests run side by side.
///
/// Foundation's `Process.run()` on Linux finds the highest open descriptor by reading
/// `/proc/self/fd`, and copies each entry's whole 256-byte `d_name` (swift-corelibs-foundation,
/// `findMaximumOpenFromProcSelfFD`). With about 1,365 descriptors open the listing fills
/// readdir's 32 KiB buffer, and the copy of its last entry reads past the buffer's end: the "bad
/// pointer in the memcpy inside Process.run()" that crashed fresh clones' test runs (the crash
/// report's registers held the entry names "1361" and "1362"). Tests that open hundreds of
/// connections at once run inside `manyDescriptors`, and a child is launched only while none of
/// them runs, one launch at a time. The children still run side by side.
public enum SerialLaunch {
    struct State {
        /// Tests inside `manyDescriptors` now.
        var crowded = 0
        var launching = false
    }

    static let state = NIOLockedValueBox(State())

    public static func run(_ process: Process) throws {
        while !state.withLockedValue({ state in
            guard state.crowded == 0, !state.launching else { return false }
            state.launching = true
            return true
        }) {
            Thread.sleep(forTimeInterval: 0.005)
        }
        defer { state.withLockedValue { $0.launching = false } }
        try process.run()
    }

    /// Runs `body`, which opens hundreds of descriptors, while no child is being launched, and
    /// keeps launches waiting until it ends.
    public static func manyDescriptors<T>(_ body: () async throws -> T) async throws -> T {
        while !state.withLockedValue({ state in
            guard !state.launching else { return false }
            state.crowded += 1
            return true
        }) {
            try await Task.sleep(for: .milliseconds(5))
        }
        defer { state.withLockedValue { $0.crowded -= 1 } }
        return try await body()
    }
}
