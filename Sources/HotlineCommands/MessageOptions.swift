import ArgumentParser
import CallLog
import Foundation
import Logging
import MessageVault

/// `serve`'s options for the messages callers leave: the public key to seal them for, where the
/// sealed files go, and where this host sees the PBX's recordings folder.
struct MessageOptions: ParsableArguments {
    @Option(name: .long, help: "The hotline's public message key (PEM, from `hotline keys generate`): every message a caller leaves is sealed for it and its plaintext removed. Without it messages stay as the PBX wrote them.")
    var messageKey: String?

    @Option(name: .long, help: "Where sealed messages are kept.")
    var messages: String = "var/messages"

    @Option(name: .long, help: "The PBX's recordings folder as this host sees it (a shared mount), when not at the --recordings path.")
    var recordingsLocal: String?

    /// The sealer, or nil without a key (said once at the start). Refuses to start with a key it
    /// cannot read or a recordings folder it cannot read and clear.
    func sealer(database: CallLogDatabase, recordings: String, logger: Logger) throws -> MessageSealer? {
        guard let messageKey else {
            logger.warning("no --message-key: messages callers leave stay in clear in \(recordings) on the PBX; make a key pair with `hotline keys generate` on the machine that follows messages up and give serve its public half")
            return nil
        }
        let key: MessageKey
        do {
            guard let text = try? String(contentsOfFile: messageKey, encoding: .utf8) else {
                throw OpenSSLFailure("cannot read the file")
            }
            key = try MessageKey.publicKey(pem: text)
        } catch {
            print("--message-key \(messageKey): \(error); give the public key `hotline keys generate` wrote (-----BEGIN PUBLIC KEY-----)")
            throw ExitCode(1)
        }
        let local = recordingsLocal ?? recordings
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: local, isDirectory: &isFolder), isFolder.boolValue, access(local, R_OK | W_OK | X_OK) == 0 else {
            print("\(local): the recordings folder is missing or this user cannot read and clear it; messages are sealed here as soon as the PBX writes them. Run the controller on the PBX host (or mount the PBX's folder here and give --recordings-local), and let the controller's user read and write it (the PBX's group, mode 2770)")
            throw ExitCode(1)
        }
        logger.info("messages are sealed for key \(key.keyIDText) into \(messages)", metadata: ["recordings": "\(local)"])
        return MessageSealer(key: key, store: MessageStore(folder: messages), database: database,
                             settings: MessageSealer.Settings(pbxFolder: recordings, localFolder: local), logger: logger)
    }
}
