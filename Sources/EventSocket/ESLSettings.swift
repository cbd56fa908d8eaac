/// How the controller speaks to FreeSWITCH: where prompts and recordings are on its side, and how
/// long the socket stays open after a hang-up so the last events arrive.
public struct ESLSettings: Hashable, Sendable {
    /// Prompts are `<promptFolder>/<lang>/<name>.wav` on the FreeSWITCH host.
    public var promptFolder = "/usr/share/freeswitch/sounds/hotline"
    /// Where `record` writes messages (the deployment creates it); files are named by the call id.
    public var recordingDirectory = "/var/lib/freeswitch/recordings/hotline-messages"
    public var lingerSeconds = 5
    /// Silence that ends a recording.
    public var recordingSilenceSeconds = 10
    /// What an advocate's or a partner line's phone shows for a call from the hotline: never the
    /// caller's own number or name (FreeSWITCH passes them on unless the dial string says
    /// otherwise, 06). The number is the hotline number the caller dialed when the plan knows it.
    public var presentedName = "Hotline"
    public var presentedNumberWhenUnknown = "0000000000"
    /// How long a partner line may ring.
    public var transferRingSeconds = 30
    /// The longest conversation through a bridge before the controller counts FreeSWITCH as gone.
    public var bridgeTimeoutSeconds = 4.0 * 3600
    /// Replies and quick executes.
    public var commandTimeoutSeconds = 10.0
    /// The longest prompt.
    public var promptTimeoutSeconds = 300.0

    public init() {}
}
