import COpenSSL
import Foundation

/// The sealed-message format, version 1 (docs/messages.md): an ephemeral X25519 key agreed with
/// the hotline's public key, HKDF-SHA256 to an AES-256-GCM key, the whole header authenticated.
///
///     offset  size  field
///          0     6  magic "HLMSG\0"
///          6     1  version: 1
///          7     1  suite: 1 = X25519, HKDF-SHA256, AES-256-GCM
///          8     8  key id: the first 8 bytes of SHA-256 over the recipient's public key
///         16    32  the sender's ephemeral X25519 public key
///         48    12  GCM nonce (random)
///         60     n  ciphertext (as long as the recording)
///       60+n    16  GCM tag
///
/// AES key = HKDF-SHA256(ikm: X25519(ephemeral, recipient), salt: ephemeral public ‖ recipient
/// public, info: "hotline sealed message v1", 32 bytes); the 60 header bytes are the GCM's
/// additional data, so a changed byte anywhere is refused.
public enum SealedMessage {
    public static let magic: [UInt8] = Array("HLMSG".utf8) + [0]
    public static let version: UInt8 = 1
    public static let suite: UInt8 = 1
    public static let headerLength = 60
    public static let tagLength = 16
    /// The longest recording sealed (a plan records at most a few minutes of 8 kHz audio).
    public static let maximumBytes = 256 << 20
    static let info = Array("hotline sealed message v1".utf8)

    public static func seal(_ plaintext: [UInt8], for recipient: MessageKey) throws(OpenSSLFailure) -> [UInt8] {
        guard plaintext.count <= maximumBytes else { throw OpenSSLFailure("the recording is larger than \(maximumBytes >> 20) MiB") }
        let ephemeral = try MessageKey.generate()
        let nonce = try random(12)
        let key = try derive(ephemeral, peer: recipient, salt: ephemeral.publicBytes + recipient.publicBytes)
        let header = magic + [version, suite] + recipient.keyID + ephemeral.publicBytes + nonce
        let (ciphertext, tag) = try gcm(encrypt: true, key: key, nonce: nonce, aad: header, input: plaintext, tag: nil)
        return header + ciphertext + tag
    }

    /// The recording back, or why not: not a sealed message, another key's, altered or damaged.
    public static func open(_ sealed: [UInt8], with key: MessageKey) throws(OpenSSLFailure) -> [UInt8] {
        guard key.isPrivate else { throw OpenSSLFailure("opening needs the private key") }
        guard sealed.count >= headerLength + tagLength, Array(sealed[0..<6]) == magic else {
            throw OpenSSLFailure("not a sealed hotline message (no HLMSG header)")
        }
        guard sealed[6] == version, sealed[7] == suite else {
            throw OpenSSLFailure("sealed in format \(sealed[6]), suite \(sealed[7]); this controller reads format 1, suite 1: open it with the release that sealed it")
        }
        let keyID = Array(sealed[8..<16])
        guard keyID == key.keyID else {
            throw OpenSSLFailure("sealed for key \(keyID.map { String(format: "%02x", $0) }.joined()), not for this key (\(key.keyIDText)): use the private key whose public half the controller had")
        }
        let ephemeralBytes = Array(sealed[16..<48]), nonce = Array(sealed[48..<60])
        guard let peer = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nil, ephemeralBytes, 32) else { throw OpenSSLFailure("the sealed message's ephemeral key is unreadable") }
        let ephemeral = MessageKey(owning: peer, isPrivate: false)
        let aesKey = try derive(key, peer: ephemeral, salt: ephemeralBytes + key.publicBytes)
        let body = Array(sealed[headerLength..<(sealed.count - tagLength)]), tag = Array(sealed.suffix(tagLength))
        return try gcm(encrypt: false, key: aesKey, nonce: nonce, aad: Array(sealed.prefix(headerLength)), input: body, tag: tag).output
    }

    static func random(_ count: Int) throws(OpenSSLFailure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw OpenSSLFailure("OpenSSL's random generator failed") }
        return bytes
    }

    /// X25519 between `own` (private) and `peer`, then HKDF-SHA256 to 32 bytes.
    static func derive(_ own: MessageKey, peer: MessageKey, salt: [UInt8]) throws(OpenSSLFailure) -> [UInt8] {
        OpenSSLFailure.clear()
        guard let agreement = EVP_PKEY_CTX_new(own.key, nil) else { throw OpenSSLFailure("cannot start the key agreement") }
        defer { EVP_PKEY_CTX_free(agreement) }
        var secret = [UInt8](repeating: 0, count: 32)
        var secretLength = 32
        guard EVP_PKEY_derive_init(agreement) == 1, EVP_PKEY_derive_set_peer(agreement, peer.key) == 1,
              EVP_PKEY_derive(agreement, &secret, &secretLength) == 1, secretLength == 32 else {
            throw OpenSSLFailure("the X25519 key agreement failed")
        }
        defer { secret.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
        guard let hkdf = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nil) else { throw OpenSSLFailure("cannot start HKDF") }
        defer { EVP_PKEY_CTX_free(hkdf) }
        var key = [UInt8](repeating: 0, count: 32)
        var keyLength = 32
        guard EVP_PKEY_derive_init(hkdf) == 1, EVP_PKEY_CTX_set_hkdf_md(hkdf, EVP_sha256()) == 1,
              EVP_PKEY_CTX_set1_hkdf_salt(hkdf, salt, Int32(salt.count)) == 1,
              EVP_PKEY_CTX_set1_hkdf_key(hkdf, secret, Int32(secret.count)) == 1,
              EVP_PKEY_CTX_add1_hkdf_info(hkdf, info, Int32(info.count)) == 1,
              EVP_PKEY_derive(hkdf, &key, &keyLength) == 1, keyLength == 32 else {
            throw OpenSSLFailure("HKDF-SHA256 failed")
        }
        return key
    }

    /// AES-256-GCM one way or the other; decrypting checks `tag` and refuses a mismatch.
    static func gcm(encrypt: Bool, key: [UInt8], nonce: [UInt8], aad: [UInt8], input: [UInt8], tag: [UInt8]?) throws(OpenSSLFailure) -> (output: [UInt8], tag: [UInt8]) {
        OpenSSLFailure.clear()
        guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSLFailure("cannot start AES-256-GCM") }
        defer { EVP_CIPHER_CTX_free(context) }
        let initialise = encrypt ? EVP_EncryptInit_ex : EVP_DecryptInit_ex
        let update = encrypt ? EVP_EncryptUpdate : EVP_DecryptUpdate
        guard initialise(context, EVP_aes_256_gcm(), nil, nil, nil) == 1, hotline_gcm_set_iv_length(context, Int32(nonce.count)) == 1,
              initialise(context, nil, nil, key, nonce) == 1 else { throw OpenSSLFailure("cannot key AES-256-GCM") }
        var length: Int32 = 0
        guard update(context, nil, &length, aad, Int32(aad.count)) == 1 else { throw OpenSSLFailure("AES-256-GCM refused the header") }
        var output = [UInt8](repeating: 0, count: input.count + 16)
        guard input.isEmpty || update(context, &output, &length, input, Int32(input.count)) == 1 else { throw OpenSSLFailure("AES-256-GCM failed") }
        var written = Int(input.isEmpty ? 0 : length)
        var outTag = [UInt8](repeating: 0, count: tagLength)
        if encrypt {
            var final: Int32 = 0
            guard output.withUnsafeMutableBufferPointer({ EVP_EncryptFinal_ex(context, $0.baseAddress! + written, &final) }) == 1,
                  hotline_gcm_get_tag(context, Int32(tagLength), &outTag) == 1 else { throw OpenSSLFailure("AES-256-GCM could not finish") }
            written += Int(final)
        } else {
            var expected = tag ?? []
            guard hotline_gcm_set_tag(context, Int32(tagLength), &expected) == 1 else { throw OpenSSLFailure("AES-256-GCM refused the tag") }
            var final: Int32 = 0
            guard output.withUnsafeMutableBufferPointer({ EVP_DecryptFinal_ex(context, $0.baseAddress! + written, &final) }) == 1 else {
                throw OpenSSLFailure("the message was altered or damaged: its authentication tag does not match (nothing of it is returned)")
            }
            written += Int(final)
        }
        return (Array(output.prefix(written)), outTag)
    }
}
