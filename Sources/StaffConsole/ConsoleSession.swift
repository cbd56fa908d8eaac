import Foundation

/// A signed-in member of staff: who, in which role, since when, and the token every form of
/// theirs must carry back (CSRF). The session id travels only in an `HttpOnly; SameSite=Strict`
/// cookie; the token only in the pages and forms.
public struct ConsoleSession: Sendable, Equatable {
    public var id: String
    public var account: String
    public var role: StaffRole
    public var advocate: String?
    public var csrfToken: String
    public var started: Date
    public var lastSeen: Date

    /// 32 bytes from the system's cryptographic generator, as hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
