/// What a channel knows about a call when it starts, after caller identifiers were dropped at
/// the boundary. There is deliberately no field that could hold a caller's number or name.
public struct CallContext: Hashable, Sendable {
    /// The hotline number the caller dialed (selects the entry), if the channel knows it.
    public var dialedNumber: String?
    /// The channel's language (e.g. Asterisk's `agi_language`); used if the plan offers it.
    public var language: String?

    public init(dialedNumber: String? = nil, language: String? = nil) {
        self.dialedNumber = dialedNumber
        self.language = language
    }
}
