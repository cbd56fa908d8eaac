/// A sum the published counts obey, which anyone holding them can use: `sum` = Σ `parts`
/// (offered is the sum of the outcomes, a total the sum of its groups, a day the same in the
/// trends and in `--by day`).
public struct CountRelation: Sendable, Hashable {
    public let sum: CountKey
    public let parts: [CountKey]

    public init(_ sum: CountKey, is parts: [CountKey]) {
        self.sum = sum
        self.parts = parts
    }

    public var terms: [CountKey] { [sum] + parts }
}
