import Foundation
import MessageVault
import TestSupport
import Testing

/// Issue 15: the sealed-message format through the system's libcrypto. The exact bytes come
/// back; a changed byte, another key and a wrong passphrase are refused, with OpenSSL's reason
/// where it gives one; the private key PEM is one `openssl pkey` reads.
struct SealedMessageTests {
    static let recording: [UInt8] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<48_044).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }()

    @Test func aSealedRecordingOpensToTheExactBytes() throws {
        let key = try MessageKey.generate()
        let sealed = try SealedMessage.seal(Self.recording, for: key)
        #expect(sealed.count == Self.recording.count + SealedMessage.headerLength + SealedMessage.tagLength)
        #expect(Array(sealed.prefix(6)) == Array("HLMSG".utf8) + [0] && sealed[6] == 1 && sealed[7] == 1)
        #expect(Array(sealed[8..<16]) == key.keyID)
        #expect(try SealedMessage.open(sealed, with: key) == Self.recording)
        // Two seals of the same recording share nothing but the header's constants.
        let again = try SealedMessage.seal(Self.recording, for: key)
        #expect(again[16..<60] != sealed[16..<60] && again[60...] != sealed[60...])
        #expect(try SealedMessage.open(try SealedMessage.seal([], for: key), with: key) == [])
    }

    @Test func aChangedByteAnywhereIsRefused() throws {
        let key = try MessageKey.generate()
        let sealed = try SealedMessage.seal(Array(Self.recording.prefix(4000)), for: key)
        for offset in [7, 20, 50, 60, 1000, sealed.count - 1] {
            var altered = sealed
            altered[offset] ^= 0x01
            #expect(throws: OpenSSLFailure.self, "byte \(offset)") { try SealedMessage.open(altered, with: key) }
        }
        var body = sealed
        body[100] ^= 0x80
        do { _ = try SealedMessage.open(body, with: key); Issue.record("opened an altered message") } catch {
            #expect(error.description.contains("altered or damaged"), "\(error)")
        }
        #expect(throws: OpenSSLFailure.self) { try SealedMessage.open(Array(sealed.prefix(70)), with: key) }
        do { _ = try SealedMessage.open(Array("RIFF....WAVEfmt ".utf8) + sealed, with: key) } catch {
            #expect(error.description.contains("not a sealed hotline message"))
        }
    }

    @Test func anotherKeyIsRefusedByName() throws {
        let hotline = try MessageKey.generate(), other = try MessageKey.generate()
        let sealed = try SealedMessage.seal(Self.recording, for: hotline)
        do { _ = try SealedMessage.open(sealed, with: other); Issue.record("opened with another key") } catch {
            #expect(error.description.contains("sealed for key \(hotline.keyIDText), not for this key (\(other.keyIDText))"), "\(error)")
        }
        let publicOnly = try MessageKey.publicKey(pem: try hotline.publicPEM())
        #expect(publicOnly.keyID == hotline.keyID)
        #expect(throws: OpenSSLFailure.self) { try SealedMessage.open(sealed, with: publicOnly) }
        // The controller seals with the public half alone; the private half opens it.
        #expect(try SealedMessage.open(try SealedMessage.seal(Self.recording, for: publicOnly), with: hotline) == Self.recording)
    }

    @Test func thePrivateKeyIsAPassphraseProtectedPEMThatOpenSSLReads() throws {
        let key = try MessageKey.generate()
        let pem = try key.encryptedPrivatePEM(passphrase: "correct horse battery staple")
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let back = try MessageKey.privateKey(pem: pem, passphrase: "correct horse battery staple")
        #expect(back.keyID == key.keyID)
        do { _ = try MessageKey.privateKey(pem: pem, passphrase: "wrong horse"); Issue.record("read with a wrong passphrase") } catch {
            #expect(error.description.contains("wrong passphrase") && error.description.contains("OpenSSL:"), "OpenSSL's reason is included: \(error)")
        }
        do { _ = try MessageKey.publicKey(pem: "-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----\n") } catch {
            #expect(error.description.contains("not a public key PEM"))
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("private.pem")
        try pem.write(to: file, atomically: true, encoding: .utf8)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["pkey", "-in", file.path, "-passin", "pass:correct horse battery staple", "-pubout"]
        let output = Pipe()
        openssl.standardOutput = output
        try SerialLaunch.run(openssl)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        openssl.waitUntilExit()
        let publicPEM = try key.publicPEM()
        #expect(openssl.terminationStatus == 0 && text == publicPEM, "openssl pkey reads the key and finds the same public half: \(text)")
    }

    @Test func theLibraryIsTheSystemsOpenSSL() {
        #expect(OpenSSLFailure.libraryVersion.hasPrefix("OpenSSL 3."), "\(OpenSSLFailure.libraryVersion)")
    }
}
