import ArgumentParser
import Foundation

/// A password, PIN or passphrase: the first line of standard input (for scripts), or asked
/// twice on the terminal without echo.
enum SecretInput {
    static func read(fromStandardInput: Bool, called name: String, flag: String, confirm: Bool = true) throws -> String {
        if fromStandardInput { return readLine(strippingNewline: true) ?? "" }
        guard isatty(STDIN_FILENO) == 1 else { throw ValidationError("standard input is not a terminal: give \(flag) and the \(name) on its first line") }
        let label = name.prefix(1).uppercased() + name.dropFirst()
        let first = String(cString: getpass("\(label): "))
        guard confirm else { return first }
        let second = String(cString: getpass("Again: "))
        guard first == second else { throw ValidationError("the two \(name)s differ; nothing was changed") }
        return first
    }
}
