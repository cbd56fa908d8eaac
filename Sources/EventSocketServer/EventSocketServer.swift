import CallRuntime
import EventSocket
import FastAGIServer
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The outbound Event Socket server: FreeSWITCH's `socket HOST:PORT async full` connects here
/// once per call; one `ESLCallHandler` per connection, on its event loop, behind the bounded
/// `ESLFrameDecoder`. The same runtime (engine, queue, call log) as the FastAGI server. As a
/// `Service` it stops accepting on graceful shutdown, lets calls finish for up to the drain
/// time, then closes the rest (FreeSWITCH's dialplan then takes the caller on).
public final class EventSocketServer: Service, Sendable {
    public let host: String
    public let port: Int
    let runtime: CallRuntime
    let settings: ESLSettings
    let limits: ServerLimits
    let frameLimits: ESLLimits
    let shedding = Shedding()
    let group: any EventLoopGroup
    private let listener = NIOLockedValueBox<(any Channel)?>(nil)

    public init(host: String, port: Int, runtime: CallRuntime, settings: ESLSettings = ESLSettings(), limits: ServerLimits = ServerLimits(),
                frameLimits: ESLLimits = ESLLimits(), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.host = host
        self.port = port
        self.runtime = runtime
        self.settings = settings
        self.limits = limits
        self.frameLimits = frameLimits
        self.group = group
    }

    public struct BindError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Binds and starts accepting; returns the port (useful when `port` is 0).
    @discardableResult
    public func start() async throws -> Int {
        let (runtime, settings, limits, frameLimits, shedding) = (runtime, settings, limits, frameLimits, shedding)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptBackoffHandler { _ in .milliseconds(100) })
                    try channel.pipeline.syncOperations.addHandler(AcceptErrorNote(shedding: shedding, logger: runtime.logger))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ESLFrameDecoder(limits: frameLimits)))
                    try channel.pipeline.syncOperations.addHandler(ESLCallHandler(runtime: runtime, settings: settings, limits: limits, shedding: shedding))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch {
            throw BindError(description: "cannot listen for FreeSWITCH's Event Socket on \(host):\(port): \(error); is another controller already there? choose another address with --esl-listen")
        }
        listener.withLockedValue { $0 = channel }
        let bound = channel.localAddress?.port ?? port
        runtime.logger.info("Event Socket server listening", metadata: ["address": "\(host):\(bound)"])
        return bound
    }

    /// Stops accepting, waits up to the drain time for calls in progress, then closes the rest.
    public func stop() async {
        if let channel = listener.withLockedValue({ $0 }) {
            try? await channel.close()
        }
        await runtime.calls.drain(seconds: limits.drainSeconds, logger: runtime.logger)
        runtime.logger.info("Event Socket server stopped")
    }

    public func run() async throws {
        if listener.withLockedValue({ $0 }) == nil { try await start() }
        guard let channel = listener.withLockedValue({ $0 }) else { return }
        try await FastAGIServer.listen(on: channel)
        await stop()
    }
}
