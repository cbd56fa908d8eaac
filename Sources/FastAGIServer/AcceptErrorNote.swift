import Logging
import NIOCore

/// On the listening socket: an accept that fails (no file descriptor left, say) is said in the
/// log — rate-limited by `Shedding` — instead of vanishing; `AcceptBackoffHandler` before it
/// waits a moment before the next accept.
public final class AcceptErrorNote: ChannelInboundHandler, Sendable {
    public typealias InboundIn = any Channel

    let shedding: Shedding
    let logger: Logger

    public init(shedding: Shedding, logger: Logger) {
        self.shedding = shedding
        self.logger = logger
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shedding.acceptFailed(error, logger: logger)
    }
}
