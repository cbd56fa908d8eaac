import Foundation
import Yams

/// `accounts.yaml`: who may sign in to the console. An administrator edits it with `hotline
/// accounts add|passwd|remove` (or by hand: every problem points at its line); it holds bcrypt
/// hashes only, and is written with mode 0600 through a temporary file and a rename.
public struct StaffAccountsFile: Sendable {
    public var path: String
    public var accounts: [StaffAccount]

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public init(path: String, accounts: [StaffAccount] = []) {
        self.path = path
        self.accounts = accounts
    }

    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Reads the file; every problem is a `file:line:column: error: …` line.
    public static func read(_ path: String) throws(Problem) -> StaffAccountsFile {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard data.count <= 1 << 20 else { throw Problem(description: "\(path):1:1: error: the accounts file is larger than 1 MiB") }
            guard let string = String(data: data, encoding: .utf8) else { throw Problem(description: "\(path):1:1: error: the accounts file is not UTF-8 text") }
            text = string
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(description: "\(path): error: cannot read the accounts file (\(error.localizedDescription)); create it with `hotline accounts add NAME --role administrator --accounts \(path)`")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(Problem) -> StaffAccountsFile {
        func at(_ node: Node?, _ message: String) -> Problem {
            let line = node?.mark?.line ?? 1, column = node?.mark?.column ?? 1
            return Problem(description: "\(path):\(line):\(column): error: \(message)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw Problem(description: "\(path):1:1: error: not readable as YAML (\(error)); `hotline accounts` writes it for you")
        }
        guard let root else { return StaffAccountsFile(path: path) }
        guard let top = root.mapping else { throw at(root, "the accounts file is a mapping with 'accounts: [{name, role, password}]'") }
        for key in top.keys where key.string != "accounts" {
            throw at(key, "unknown field '\(key.string ?? "?")'; the file has only 'accounts'")
        }
        guard let list = top["accounts"] else { return StaffAccountsFile(path: path) }
        guard let items = list.sequence else { throw at(list, "'accounts' is a list of {name, role, password}") }
        var accounts: [StaffAccount] = [], seen: [String: Int] = [:], numbers: [String: String] = [:]
        for item in items {
            guard let fields = item.mapping else { throw at(item, "an account is a mapping: {name: maria, role: advocate, advocate: ana, password: \"$2b$12$…\"}") }
            for key in fields.keys where !["name", "role", "advocate", "password", "staff_number", "pin"].contains(key.string ?? "") {
                throw at(key, "unknown field '\(key.string ?? "?")' in an account; use name, role, advocate, password, staff_number, pin")
            }
            guard let name = fields["name"]?.string, StaffAccount.isValidName(name) else {
                throw at(fields["name"] ?? item, "an account needs a 'name' of letters, digits, '.', '_' or '-' (at most 64)")
            }
            if let first = seen[name] { throw at(fields["name"], "account '\(name)' is listed twice (first at line \(first))") }
            seen[name] = fields["name"]?.mark?.line ?? 0
            guard let roleText = fields["role"]?.string, let role = StaffRole(rawValue: roleText) else {
                throw at(fields["role"] ?? item, "account '\(name)' needs a 'role': advocate, supervisor or administrator")
            }
            let advocate = fields["advocate"]?.string
            if role == .advocate, advocate?.isEmpty ?? true {
                throw at(item, "advocate account '\(name)' needs 'advocate': the roster id of the advocate they work as")
            }
            guard let hash = fields["password"]?.string, PasswordHash.looksLikeBcrypt(hash) else {
                throw at(fields["password"] ?? item, "account '\(name)' has no bcrypt password hash; set one with `hotline accounts passwd \(name)`")
            }
            let number = fields["staff_number"], pin = fields["pin"]
            if let number {
                guard role == .advocate else { throw at(number, "only advocate accounts have a staff number (the staff line changes an advocate's own shift)") }
                guard let text = number.string, StaffAccount.isValidStaffNumber(text) else {
                    throw at(number, "account '\(name)': 'staff_number' is 3 to 8 digits, in quotes (\"4107\")")
                }
                if let other = numbers[text] { throw at(number, "staff number \(text) belongs to account '\(other)' too; each number is one person's") }
                numbers[text] = name
                guard let pinHash = pin?.string, PasswordHash.looksLikeBcrypt(pinHash) else {
                    throw at(pin ?? number, "account '\(name)' has a staff number but no bcrypt PIN hash; set both with `hotline accounts phone \(name) --number \(text)`")
                }
            } else if let pin {
                throw at(pin, "account '\(name)' has a 'pin' but no 'staff_number'; set both with `hotline accounts phone \(name) --number N`")
            }
            accounts.append(StaffAccount(name: name, role: role, advocate: role == .advocate ? advocate : nil, passwordHash: hash,
                                         staffNumber: number?.string, pinHash: number == nil ? nil : pin?.string))
        }
        return StaffAccountsFile(path: path, accounts: accounts)
    }

    public func account(named name: String) -> StaffAccount? { accounts.first { $0.name == name } }

    /// The advocate whose desk-phone staff number this is.
    public func account(staffNumber: String) -> StaffAccount? { accounts.first { $0.staffNumber == staffNumber } }

    /// The file's text: a comment saying how to edit it, then the accounts.
    public var text: String {
        var out = "# Staff who may sign in to the hotline console. Passwords are bcrypt hashes only.\n"
        out += "# Edit with: hotline accounts add|passwd|remove|list --accounts \(path)\n"
        out += "accounts:\n"
        for account in accounts {
            out += "  - name: \(account.name)\n    role: \(account.role.rawValue)\n"
            if let advocate = account.advocate { out += "    advocate: \(Self.quoted(advocate))\n" }
            out += "    password: \"\(account.passwordHash)\"\n"
            if let number = account.staffNumber, let pin = account.pinHash {
                out += "    staff_number: \"\(number)\"\n    pin: \"\(pin)\"\n"
            }
        }
        return out
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Writes through a temporary file in the same folder (mode 0600) and a rename, so a reader
    /// never sees half a file and nobody else can read the hashes.
    public func write() throws(Problem) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            guard rename(temporary.path, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Problem(description: "\(path): error: cannot write the accounts file (\(error.localizedDescription)); check that its folder is writable")
        }
    }
}
