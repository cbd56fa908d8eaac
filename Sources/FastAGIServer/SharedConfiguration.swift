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

    /// Each event loop's `CallTimers` and `CommandWriter`, made when its first connection comes.
    private let loops = NIOLockedValueBox<[ObjectIdentifier: NIOLoopBound<(CallTimers, CommandWriter)>]>([:])

    init(_ configuration: ServerConfiguration) {
        self.configuration = configuration
        settings = Shared(configuration.settings)
    }

    /// The timers and the command writer of `loop`'s connections; called on that loop.
    func perLoop(_ loop: any EventLoop) -> (timers: CallTimers, writer: CommandWriter) {
        loops.withLockedValue { all in
            if let found = all[ObjectIdentifier(loop)] { return found.value }
            let made = (CallTimers(loop: loop), CommandWriter())
            all[ObjectIdentifier(loop)] = NIOLoopBound(made, eventLoop: loop)
            return made
        }
    }
}
