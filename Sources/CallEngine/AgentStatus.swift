/// Where an advocate is in their shift.
public enum AgentStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case loggedOut = "logged_out"
    case available
    /// Being offered a call (the PBX is ringing their phone).
    case ringing
    /// Talking with a caller (inferred once the ring time has passed without a result).
    case onCall = "on_call"
    case wrapUp = "wrap_up"
    case paused
}
