/// A message a caller left, as the channel reports it once the PBX has written it: where the
/// file is on the PBX side (named by the call's random id), how long it is, and the call's
/// language and campaign. The runtime seals it; nothing keeps the path afterwards.
public struct MessageRecording: Hashable, Sendable {
    /// The file as the PBX wrote it, e.g. `/var/spool/asterisk/hotline-messages/<call id>.wav`.
    public var file: String
    public var seconds: Double
    public var language: String
    public var campaign: String

    public init(file: String, seconds: Double, language: String, campaign: String) {
        self.file = file
        self.seconds = seconds
        self.language = language
        self.campaign = campaign
    }
}
