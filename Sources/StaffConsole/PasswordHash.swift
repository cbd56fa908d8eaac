import Dispatch
import HummingbirdBcrypt

/// Passwords are kept only as bcrypt hashes (salted, slow: cost 12 is about a quarter of a
/// second per guess on this class of machine). Hashing and checking run on a Dispatch thread,
/// never on an event loop or the cooperative pool.
public enum PasswordHash {
    public static let cost: UInt8 = 12
    /// The shortest password `accounts add` and `passwd` accept.
    public static let minimumLength = 12

    public static func make(_ password: String, cost: UInt8 = cost) async -> String {
        await offThePool { Bcrypt.hash(password, cost: cost) }
    }

    public static func verify(_ password: String, against hash: String) async -> Bool {
        guard looksLikeBcrypt(hash) else { return false }
        return await offThePool { Bcrypt.verify(password, hash: hash) }
    }

    /// `$2a$`, `$2b$` or `$2y$`, a two-digit cost, then 53 characters of salt and hash.
    public static func looksLikeBcrypt(_ hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].isEmpty && ["2a", "2b", "2y"].contains(parts[1]) && parts[2].count == 2
            && parts[2].allSatisfy(\.isNumber) && parts[3].count == 53
    }

    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
