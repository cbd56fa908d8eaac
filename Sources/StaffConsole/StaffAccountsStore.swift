import Foundation
import Logging
import NIOConcurrencyHelpers

/// The accounts file as the running console sees it: read again when it changes on disk (at
/// most once a second), so `hotline accounts add|passwd|remove` takes effect without a restart.
/// A removed account, a changed role or a new password ends that account's sessions. A file that
/// turns unreadable keeps the last good accounts, and says so in the log.
public final class StaffAccountsStore: Sendable {
    struct Cache {
        var file: StaffAccountsFile
        var modified: Date?
        var checked = Date.distantPast
    }

    public let path: String
    let sessions: ConsoleSessions
    let logger: Logger
    let cache: NIOLockedValueBox<Cache>

    public init(path: String, sessions: ConsoleSessions, logger: Logger) throws(StaffAccountsFile.Problem) {
        self.path = path
        self.sessions = sessions
        self.logger = logger
        let file = try StaffAccountsFile.read(path)
        cache = NIOLockedValueBox(Cache(file: file, modified: Self.modified(path), checked: Date()))
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    public func account(named name: String) -> StaffAccount? {
        current.account(named: name)
    }

    public var current: StaffAccountsFile {
        let now = Date()
        let (stale, known) = cache.withLockedValue { cache -> (Bool, Date?) in
            guard now.timeIntervalSince(cache.checked) >= 1 else { return (false, cache.modified) }
            cache.checked = now
            return (Self.modified(path) != cache.modified, cache.modified)
        }
        guard stale else { return cache.withLockedValue { $0.file } }
        do {
            let file = try StaffAccountsFile.read(path)
            let old = cache.withLockedValue { cache -> StaffAccountsFile in
                let old = cache.file
                cache.file = file
                cache.modified = Self.modified(path)
                return old
            }
            for account in old.accounts where file.account(named: account.name) != account {
                sessions.endAll(of: account.name)
            }
            logger.notice("console: accounts read again from \(path) (\(file.accounts.count) accounts)")
            return file
        } catch {
            logger.error("console: \(error.description); the accounts read before (\(known.map { "\($0)" } ?? "at the start")) stay in use")
            cache.withLockedValue { $0.modified = Self.modified(path) }
            return cache.withLockedValue { $0.file }
        }
    }
}
