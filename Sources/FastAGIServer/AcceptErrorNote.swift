import Logging
import NIOCore

/// On the listening socket: an accept that fails (no file descriptor left, say) is said in the
/// log — rate-limited by `Shedding` — instead of vanishing; `AcceptBackoffHandler` before it
/// waits a moment before the next accept.
final class AcceptErrorNote: ChannelInboundHandler, Sendable {
    typealias InboundIn = any Channel

    let shedding: Shedding
    let logger: Logger

    init(shedding: Shedding, logger: Logger) {
        self.shedding = shedding
        self.logger = logger
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shedding.acceptFailed(error, logger: logger)
    }
}
