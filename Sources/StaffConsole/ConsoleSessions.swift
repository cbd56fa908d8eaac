import Foundation
import NIOConcurrencyHelpers

/// The console's signed-in sessions (in memory: a restart signs everyone out) and the sign-in
/// throttle. A session ends at sign-out, after `idleLimit` without a request, after
/// `lifetime` in all (a shift), or when its account signs out everywhere.
public final class ConsoleSessions: Sendable {
    struct State {
        var sessions: [String: ConsoleSession] = [:]
        var throttle = LoginThrottle()
    }

    let state = NIOLockedValueBox(State())
    public let idleLimit: TimeInterval
    public let lifetime: TimeInterval
    let now: @Sendable () -> Date

    public init(idleLimit: TimeInterval = 2 * 3600, lifetime: TimeInterval = 14 * 3600, now: @escaping @Sendable () -> Date = Date.init) {
        self.idleLimit = idleLimit
        self.lifetime = lifetime
        self.now = now
    }

    public func start(for account: StaffAccount) -> ConsoleSession {
        let time = now()
        let session = ConsoleSession(id: ConsoleSession.randomToken(), account: account.name, role: account.role, advocate: account.advocate,
                                     csrfToken: ConsoleSession.randomToken(), started: time, lastSeen: time)
        state.withLockedValue { $0.sessions[session.id] = session }
        return session
    }

    /// The live session with this id, its last-seen time moved on; nil when there is none or it
    /// has run out (then it is gone).
    public func touch(_ id: String) -> ConsoleSession? {
        let time = now()
        return state.withLockedValue { state in
            guard var session = state.sessions[id] else { return nil }
            if time.timeIntervalSince(session.lastSeen) > idleLimit || time.timeIntervalSince(session.started) > lifetime {
                state.sessions[id] = nil
                return nil
            }
            session.lastSeen = time
            state.sessions[id] = session
            return session
        }
    }

    public func end(_ id: String) {
        _ = state.withLockedValue { $0.sessions.removeValue(forKey: id) }
    }

    /// Ends every session of the account; returns how many there were.
    @discardableResult
    public func endAll(of account: String) -> Int {
        state.withLockedValue { state in
            let ids = state.sessions.values.filter { $0.account == account }.map(\.id)
            for id in ids { state.sessions[id] = nil }
            return ids.count
        }
    }

    /// Ends the sessions of accounts that are no longer in the file or changed role.
    public func keepOnly(_ accounts: [StaffAccount]) {
        state.withLockedValue { state in
            state.sessions = state.sessions.filter { _, session in
                accounts.contains { $0.name == session.account && $0.role == session.role && $0.advocate == session.advocate }
            }
        }
    }

    public func throttleWait(for name: String) -> TimeInterval? {
        let time = now()
        return state.withLockedValue { $0.throttle.wait(for: name, at: time) }
    }

    public func recordFailure(_ name: String) {
        let time = now()
        state.withLockedValue { $0.throttle.failed(name, at: time) }
    }

    public func recordSuccess(_ name: String) {
        state.withLockedValue { $0.throttle.succeeded(name) }
    }
}
