import COpenSSL
import Foundation

/// The hotline's message key: an X25519 key pair. The controller holds only the public half (it
/// seals); the private half, a PKCS#8 PEM encrypted under a passphrase (AES-256-CBC, readable
/// by `openssl pkey`), stays on the machine of whoever follows messages up.
public final class MessageKey: @unchecked Sendable {
    /// An `EVP_PKEY *`, owned; immutable once made, which OpenSSL allows to share across threads.
    let key: OpaquePointer
    /// Whether the private half is here.
    public let isPrivate: Bool

    init(owning key: OpaquePointer, isPrivate: Bool) {
        self.key = key
        self.isPrivate = isPrivate
    }

    deinit { EVP_PKEY_free(key) }

    /// A new key pair from OpenSSL's random generator.
    public static func generate() throws(OpenSSLFailure) -> MessageKey {
        OpenSSLFailure.clear()
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_X25519, nil) else { throw OpenSSLFailure("cannot start making an X25519 key") }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_keygen(context, &key) == 1, let key else { throw OpenSSLFailure("cannot make an X25519 key") }
        return MessageKey(owning: key, isPrivate: true)
    }

    /// A public key PEM (`-----BEGIN PUBLIC KEY-----`, as `hotline keys generate` writes it).
    public static func publicKey(pem: String) throws(OpenSSLFailure) -> MessageKey {
        OpenSSLFailure.clear()
        let key = withBIO(pem) { PEM_read_bio_PUBKEY($0, nil, nil, nil) }
        guard let key else { throw OpenSSLFailure("not a public key PEM") }
        return try checked(MessageKey(owning: key, isPrivate: false))
    }

    /// The private key PEM, decrypted with `passphrase`. A wrong passphrase is OpenSSL's "bad decrypt".
    public static func privateKey(pem: String, passphrase: String) throws(OpenSSLFailure) -> MessageKey {
        OpenSSLFailure.clear()
        var secret = Array(passphrase.utf8CString)
        defer { secret.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
        let key = secret.withUnsafeMutableBufferPointer { pass in
            withBIO(pem) { PEM_read_bio_PrivateKey($0, nil, nil, pass.baseAddress) }
        }
        guard let key else { throw OpenSSLFailure("cannot read the private key: a wrong passphrase, or not the hotline's private key PEM") }
        return try checked(MessageKey(owning: key, isPrivate: true))
    }

    static func checked(_ key: MessageKey) throws(OpenSSLFailure) -> MessageKey {
        guard EVP_PKEY_get_id(key.key) == EVP_PKEY_X25519 else { throw OpenSSLFailure("the key is not an X25519 key (hotline keys generate makes one)") }
        return key
    }

    static func withBIO<T>(_ text: String, _ body: (OpaquePointer) -> T?) -> T? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw -> T? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return body(bio)
        }
    }

    /// The 32 bytes of the public half.
    public var publicBytes: [UInt8] {
        var length = 32
        var bytes = [UInt8](repeating: 0, count: 32)
        _ = EVP_PKEY_get_raw_public_key(key, &bytes, &length)
        return Array(bytes.prefix(length))
    }

    /// Eight bytes of SHA-256 over the public half: which key a message was sealed for.
    public var keyID: [UInt8] { Array(Self.sha256(publicBytes).prefix(8)) }

    public var keyIDText: String { keyID.map { String(format: "%02x", $0) }.joined() }

    static func sha256(_ data: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 32
        _ = EVP_Digest(data, data.count, &digest, &length, EVP_sha256(), nil)
        return digest
    }

    /// `-----BEGIN PUBLIC KEY-----` …
    public func publicPEM() throws(OpenSSLFailure) -> String {
        OpenSSLFailure.clear()
        return try Self.writing("cannot write the public key") { PEM_write_bio_PUBKEY($0, key) }
    }

    /// `-----BEGIN ENCRYPTED PRIVATE KEY-----` … under `passphrase` (PKCS#8, AES-256-CBC).
    public func encryptedPrivatePEM(passphrase: String) throws(OpenSSLFailure) -> String {
        guard isPrivate else { throw OpenSSLFailure("this is the public key only") }
        OpenSSLFailure.clear()
        var secret = Array(passphrase.utf8)
        defer { secret.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
        return try Self.writing("cannot write the private key") { bio in
            secret.withUnsafeMutableBufferPointer { pass in
                pass.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pass.count) {
                    PEM_write_bio_PKCS8PrivateKey(bio, key, EVP_aes_256_cbc(), $0, Int32(pass.count), nil, nil)
                }
            }
        }
    }

    static func writing(_ what: String, _ body: (OpaquePointer) -> Int32) throws(OpenSSLFailure) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw OpenSSLFailure(what) }
        defer { BIO_free(bio) }
        guard body(bio) == 1 else { throw OpenSSLFailure(what) }
        var data: UnsafeMutablePointer<CChar>?
        let length = hotline_bio_mem_data(bio, &data)
        guard let data, length > 0 else { throw OpenSSLFailure(what) }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }
}
