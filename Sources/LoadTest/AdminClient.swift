import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// One request to the controller's admin API over SwiftNIO's HTTP/1.1 client codec (no
/// Foundation networking: the binary needs no libcurl on a PBX host).
public enum AdminClient {
    public struct Reply: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func request(_ method: String, host: String, port: Int, path: String, token: String?) async throws -> Reply {
        let collected = NIOLockedValueBox((status: 0, body: [UInt8]()))
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.pipeline.addHTTPClientHandlers().flatMap {
                    channel.pipeline.addHandler(Collector(collected: collected, promise: promise))
                }
            }
            .connect(host: host, port: port).get()
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: path)
        head.headers.add(name: "Host", value: host)
        head.headers.add(name: "Content-Length", value: "0")
        head.headers.add(name: "Connection", value: "close")
        if let token { head.headers.add(name: "Authorization", value: "Bearer \(token)") }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        try await channel.writeAndFlush(HTTPClientRequestPart.end(nil))
        try await promise.futureResult.get()
        try? await channel.close()
        let reply = collected.withLockedValue { $0 }
        return Reply(status: reply.status, body: reply.body)
    }

    final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPClientResponsePart
        let collected: NIOLockedValueBox<(status: Int, body: [UInt8])>
        let promise: EventLoopPromise<Void>

        init(collected: NIOLockedValueBox<(status: Int, body: [UInt8])>, promise: EventLoopPromise<Void>) {
            self.collected = collected
            self.promise = promise
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                collected.withLockedValue { $0.status = Int(head.status.code) }
            case .body(let buffer):
                collected.withLockedValue { $0.body += buffer.readableBytesView }
            case .end:
                promise.succeed(())
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            promise.fail(Failure(description: "the admin API closed the connection before its reply was complete"))
        }

        func errorCaught(context: ChannelHandlerContext, error: Error) {
            promise.fail(error)
            context.close(promise: nil)
        }
    }
}
