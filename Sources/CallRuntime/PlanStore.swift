import Dialplan
import NIOConcurrencyHelpers

/// The plan new calls start on. A reload swaps the snapshot; calls in progress keep theirs.
public final class PlanStore: Sendable {
    private let box: NIOLockedValueBox<Plan>

    public init(_ plan: Plan) {
        box = NIOLockedValueBox(plan)
    }

    public var current: Plan { box.withLockedValue { $0 } }

    public func replace(with plan: Plan) {
        box.withLockedValue { $0 = plan }
    }
}
