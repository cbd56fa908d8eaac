import ArgumentParser
import Foundation
import StaffConsole

/// `hotline accounts`: the staff who may sign in to the console, in the accounts file.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Add, change, remove and list the staff accounts of the browser console.",
        discussion: "Passwords are stored only as bcrypt hashes. A running serve reads the file again within a second: a removed account, a new role or a new password signs that account out everywhere.",
        subcommands: [Add.self, Passwd.self, Phone.self, Remove.self, List.self]
    )

    struct FileOption: ParsableArguments {
        @Option(name: .long, help: "The accounts file (serve --accounts).")
        var accounts: String = "var/accounts.yaml"

        func read(creating: Bool = false) throws -> StaffAccountsFile {
            if creating, !StaffAccountsFile.exists(accounts) { return StaffAccountsFile(path: accounts) }
            do {
                return try StaffAccountsFile.read(accounts)
            } catch {
                print(error.description)
                throw ExitCode(1)
            }
        }
    }

    struct PasswordOption: ParsableArguments {
        @Flag(name: .long, help: "Read the password from the first line of standard input (for scripts), instead of asking twice on the terminal.")
        var passwordStdin = false

        func read() throws -> String {
            let password = try SecretInput.read(fromStandardInput: passwordStdin, called: "password", flag: "--password-stdin")
            guard password.count >= PasswordHash.minimumLength else {
                throw ValidationError("the password has \(password.count) characters; give at least \(PasswordHash.minimumLength) (a few unrelated words are easy to type and hard to guess)")
            }
            return password
        }
    }

    static func write(_ file: StaffAccountsFile) throws {
        do {
            try file.write()
        } catch {
            print(error.description)
            throw ExitCode(1)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account (asks for its password).")
        @Argument(help: "The name staff sign in with: letters, digits, '.', '_', '-'.") var name: String
        @Option(name: .long, help: "advocate, supervisor or administrator.") var role: String
        @Option(name: .long, help: "For an advocate: the roster id they work as (roster.yaml).") var advocate: String?
        @OptionGroup var file: FileOption
        @OptionGroup var password: PasswordOption

        func run() async throws {
            guard StaffAccount.isValidName(name) else { throw ValidationError("'\(name)': use letters, digits, '.', '_' or '-' (at most 64)") }
            guard let role = StaffRole(rawValue: role) else { throw ValidationError("--role '\(role)': use advocate, supervisor or administrator") }
            if role == .advocate, advocate?.isEmpty ?? true { throw ValidationError("an advocate account needs --advocate ID, the roster id they work as") }
            if role != .advocate, advocate != nil { throw ValidationError("--advocate is for advocate accounts only") }
            var accounts = try file.read(creating: true)
            guard accounts.account(named: name) == nil else { throw ValidationError("'\(name)' already has an account; change its password with `hotline accounts passwd \(name)`") }
            let chosen = try password.read()
            let hash = await PasswordHash.make(chosen)
            accounts.accounts.append(StaffAccount(name: name, role: role, advocate: advocate, passwordHash: hash))
            try AccountsCommand.write(accounts)
            print("\(file.accounts): added \(name) (\(role.rawValue)\(advocate.map { ", works as \($0)" } ?? ""))")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password (its sessions end).")
        @Argument(help: "The account.") var name: String
        @OptionGroup var file: FileOption
        @OptionGroup var password: PasswordOption

        func run() async throws {
            var accounts = try file.read()
            guard let index = accounts.accounts.firstIndex(where: { $0.name == name }) else { throw ValidationError("no account '\(name)' in \(file.accounts); `hotline accounts list` shows them") }
            let chosen = try password.read()
            accounts.accounts[index].passwordHash = await PasswordHash.make(chosen)
            try AccountsCommand.write(accounts)
            print("\(file.accounts): new password for \(name); a running console signs them out everywhere")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account (its sessions end).")
        @Argument(help: "The account.") var name: String
        @OptionGroup var file: FileOption

        func run() async throws {
            var accounts = try file.read()
            guard accounts.account(named: name) != nil else { throw ValidationError("no account '\(name)' in \(file.accounts); `hotline accounts list` shows them") }
            accounts.accounts.removeAll { $0.name == name }
            try AccountsCommand.write(accounts)
            print("\(file.accounts): removed \(name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts (names and roles, never hashes).")
        @OptionGroup var file: FileOption

        func run() async throws {
            for account in try file.read().accounts {
                let phone = account.staffNumber.map { "\tstaff number \($0)" } ?? ""
                print("\(account.name)\t\(account.role.rawValue)\(account.advocate.map { "\t\($0)" } ?? "")\(phone)")
            }
        }
    }
}
