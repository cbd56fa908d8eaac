/// What happened on the staff line: the channel's and the desk's replies.
public enum StaffLineEvent: Hashable, Sendable {
    /// Digits for a `collect`, without the terminating `#`.
    case entered(String)
    /// Nothing entered before the timeout of a `collect`.
    case noInput
    case deskAnswered(StaffLineDeskAnswer)
    /// The desk phone hung up, or the PBX is gone.
    case hungUp
}

/// The desk's reply to a `StaffLineDeskRequest`.
public enum StaffLineDeskAnswer: Hashable, Sendable {
    /// The number and PIN belong to this advocate's account.
    case recognised(StaffLineIdentity)
    /// No account has this number and PIN.
    case refused
    /// Too many wrong PINs lately, for this number or overall: refused without checking.
    case throttled
    /// No staff accounts are kept (the console is off, or the staff line is not set up).
    case unavailable
    /// The change was made; the advocate's status now.
    case done(AgentStatus)
    /// The change cannot be made (the advocate is not on the roster the plan serves).
    case notPossible
}
