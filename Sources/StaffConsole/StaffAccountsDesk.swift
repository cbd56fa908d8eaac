import AdvocateQueue
import CallEngine
import CallRuntime
import Foundation
import NIOConcurrencyHelpers

/// The staff line's desk, kept by the console's accounts: a staff number and PIN are an
/// advocate account's (`staff_number`, `pin` in accounts.yaml), checked against the PIN's bcrypt
/// hash off the event loops; wrong PINs are throttled per number and overall, as sign-ins are;
/// the shift changes go to the queue as the console's buttons do. Every sign-in and change is
/// in the audit log (with `phone-` actions), never the digits keyed in.
public final class StaffAccountsDesk: StaffLineDesk {
    let accounts: StaffAccountsStore
    let queue: AdvocateQueueService
    let audit: StaffAuditLog
    let throttle = NIOLockedValueBox(LoginThrottle())
    /// A hash that matches nothing, checked when no account has the number, so that a wrong
    /// number takes as long as a wrong PIN.
    let decoy: String

    public init(accounts: StaffAccountsStore, queue: AdvocateQueueService, audit: StaffAuditLog) async {
        self.accounts = accounts
        self.queue = queue
        self.audit = audit
        decoy = await PasswordHash.make(ConsoleSession.randomToken())
    }

    public func answer(_ request: StaffLineDeskRequest) async -> StaffLineDeskAnswer {
        switch request {
        case .check(let credentials): await check(credentials)
        case .perform(let change, let identity): await perform(change, identity)
        }
    }

    func check(_ credentials: StaffLineCredentials) async -> StaffLineDeskAnswer {
        let key = "phone:\(credentials.number)"
        let account = accounts.current.account(staffNumber: credentials.number)
        let shown = account?.name ?? "(unknown staff number)"
        if throttle.withLockedValue({ $0.wait(for: key, at: Date()) }) != nil {
            audit.record(account: shown, action: "phone-sign-in", result: "throttled")
            return .throttled
        }
        guard let account, let advocate = account.advocate, let pinHash = account.pinHash,
              await PasswordHash.verify(credentials.pin, against: pinHash) else {
            if account == nil { _ = await PasswordHash.verify(credentials.pin, against: decoy) }
            throttle.withLockedValue { $0.failed(key, at: Date()) }
            audit.record(account: shown, action: "phone-sign-in", result: "refused")
            return .refused
        }
        throttle.withLockedValue { $0.succeeded(key) }
        audit.record(account: account.name, action: "phone-sign-in", advocate: advocate)
        let status = await queue.status().agents.first { $0.id == advocate }?.status ?? .loggedOut
        return .recognised(StaffLineIdentity(account: account.name, advocate: advocate, status: status))
    }

    func perform(_ change: StaffLineRequest, _ identity: StaffLineIdentity) async -> StaffLineDeskAnswer {
        // The account may have changed since the PIN was checked (removed, another advocate).
        guard let account = accounts.account(named: identity.account), account.advocate == identity.advocate, account.staffNumber != nil else {
            audit.record(account: identity.account, action: "phone-\(change.name)", advocate: identity.advocate, result: "account changed")
            return .notPossible
        }
        do {
            let status: AgentStatus
            switch change {
            case .logIn: status = try await queue.login(identity.advocate)
            case .pause(let reason): status = try await queue.pause(identity.advocate, reason: reason)
            case .resume: status = try await queue.resume(identity.advocate)
            case .logOut: status = try await queue.logout(identity.advocate)
            }
            var result = status.rawValue
            if case .pause(let reason) = change { result += " (\(reason.rawValue))" }
            audit.record(account: identity.account, action: "phone-\(change.name)", advocate: identity.advocate, result: result)
            return .done(status)
        } catch {
            audit.record(account: identity.account, action: "phone-\(change.name)", advocate: identity.advocate, result: "not on the roster")
            return .notPossible
        }
    }
}
