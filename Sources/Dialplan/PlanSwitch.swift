/// A run-time switch a plan declares (`switches:`): staff flip it from the console or the API
/// (an outage message, an emergency announcement, "closed today"), and the plan tests it with
/// an ordinary branch on the attribute `switch.NAME`, whose value is `on` or `off`. A call sees
/// the positions as they were when it started.
public struct PlanSwitch: Hashable, Sendable {
    public var name: String
    /// What the console shows beside it.
    public var label: String
    /// The least role that may flip it: `supervisor` or `administrator`.
    public var flip: String

    public static let roles = ["supervisor", "administrator"]
    public static let attributePrefix = "switch."

    public var attribute: String { Self.attributePrefix + name }

    public init(name: String, label: String, flip: String) {
        self.name = name
        self.label = label
        self.flip = flip
    }
}

/// `switches:` as written, with positions for the checker.
public struct SwitchDefinition: Sendable {
    public var name: Located<String>
    public var label: String
    public var flip: Located<String>
}
