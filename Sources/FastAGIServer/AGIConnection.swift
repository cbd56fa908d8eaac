import CallRuntime
import NIOCore

/// A FastAGI call as the shared registry of calls holds it.
struct AGIConnection: CallConnection {
    let channel: any Channel

    func stop() {
        channel.pipeline.fireUserInboundEventTriggered(ControllerStopping())
    }

    func close() {
        channel.close(promise: nil)
    }
}

/// Sent through a call's pipeline when the drain time of a graceful stop has run out.
struct ControllerStopping: Sendable {}
