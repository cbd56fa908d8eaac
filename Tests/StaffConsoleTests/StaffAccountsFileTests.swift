import Foundation
import StaffConsole
import Testing

/// The accounts file: what `hotline accounts` writes reads back, and a hand edit that breaks it
/// points at its line.
struct StaffAccountsFileTests {
    static let hash = "$2b$04$" + String(repeating: "a", count: 53)

    @Test func whatIsWrittenReadsBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("accounts-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = StaffAccountsFile(path: path, accounts: [StaffAccount(name: "admin", role: .administrator, passwordHash: Self.hash),
                                                            StaffAccount(name: "maria", role: .advocate, advocate: "ana \"x\"", passwordHash: Self.hash)])
        try file.write()
        let read = try StaffAccountsFile.read(path)
        #expect(read.accounts == file.accounts)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test(arguments: [
        ("accounts:\n  - {name: a b, role: advocate, advocate: x, password: \"\(hash)\"}\n", "2:", "'name'"),
        ("accounts:\n  - {name: ann, role: boss, password: \"\(hash)\"}\n", "2:", "advocate, supervisor or administrator"),
        ("accounts:\n  - {name: ann, role: advocate, password: \"\(hash)\"}\n", "2:", "needs 'advocate'"),
        ("accounts:\n  - {name: ann, role: supervisor, password: secret}\n", "2:", "bcrypt"),
        ("accounts:\n  - {name: ann, role: supervisor, password: \"\(hash)\"}\n  - {name: ann, role: supervisor, password: \"\(hash)\"}\n", "3:", "listed twice"),
        ("accounts:\n  - {name: ann, role: supervisor, pasword: x}\n", "2:", "unknown field 'pasword'"),
        ("users: []\n", "1:", "unknown field 'users'"),
    ])
    func aBrokenFilePointsAtTheLine(text: String, line: String, message: String) {
        #expect(throws: StaffAccountsFile.Problem.self) { try StaffAccountsFile.parse(text, path: "accounts.yaml") }
        do {
            _ = try StaffAccountsFile.parse(text, path: "accounts.yaml")
        } catch {
            #expect(error.description.hasPrefix("accounts.yaml:\(line)"), "\(error.description)")
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func passwordsAreCheckedAgainstTheirHash() async {
        let hash = await PasswordHash.make("correct horse battery", cost: 4)
        #expect(PasswordHash.looksLikeBcrypt(hash))
        #expect(await PasswordHash.verify("correct horse battery", against: hash))
        #expect(!(await PasswordHash.verify("correct horse batterz", against: hash)))
        #expect(!(await PasswordHash.verify("anything", against: "not a hash")))
    }
}
