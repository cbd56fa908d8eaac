

/// Where call outcomes go (the call log). `record` is called on a channel's event loop and
/// must not block it: an implementation hands the outcome off and returns.
public protocol OutcomeSink: Sendable {
    func record(_ outcome: CallOutcome)
}
