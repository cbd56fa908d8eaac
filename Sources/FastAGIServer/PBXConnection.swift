import CallRuntime
import NIOCore

/// A call's connection (FastAGI's or the Event Socket's) as the shared registry of calls holds it.
public struct PBXConnection: CallConnection {
    let channel: any Channel

    public init(channel: any Channel) {
        self.channel = channel
    }

    public func stop() {
        channel.pipeline.fireUserInboundEventTriggered(ControllerStopping())
    }

    public func close() {
        channel.close(promise: nil)
    }
}

/// Sent through a call's pipeline when the drain time of a graceful stop has run out.
public struct ControllerStopping: Sendable {}
