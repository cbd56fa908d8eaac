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

    /// What may be the hotline number the caller dialed, most trusted first: the DNID when the
    /// trunk sent one, a `number` script parameter, the extension unless it is the generic `s`.
    /// The engine keeps only one the plan declares (a DNID can be the caller's own number).
    public var hotlineNumberCandidates: [String] {
        var candidates: [String] = []
        if let dialed = dialedNumber { candidates.append(dialed) }
        if let number = scriptParameters["number"], !number.isEmpty { candidates.append(number) }
        if let extensionName, extensionName != "s", !extensionName.isEmpty { candidates.append(extensionName) }
        return candidates
    }
}
