/// The range of every number the dialplan grammar takes. `check` refuses a value outside its
/// range at the value's position, so nothing a checked plan says can overflow a command's
/// milliseconds or keep a caller in one state for days. docs/dialplan.md lists the same table.
public enum PlanLimits {
    /// `timeout` of a menu: seconds of silence after the prompt before a retry.
    public static let menuTimeoutSeconds: ClosedRange<Double> = 0.5...60
    /// `timeout` of a collect: seconds to wait for the digits.
    public static let collectTimeoutSeconds: ClosedRange<Double> = 1...120
    /// `retries` of a menu or collect.
    public static let retries: ClosedRange<Int> = 0...9
    /// `min_digits` and `max_digits` of a collect.
    public static let digits: ClosedRange<Int> = 1...32
    /// `max_seconds` of a record state.
    public static let recordSeconds: ClosedRange<Int> = 1...3600
    /// Days a caller's message may be kept at most (`messages: {retention_days}`).
    public static let messageRetentionDays: ClosedRange<Int> = 1...365
    /// `priority` of a queue state.
    public static let priority: ClosedRange<Int> = 0...9
    /// `max_wait` of a queue state, in seconds.
    public static let maxWaitSeconds: ClosedRange<Int> = 1...86_400
    /// `ring_seconds` of a queue.
    public static let ringSeconds: ClosedRange<Int> = 5...300
    /// `wrap_up_seconds` of a queue.
    public static let wrapUpSeconds: ClosedRange<Int> = 0...3600
    /// `retry_seconds` of a queue.
    public static let retrySeconds: ClosedRange<Int> = 0...300
    /// `announce_every` of a queue (0: never).
    public static let announceEverySeconds: ClosedRange<Int> = 0...3600
    /// `interpreter_after` of a queue (0: never).
    public static let interpreterAfterSeconds: ClosedRange<Int> = 0...86_400
    /// `alert_after` of a queue, in seconds (0: never).
    public static let alertAfterSeconds: ClosedRange<Int> = 0...86_400
}
