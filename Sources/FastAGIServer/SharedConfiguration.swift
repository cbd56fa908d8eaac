/// One server's configuration, shared by all its connections: each handler holds a reference to
/// it, not its own copy of the runtime, settings and limits (several hundred bytes and a dozen
/// retained references per connection, for every caller on hold).
final class SharedConfiguration: Sendable {
    let configuration: ServerConfiguration

    init(_ configuration: ServerConfiguration) {
        self.configuration = configuration
    }
}
