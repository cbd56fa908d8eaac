/// The environment block Asterisk sends when a FastAGI call starts, with every caller
/// identifier already dropped. There is no field that could hold a caller's number, name,
/// channel, unique id, account code or thread id: only what DESIGN.md allows to keep.
public struct AGIEnvironment: Hashable, Sendable {
    /// `agi_network_script`: the URL's path and query, e.g. `hotline?campaign=tollfree`.
    public var networkScript: String?
    /// `agi_language`: the channel's language.
    public var language: String?
    /// `agi_type`: the channel technology (`PJSIP`, `Local`), not the peer.
    public var channelType: String?
    /// `agi_version`: the PBX's version.
    public var version: String?
    /// `agi_dnid`: the number dialed, when the trunk sends it (`unknown` is dropped).
    public var dialedNumber: String?
    /// `agi_context`, `agi_extension`, `agi_priority`: where in the PBX dialplan AGI() ran.
    public var context: String?
    public var extensionName: String?
    public var priority: String?
    /// `agi_arg_1` … `agi_arg_N`, in order.
    public var arguments: [String] = []

    public init() {}

    /// The script name: the network script before `?` (`hotline`).
    public var scriptName: String? {
        networkScript.map { String($0.prefix { $0 != "?" }) }
    }

    /// The query parameters of the network script (`campaign=tollfree`), undecoded.
    public var scriptParameters: [String: String] {
        guard let script = networkScript, let query = script.firstIndex(of: "?") else { return [:] }
        var parameters: [String: String] = [:]
        for pair in script[script.index(after: query)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parameters[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return parameters
    }

    /// The hotline number the caller dialed: the DNID when the trunk sent one, else a `number`
    /// script parameter, else the extension unless it is the generic `s`.
    public var hotlineNumber: String? {
        if let dialed = dialedNumber { return dialed }
        if let number = scriptParameters["number"], !number.isEmpty { return number }
        if let extensionName, extensionName != "s", !extensionName.isEmpty { return extensionName }
        return nil
    }
}
