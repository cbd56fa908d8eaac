import Foundation

/// The admin API's bearer token and where it came from. A token must be hard to guess: at least
/// 32 characters and not the placeholder the examples ship with.
public struct AdminToken: Sendable, Equatable {
    public static let minimumLength = 32
    /// What the shipped unit and examples put where the real token goes.
    public static let placeholders = ["CHANGE-ME", "CHANGEME", "change-me"]
    /// The file name under systemd's `$CREDENTIALS_DIRECTORY` (`LoadCredential=admin-token:…`).
    public static let credentialName = "admin-token"

    public let value: String
    /// Said in errors: "--admin-token-file /etc/…", "$HOTLINE_ADMIN_TOKEN", …
    public let source: String

    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// Checks a token: the whitespace around it (a file's last newline) is not part of it.
    public init(_ text: String, source: String) throws {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let advice = "make one with `openssl rand -hex 24 > FILE` (48 characters) and give serve --admin-token-file FILE"
        if Self.placeholders.contains(where: { value.localizedCaseInsensitiveContains($0) }) {
            throw Refusal(description: "admin token from \(source) is the placeholder '\(value)': anyone who read the example can use the API; \(advice)")
        }
        guard value.count >= Self.minimumLength else {
            throw Refusal(description: "admin token from \(source) has \(value.count) characters, fewer than \(Self.minimumLength): it can be guessed; \(advice)")
        }
        guard value.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
            throw Refusal(description: "admin token from \(source) has spaces or characters outside ASCII: it cannot travel in an Authorization header; \(advice)")
        }
        self.value = value
        self.source = source
    }

    /// The token serve uses, first found of: `--admin-token-file`, systemd's credential
    /// `admin-token` (`LoadCredential=`), `--admin-token`, `$HOTLINE_ADMIN_TOKEN`. Nil when none
    /// is given (the API then refuses everything); throws when one is given and unusable.
    public static func find(file: String?, option: String?, environment: [String: String]) throws -> AdminToken? {
        if let file {
            return try AdminToken(read(file, what: "--admin-token-file"), source: "--admin-token-file \(file)")
        }
        if let folder = environment["CREDENTIALS_DIRECTORY"], !folder.isEmpty {
            let path = (folder as NSString).appendingPathComponent(credentialName)
            if FileManager.default.fileExists(atPath: path) {
                return try AdminToken(read(path, what: "systemd credential"), source: "systemd credential \(credentialName) (\(path))")
            }
        }
        if let option { return try AdminToken(option, source: "--admin-token") }
        if let variable = environment["HOTLINE_ADMIN_TOKEN"], !variable.isEmpty {
            return try AdminToken(variable, source: "$HOTLINE_ADMIN_TOKEN")
        }
        return nil
    }

    static func read(_ path: String, what: String) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw Refusal(description: "\(what) \(path): no such file; write the token there (`openssl rand -hex 24 > \(path)`, readable by the controller's user only)")
        }
        guard (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular else {
            throw Refusal(description: "\(what) \(path): not a regular file; write the token into a plain file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Refusal(description: "\(what) \(path): cannot be read by this user; `chown` it to the controller's user and `chmod 600` it")
        }
        guard data.count <= 4096, let text = String(data: data, encoding: .utf8) else {
            throw Refusal(description: "\(what) \(path): not a token (a token is one line of text, e.g. `openssl rand -hex 24`)")
        }
        return text
    }
}
