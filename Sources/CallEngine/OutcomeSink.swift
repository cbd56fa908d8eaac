
/// Where call outcomes go (the call log). `begin` and `record` are called on a channel's event
/// loop and must not block it: an implementation hands the value off and returns.
public protocol OutcomeSink: Sendable {
    /// A call started: a sink that journals calls in progress counts it if no outcome follows.
    func begin(_ call: CallInProgress)
    func record(_ outcome: CallOutcome)
}

extension OutcomeSink {
    public func begin(_ call: CallInProgress) {}
}
