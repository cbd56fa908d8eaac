import AdvocateQueue
import ArgumentParser
import CallRuntime
import Foundation
import Hummingbird
import Logging
import StaffConsole

/// `serve`'s options for the browser console, and how it is put on the admin listener.
struct StaffConsoleOptions: ParsableArguments {
    @Option(name: .long, help: "The console's staff accounts (`hotline accounts`). Missing at the first start: created with an administrator 'admin' whose one-time password is printed once.")
    var accounts: String = "var/accounts.yaml"

    @Option(name: .long, help: "Where the console writes who did what (sign-ins, pauses, reloads; never call data), one JSON object a line.")
    var auditLog: String = "var/audit.log"

    @Flag(name: .long, help: "Serve the admin API without the browser console.")
    var noConsole = false

    /// What the console keeps for the whole run: the accounts (created on a first start), the
    /// sessions, the audit log, and the staff line's desk that the PBX side asks.
    struct Staff {
        var store: StaffAccountsStore
        var sessions: ConsoleSessions
        var audit: StaffAuditLog
        var desk: StaffAccountsDesk
        /// The first administrator's one-time password, on a first start only.
        var firstPassword: String?
    }

    /// Reads (or on a first start creates) the accounts and opens the audit log; nil with
    /// --no-console (no console, no staff line).
    func prepare(queue: AdvocateQueueService, host: String, port: Int, tls: Bool, logger: Logger) async throws -> Staff? {
        guard !noConsole else { return nil }
        guard tls || Self.isLoopback(host) else {
            print("--admin-listen \(host):\(port): the console would send staff passwords and session cookies over the network in clear; give --admin-tls-certificate and --admin-tls-key, listen on 127.0.0.1, or give --no-console")
            throw ExitCode(1)
        }
        var firstPassword: String?
        if !StaffAccountsFile.exists(accounts) {
            let password = Self.onetimePassword()
            let file = StaffAccountsFile(path: accounts, accounts: [StaffAccount(name: "admin", role: .administrator, passwordHash: await PasswordHash.make(password))])
            do { try file.write() } catch {
                print(error.description)
                throw ExitCode(1)
            }
            firstPassword = password
        }
        let sessions = ConsoleSessions()
        let store: StaffAccountsStore, audit: StaffAuditLog
        do {
            store = try StaffAccountsStore(path: accounts, sessions: sessions, logger: logger)
        } catch {
            print(error.description)
            throw ExitCode(1)
        }
        do {
            audit = try StaffAuditLog(path: auditLog)
        } catch {
            print("\(auditLog): error: cannot open the console's audit log (\(error.localizedDescription)); give a writable --audit-log")
            throw ExitCode(1)
        }
        let desk = await StaffAccountsDesk(accounts: store, queue: queue, audit: audit)
        return Staff(store: store, sessions: sessions, audit: audit, desk: desk, firstPassword: firstPassword)
    }

    /// Adds the console's routes; prints where it is and, on a first start, how to sign in.
    func install(_ staff: Staff?, on router: Router<BasicRequestContext>, queue: AdvocateQueueService, reloader: PlanReloadService, plans: PlanStore,
                 switches: SwitchBoard, today: TodayFigures, messages: MessageInbox?, host: String, port: Int, tls: Bool) {
        guard let staff else { return }
        // What was printed before goes out first: a half-full buffer would split the lines below
        // across the log lines written meanwhile.
        fflush(nil)
        StaffConsole.add(to: router, .init(queue: queue, reloader: reloader, plans: plans, accounts: staff.store, sessions: staff.sessions, audit: staff.audit,
                                           secureCookies: tls, today: today, switches: switches, messages: messages))
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let phones = staff.store.current.accounts.filter { $0.staffNumber != nil }.count
        print("console: \(tls ? "https" : "http")://\(shownHost):\(port)/console/ (\(staff.store.current.accounts.count) accounts in \(accounts); \(phones) with a staff number for the desk-phone staff line)")
        if let firstPassword = staff.firstPassword {
            print("console: first sign-in as 'admin' with the password \(firstPassword) — shown only now; change it with `hotline accounts passwd admin --accounts \(accounts)` and add staff with `hotline accounts add`")
        }
        fflush(nil)  // every stream: the lines above reach a log file now, not at the exit
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// 20 characters from an alphabet without look-alikes (about 110 bits).
    static func onetimePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
