import CallEngine
import Dialplan
import Foundation
import Logging

/// What every channel shares, whichever PBX it speaks: the plan new calls start on, the calls in
/// progress, the advocate queue, where outcomes go, the clock and call-id minting.
public struct CallRuntime: Sendable {
    public var plans: PlanStore
    public var calls: CallRegistry
    public var queue: any AdvocateQueue
    /// The call log; nil keeps outcomes only in the log lines.
    public var outcomes: (any OutcomeSink)?
    public var logger: Logger
    /// The wall clock; tests may move it.
    public var now: @Sendable () -> Date
    /// A new random call id (DESIGN rule 2).
    public var newCallID: @Sendable () -> CallID
    /// The run-time switches' positions; a new call takes them as they are.
    public var switches: SwitchBoard
    /// Answers the staff line (staff number and PIN from a desk phone); nil: it is not set up.
    public var staffDesk: (any StaffLineDesk)?
    /// Seals the messages callers leave; nil: they stay as the PBX wrote them (serve warns).
    public var messages: (any MessageSink)?

    public init(plans: PlanStore, calls: CallRegistry = CallRegistry(), queue: any AdvocateQueue = NoAdvocatesQueue(),
                outcomes: (any OutcomeSink)? = nil, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
                newCallID: @escaping @Sendable () -> CallID = { CallID.random() }, switches: SwitchBoard = SwitchBoard(),
                staffDesk: (any StaffLineDesk)? = nil, messages: (any MessageSink)? = nil) {
        self.messages = messages
        self.switches = switches
        self.staffDesk = staffDesk
        self.plans = plans
        self.calls = calls
        self.queue = queue
        self.outcomes = outcomes
        self.logger = logger
        self.now = now
        self.newCallID = newCallID
    }

    /// A new call on the plan in force now; it keeps that plan to its end.
    public func newCall() -> Call {
        Call(id: newCallID(), plan: plans.current, switchesOn: switches.on)
    }

    /// Journals a call that has started, so that a crash before its end still counts it.
    public func began(_ call: Call) {
        if let inProgress = call.inProgress { outcomes?.begin(inProgress) }
    }

    /// The PBX wrote a caller's message: the sealer takes it, or the log says it stays in clear.
    public func recorded(_ recording: MessageRecording, logger: Logger) {
        if let messages {
            messages.recorded(recording)
        } else if recording.seconds > 0 {
            logger.warning("a caller left a message, and it stays as the PBX wrote it: serve has no --message-key to seal it with")
        }
    }

    /// Hands a call's one outcome to the call log and notes it (without any identifier).
    public func record(_ outcome: CallOutcome, logger: Logger) {
        outcomes?.record(outcome)
        if outcome.path.count >= Call.maximumPathLength {
            logger.warning("call ended after \(outcome.path.count) states, the most one call may pass through (a caller repeating a menu endlessly, or a plan that loops)")
        }
        logger.info("call ended", metadata: [
            "ending": "\(outcome.ending.rawValue)", "state": "\(outcome.endedIn)", "language": "\(outcome.language)",
            "seconds": "\(Int((outcome.secondsInIVR + outcome.secondsWaiting + outcome.secondsWithAdvocate).rounded()))",
        ])
    }
}
