/// What a channel knows about a call when it starts, after caller identifiers were dropped at
/// the boundary. There is deliberately no field that could hold a caller's number or name.
public struct CallContext: Hashable, Sendable {
    /// What the channel says may be the hotline number dialed, most trusted first. The engine
    /// keeps the first one the plan declares and no other: on real trunks the "dialed" field can
    /// carry the caller's own number, which must never be stored.
    public var dialedNumbers: [String]
    /// The channel's language (e.g. Asterisk's `agi_language`); used if the plan offers it.
    public var language: String?

    public init(dialedNumber: String? = nil, language: String? = nil) {
        self.init(dialedNumbers: dialedNumber.map { [$0] } ?? [], language: language)
    }

    public init(dialedNumbers: [String], language: String? = nil) {
        self.dialedNumbers = dialedNumbers
        self.language = language
    }
}
