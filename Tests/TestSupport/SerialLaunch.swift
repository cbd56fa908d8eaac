import Foundation
import NIOConcurrencyHelpers

/// Foundation's `Process.run()` crashed a fresh clone's test run once (a bad pointer in the
/// memcpy inside it) while several test threads launched children at the same moment: tests
/// launch their children one at a time. The children still run side by side.
public enum SerialLaunch {
    static let lock = NIOLock()

    public static func run(_ process: Process) throws {
        try lock.withLock { try process.run() }
    }
}
