import Dialplan

/// What the staff line asks of its channel, and of the desk that knows the staff. Plain values:
/// tests compare arrays of them.
public enum StaffLineAction: Hashable, Sendable {
    case answer
    /// Play prompts through to the end (no key stops them).
    case play([Prompt])
    /// Play prompts, then collect digits; the channel replies `entered` or `noInput`.
    case collect(CollectRequest)
    /// Ask the desk; it replies `deskAnswered`.
    case askDesk(StaffLineDeskRequest)
    /// Hang up the desk phone's channel; nothing follows.
    case hangUp
}

/// What the staff line asks of the desk: who is dialling in, and to change their shift.
public enum StaffLineDeskRequest: Hashable, Sendable {
    case check(StaffLineCredentials)
    case perform(StaffLineRequest, for: StaffLineIdentity)
}

/// A staff number and PIN as keyed in. Never printed: `description` hides both.
public struct StaffLineCredentials: Hashable, Sendable, CustomStringConvertible {
    public var number: String
    public var pin: String

    public init(number: String, pin: String) {
        self.number = number
        self.pin = pin
    }

    public var description: String { "staff number and PIN (\(number.count) and \(pin.count) digits)" }
}

/// The member of staff the desk recognised: their account, the advocate they work as, and
/// where that advocate is in the shift now.
public struct StaffLineIdentity: Hashable, Sendable {
    public var account: String
    public var advocate: String
    public var status: AgentStatus

    public init(account: String, advocate: String, status: AgentStatus) {
        self.account = account
        self.advocate = advocate
        self.status = status
    }
}

/// A change to the advocate's own shift, as the menu offers it.
public enum StaffLineRequest: Hashable, Sendable {
    case logIn
    case pause(PauseReason)
    /// Available again: ends a pause or the wrap-up.
    case resume
    case logOut

    /// The audit log's word for it.
    public var name: String {
        switch self {
        case .logIn: "login"
        case .pause: "pause"
        case .resume: "resume"
        case .logOut: "logout"
        }
    }
}
