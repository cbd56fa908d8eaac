/// How the controller speaks to the PBX: where prompts and recordings live on the PBX side,
/// and how long each kind of command may take before the PBX counts as gone.
public struct AGISettings: Hashable, Sendable {
    /// Prompt paths are `<promptPrefix>/<lang>/<name>`, relative to Asterisk's sounds folder
    /// (or absolute). Empty: `<lang>/<name>`.
    public var promptPrefix: String = "hotline"
    /// Where RECORD FILE writes messages on the PBX (the deployment creates it). Files are named
    /// by the call's random id only.
    public var recordingDirectory: String = "/var/spool/asterisk/hotline-messages"
    /// Silence that ends a recording.
    public var recordingSilenceSeconds: Int = 10
    /// How long a transfer rings before it counts as not answered.
    public var transferRingSeconds: Int = 30
    /// The pre-dial routine Dial runs on a transfer's outbound leg only (`b(…)`):
    /// `[hotline-transfer]` in deploy/asterisk/extensions.conf presents the hotline's own number
    /// there, so carriers accept the call and emergency services can call back, while the
    /// caller's id stays blanked everywhere else. Empty: none.
    public var transferPreDialRoutine: String = "hotline-transfer^s^1"
    /// One wait for a key while a caller is on hold. News from the queue (an advocate is free)
    /// cuts it short with a nudge, so its length costs only commands: a held caller sends one
    /// WAIT FOR DIGIT per wait.
    public var holdWaitMilliseconds: Int = 10_000
    /// How long a nudge waits for a line from the PBX before the session nudges again (a real
    /// Asterisk answers a wait cut short at once and the nudge itself 40-50 ms later: `18c-*`).
    public var nudgeRetrySeconds: Double = 0.2
    /// How long a `-1` from a prompt waits for Asterisk's `HANGUP` (it follows within ~40 ms
    /// when the caller hung up) before it counts as a prompt that could not be played.
    public var hangUpNoticeSeconds: Double = 0.5
    /// Replies to quick commands (ANSWER, GET/SET VARIABLE, HANGUP).
    public var commandTimeoutSeconds: Double = 10
    /// The longest prompt file.
    public var promptTimeoutSeconds: Double = 300
    /// The longest transferred conversation (EXEC Dial replies only when it ends).
    public var transferTimeoutSeconds: Double = 4 * 3600
    /// The most commands one call may send outside the queue (whose conversation is bounded by
    /// its `max_wait`): a bound on what one call can cost. A call through the default plan
    /// sends about 30.
    public var maximumCommandsPerCall: Int = 5000

    public init() {}
}
