import CallRuntime
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The FastAGI server: one `CallSessionHandler` per connection, on its event loop. As a
/// `Service` it stops accepting on graceful shutdown, lets calls in progress finish for up to
/// `drainSeconds`, then closes what is left.
public final class FastAGIServer: Service, Sendable {
    public let host: String
    public let port: Int
    let configuration: ServerConfiguration
    let group: any EventLoopGroup
    private let listener = NIOLockedValueBox<(any Channel)?>(nil)

    public init(host: String, port: Int, configuration: ServerConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.host = host
        self.port = port
        self.configuration = configuration
        self.group = group
    }

    /// Calls whose connection is open.
    public var activeCalls: Int { configuration.runtime.calls.count }

    public struct BindError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Binds and starts accepting; returns the port (useful when `port` is 0).
    @discardableResult
    public func start() async throws -> Int {
        let configuration = configuration
        let shared = SharedConfiguration(configuration)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptBackoffHandler { _ in .milliseconds(100) })
                    try channel.pipeline.syncOperations.addHandler(AcceptErrorNote(shedding: configuration.shedding, logger: configuration.logger))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            // Each connection keeps its read buffers for the next reads for as long as the call
            // lasts: one per read in a row (`maxMessagesPerRead`, NIO's default 4, and an array
            // for them), each as large as the allocator last asked for, never shrunk. A reply
            // line is tens of bytes and the environment block about 600, read in three wakeups;
            // an adaptive allocator grew to 1 KiB for it and kept that for every held caller.
            .childChannelOption(.maxMessagesPerRead, value: 1)
            .childChannelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 256))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(CallSessionHandler(shared: shared))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch {
            throw BindError(description: "cannot listen for FastAGI on \(host):\(port): \(error); is another controller already there? choose another address with --listen")
        }
        listener.withLockedValue { $0 = channel }
        let bound = channel.localAddress?.port ?? port
        configuration.logger.info("FastAGI server listening", metadata: ["address": "\(host):\(bound)"])
        return bound
    }

    /// Stops accepting, waits up to `drainSeconds` for calls in progress, then closes the rest.
    public func stop() async {
        if let channel = listener.withLockedValue({ $0 }) {
            try? await channel.close()
        }
        await configuration.runtime.calls.drain(seconds: configuration.limits.drainSeconds, logger: configuration.logger)
        configuration.logger.info("FastAGI server stopped")
    }

    public func run() async throws {
        if listener.withLockedValue({ $0 }) == nil { try await start() }
        guard let channel = listener.withLockedValue({ $0 }) else { return }
        try await Self.listen(on: channel)
        await stop()
    }

    /// Until a graceful stop or a cancelled group (another service failed, e.g. the admin API
    /// could not bind) closes the listener: `closeFuture` alone never notices cancellation, and
    /// the process would hang with the listener still open.
    public static func listen(on channel: any Channel) async throws {
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await channel.closeFuture.get()
            } onGracefulShutdown: {
                channel.close(promise: nil)
            }
        } onCancel: {
            channel.close(promise: nil)
        }
    }
}
