/// Why an advocate is paused: a fixed list, never free text (a note typed during a shift could
/// name a caller). The queue sets `phoneUnreachable` itself when a desk phone cannot be reached.
public enum PauseReason: String, Hashable, Sendable, Codable, CaseIterable {
    case rest = "break"
    case meal
    case training
    case meeting
    case phoneUnreachable = "phone_unreachable"
    case other

    /// The reasons staff may choose (the queue alone sets `phoneUnreachable`).
    public static let chosen: [PauseReason] = [.rest, .meal, .training, .meeting, .other]

    public var label: String {
        switch self {
        case .rest: "break"
        case .meal: "meal"
        case .training: "training"
        case .meeting: "meeting"
        case .phoneUnreachable: "phone unreachable"
        case .other: "other"
        }
    }
}
