import CallEngine

/// Where the messages callers leave go once the PBX has written them: the sealer
/// (`MessageVault`), which seals each for the hotline's public key and removes the plaintext.
public protocol MessageSink: Sendable {
    func recorded(_ recording: MessageRecording)
}
