import ArgumentParser
import Foundation
import StaffConsole

extension AccountsCommand {
    /// `hotline accounts phone NAME --number N`: the staff number and PIN an advocate keys in on
    /// their desk phone to log in, pause and log out (deploy/asterisk's staff line).
    struct Phone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an advocate account a staff number and PIN for the desk-phone staff line (asks for the PIN).",
            discussion: "The PIN is stored only as a bcrypt hash. --remove takes the staff line away from the account."
        )
        @Argument(help: "The advocate account.") var name: String
        @Option(name: .long, help: "The staff number, 3 to 8 digits, unique among the accounts.") var number: String?
        @Flag(name: .long, help: "Read the PIN from the first line of standard input (for scripts), instead of asking twice on the terminal.")
        var pinStdin = false
        @Flag(name: .long, help: "Remove the account's staff number and PIN.") var remove = false
        @OptionGroup var file: AccountsCommand.FileOption

        func run() async throws {
            var accounts = try file.read()
            guard let index = accounts.accounts.firstIndex(where: { $0.name == name }) else {
                throw ValidationError("no account '\(name)' in \(file.accounts); `hotline accounts list` shows them")
            }
            if remove {
                accounts.accounts[index].staffNumber = nil
                accounts.accounts[index].pinHash = nil
                try AccountsCommand.write(accounts)
                print("\(file.accounts): \(name) has no staff number any more")
                return
            }
            guard accounts.accounts[index].role == .advocate else {
                throw ValidationError("'\(name)' is a \(accounts.accounts[index].role.rawValue): only advocates work a shift from the desk phone")
            }
            guard let number else { throw ValidationError("give --number N, the staff number \(name) keys in (or --remove)") }
            guard StaffAccount.isValidStaffNumber(number) else { throw ValidationError("--number '\(number)': a staff number is 3 to 8 digits") }
            if let other = accounts.account(staffNumber: number), other.name != name {
                throw ValidationError("staff number \(number) is \(other.name)'s; choose another")
            }
            let pin = try readPIN()
            accounts.accounts[index].staffNumber = number
            accounts.accounts[index].pinHash = await PasswordHash.make(pin)
            try AccountsCommand.write(accounts)
            print("\(file.accounts): \(name) signs in on the staff line with staff number \(number) and their PIN")
        }

        func readPIN() throws -> String {
            let pin = try SecretInput.read(fromStandardInput: pinStdin, called: "PIN", flag: "--pin-stdin")
            guard StaffAccount.isValidPIN(pin) else { throw ValidationError("a PIN is 6 to 8 digits (a desk phone has no letters); nothing was changed") }
            return pin
        }
    }
}
