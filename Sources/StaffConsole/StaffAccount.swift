import CallEngine

/// A member of staff who can sign in to the console. Staff, not callers: a name, a role, for an
/// advocate the roster entry whose shift they work, and a bcrypt hash of the password.
public struct StaffAccount: Sendable, Equatable {
    public var name: String
    public var role: StaffRole
    /// The roster id of the advocate this account works as (advocates only).
    public var advocate: String?
    public var passwordHash: String
    /// The staff line: the staff number an advocate keys in on their desk phone, and a bcrypt
    /// hash of their PIN (advocates only; nil: the staff line does not know them).
    public var staffNumber: String?
    public var pinHash: String?

    public init(name: String, role: StaffRole, advocate: String? = nil, passwordHash: String, staffNumber: String? = nil, pinHash: String? = nil) {
        self.name = name
        self.role = role
        self.advocate = advocate
        self.passwordHash = passwordHash
        self.staffNumber = staffNumber
        self.pinHash = pinHash
    }

    /// A staff number is digits only, as long as the staff line reads (3 to 8).
    public static func isValidStaffNumber(_ number: String) -> Bool {
        StaffLineCall.numberDigits.contains(number.count) && number.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A PIN is 6 to 8 digits: a desk phone has no letters, and fewer digits fall to guessing
    /// too soon even at five tries a quarter hour.
    public static func isValidPIN(_ pin: String) -> Bool {
        StaffLineCall.pinDigits.contains(pin.count) && pin.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Names are what staff type at the sign-in form and what the audit log shows: short,
    /// printable, no spaces.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
