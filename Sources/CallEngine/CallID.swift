/// A call's id: random, minted by the controller, linkable to nothing on the PBX side.
/// The engine takes it as an input; channels mint it with `CallID.random()`.
public struct CallID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> CallID {
        CallID(generator.next())
    }

    public static func random() -> CallID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// Sixteen lowercase hex digits.
    public var description: String {
        let hex = String(rawValue, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
