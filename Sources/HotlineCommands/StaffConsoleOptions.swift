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

    /// Adds the console's routes; prints where it is and, on a first start, how to sign in.
    func install(on router: Router<BasicRequestContext>, queue: AdvocateQueueService, reloader: PlanReloadService, plans: PlanStore,
                 switches: SwitchBoard, today: TodayFigures, host: String, port: Int, tls: Bool, logger: Logger) async throws {
        guard !noConsole else { return }
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
        StaffConsole.add(to: router, .init(queue: queue, reloader: reloader, plans: plans, accounts: store, sessions: sessions, audit: audit, secureCookies: tls, today: today, switches: switches))
        let shownHost = host.contains(":") ? "[\(host)]" : host
        print("console: \(tls ? "https" : "http")://\(shownHost):\(port)/console/ (\(store.current.accounts.count) accounts in \(accounts))")
        if let firstPassword {
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
