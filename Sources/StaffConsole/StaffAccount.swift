/// A member of staff who can sign in to the console. Staff, not callers: a name, a role, for an
/// advocate the roster entry whose shift they work, and a bcrypt hash of the password.
public struct StaffAccount: Sendable, Equatable {
    public var name: String
    public var role: StaffRole
    /// The roster id of the advocate this account works as (advocates only).
    public var advocate: String?
    public var passwordHash: String

    public init(name: String, role: StaffRole, advocate: String? = nil, passwordHash: String) {
        self.name = name
        self.role = role
        self.advocate = advocate
        self.passwordHash = passwordHash
    }

    /// Names are what staff type at the sign-in form and what the audit log shows: short,
    /// printable, no spaces.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
