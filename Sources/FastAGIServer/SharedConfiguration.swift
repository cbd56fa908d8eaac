import CallEngine
import FastAGI
import NIOConcurrencyHelpers
import NIOCore

/// One server's configuration, shared by all its connections: each handler holds a reference to
/// it, not its own copy of the runtime, settings and limits (several hundred bytes and a dozen
/// retained references per connection, for every caller on hold).
final class SharedConfiguration: Sendable {
    let configuration: ServerConfiguration
    /// The sessions' settings, one reference for all of them.
    let settings: Shared<AGISettings>

    /// Each event loop's `CallTimers`, made when its first connection comes.
    private let timers = NIOLockedValueBox<[ObjectIdentifier: NIOLoopBound<CallTimers>]>([:])

    init(_ configuration: ServerConfiguration) {
        self.configuration = configuration
        settings = Shared(configuration.settings)
    }

    /// The timers of `loop`'s connections; called on that loop.
    func timers(on loop: any EventLoop) -> CallTimers {
        timers.withLockedValue { all in
            if let timers = all[ObjectIdentifier(loop)] { return timers.value }
            let timers = CallTimers(loop: loop)
            all[ObjectIdentifier(loop)] = NIOLoopBound(timers, eventLoop: loop)
            return timers
        }
    }
}
