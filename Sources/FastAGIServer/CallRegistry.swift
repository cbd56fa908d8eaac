import NIOConcurrencyHelpers
import NIOCore

/// The connections in progress, so a graceful stop can wait for them and then close the rest.
final class CallRegistry: Sendable {
    private let channels = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])

    var count: Int { channels.withLockedValue { $0.count } }

    func add(_ channel: any Channel) {
        channels.withLockedValue { $0[ObjectIdentifier(channel)] = channel }
    }

    func remove(_ channel: any Channel) {
        _ = channels.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Tells every call the controller is stopping (each ends as an error and closes, which
    /// hands the caller back to the PBX's dialplan).
    func stopAll() {
        for channel in channels.withLockedValue({ Array($0.values) }) {
            channel.pipeline.fireUserInboundEventTriggered(ControllerStopping())
        }
    }
}

/// Sent through each call's pipeline when the drain time of a graceful stop has run out.
struct ControllerStopping: Sendable {}

extension CallRegistry {
    func closeAll() {
        for channel in channels.withLockedValue({ Array($0.values) }) { channel.close(promise: nil) }
    }
}
