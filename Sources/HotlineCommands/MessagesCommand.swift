import ArgumentParser
import CallLog
import Foundation
import MessageVault
import StaffConsole

/// `hotline messages`: the messages callers left, sealed. List them (nothing about the caller),
/// open one with the private key, mark it followed up, purge what is kept too long. Every action
/// goes to the audit log, without content.
struct MessagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages",
        abstract: "List, open, mark done and purge the sealed messages callers left.",
        subcommands: [List.self, Open.self, Done.self, Purge.self]
    )

    struct Where: ParsableArguments {
        @Option(name: .long, help: "The call-log database (serve --database), which keeps the messages' metadata.")
        var database: String = "var/calllog.sqlite"
        @Option(name: .long, help: "The sealed messages' folder (serve --messages).")
        var messages: String = "var/messages"
        @Option(name: .long, help: "The audit log every action is written to (serve --audit-log).")
        var auditLog: String = "var/audit.log"

        var store: MessageStore { MessageStore(folder: messages) }

        func open() throws -> CallLogDatabase {
            guard FileManager.default.fileExists(atPath: database) else {
                throw ValidationError("--database '\(database)': no call log there (serve writes it; give the one serve uses)")
            }
            do { return try CallLogDatabase(path: database) } catch { throw ValidationError("\(error)") }
        }

        /// Records what this command did: the operating-system user, the action, never content.
        func audit(_ action: String, _ result: String) {
            let log = try? StaffAuditLog(path: auditLog)
            log?.record(account: "cli:\(Self.user)", action: action, result: result)
        }

        static var user: String {
            guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid\(getuid())" }
            return String(cString: name)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every message: id, the hour it was left, language, campaign, length, state. Nothing about the caller.")
        @OptionGroup var place: Where

        func run() async throws {
            let database = try place.open()
            let messages = try await database.messages()
            let sealed = Set(place.store.ids())
            print("id\thour\tlanguage\tcampaign\tseconds\tstate")
            for m in messages {
                let missing = sealed.contains(m.id) ? "" : "\t(sealed file missing from \(place.messages))"
                print("\(m.id)\t\(MessageRecord.hourText(m.hour))\t\(m.language)\t\(m.campaign)\t\(m.seconds)\t\(m.state.rawValue)\(missing)")
            }
            let orphans = sealed.subtracting(messages.map(\.id))
            if !orphans.isEmpty { print("\(orphans.count) sealed files in \(place.messages) have no row in \(place.database) (another call log?)") }
            place.audit("message-list", "\(messages.count) messages")
        }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a message with the private key: the original WAV, to a file or standard output.")
        @Argument(help: "The message's id (messages list), or the path of a .sealed file (downloaded from the console).") var message: String
        @Option(name: .long, help: "The private key (hotline keys generate).") var key: String
        @Option(name: .long, help: "Where to write the WAV (never overwritten), or - for standard output.") var out: String
        @Flag(name: .long, help: "Read the passphrase from the first line of standard input.") var passphraseStdin = false
        @OptionGroup var place: Where

        func run() async throws {
            let sealed: [UInt8], id: String
            if MessageRecord.isValidID(message) {
                do { sealed = try place.store.read(message) } catch { throw ValidationError(error.description) }
                id = message
            } else {
                guard let data = FileManager.default.contents(atPath: message) else {
                    throw ValidationError("'\(message)' is neither a message id (32 hex digits, from messages list) nor a readable .sealed file")
                }
                sealed = Array(data)
                id = ((message as NSString).lastPathComponent as NSString).deletingPathExtension
            }
            guard let pem = try? String(contentsOfFile: key, encoding: .utf8) else { throw ValidationError("--key \(key): cannot read it") }
            let passphrase = try SecretInput.read(fromStandardInput: passphraseStdin, called: "passphrase", flag: "--passphrase-stdin", confirm: false)
            let wav: [UInt8]
            do {
                wav = try SealedMessage.open(sealed, with: try MessageKey.privateKey(pem: pem, passphrase: passphrase))
            } catch {
                place.audit("message-open", "\(id): refused")
                throw ValidationError("\(id): \(error)")
            }
            if out == "-" {
                FileHandle.standardOutput.write(Data(wav))
            } else {
                try NewFile.create(out, wav, mode: 0o600)
                FileHandle.standardError.write(Data("\(out): message \(id), \(wav.count) bytes\n".utf8))
            }
            place.audit("message-open", id)
        }
    }

    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a message followed up (purge deletes it after --done-days).")
        @Argument(help: "The message's id.") var id: String
        @OptionGroup var place: Where

        func run() async throws {
            guard MessageRecord.isValidID(id) else { throw ValidationError("'\(id)' is not a message id (32 hex digits, from messages list)") }
            guard try await place.open().markMessageDone(id: id, at: Date()) else { throw ValidationError("no message \(id) in \(place.database)") }
            place.audit("message-done", id)
            print("\(id): followed up")
        }
    }
}
