import ArgumentParser
import Foundation
import MessageVault

/// `hotline keys generate`: the hotline's message key pair. Run it on the machine of whoever
/// follows messages up; only the public half goes to the controller.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make the key pair messages callers leave are sealed for.",
        subcommands: [Generate.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an X25519 key pair: the private half a PEM encrypted under a passphrase (asked twice), the public half for serve --message-key.",
            discussion: "Keep the private key and its passphrase off the controller and the PBX: a seized controller then yields no message. `openssl pkey -in PRIVATE` reads it."
        )
        @Option(name: .long, help: "Where to write the private key (mode 0600; never overwritten).") var `private`: String = "hotline-messages.key"
        @Option(name: .long, help: "Where to write the public key.") var `public`: String = "hotline-messages.pub"
        @Flag(name: .long, help: "Read the passphrase from the first line of standard input (for scripts).") var passphraseStdin = false

        static let minimumPassphrase = 12

        func run() throws {
            for path in [`private`, `public`] where FileManager.default.fileExists(atPath: path) {
                throw ValidationError("\(path) exists; a key is never overwritten (messages sealed for it could not be opened any more): choose another name or move it away")
            }
            let passphrase = try SecretInput.read(fromStandardInput: passphraseStdin, called: "passphrase", flag: "--passphrase-stdin")
            guard passphrase.count >= Self.minimumPassphrase else {
                throw ValidationError("the passphrase has \(passphrase.count) characters; give at least \(Self.minimumPassphrase) (a few unrelated words)")
            }
            do {
                let key = try MessageKey.generate()
                try NewFile.create(`private`, Array(try key.encryptedPrivatePEM(passphrase: passphrase).utf8), mode: 0o600)
                try NewFile.create(`public`, Array(try key.publicPEM().utf8), mode: 0o644)
                print("\(`private`): the private key (key id \(key.keyIDText)), encrypted under your passphrase: keep it and the passphrase safe, off the controller")
                print("\(`public`): the public key: give it to serve --message-key")
            } catch let failure as OpenSSLFailure {
                throw ValidationError(failure.description)
            }
        }
    }
}
