import NIOSSL

/// The admin listener's TLS (console and API alike): a PEM certificate chain and its private
/// key, read at the start. TLS 1.2 at least (swift-nio-ssl's default).
public enum AdminTLS {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public static func configuration(certificate: String, key: String) throws(Problem) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificate)
        } catch {
            throw Problem(description: "--admin-tls-certificate \(certificate): cannot read a PEM certificate (\(error)); give the certificate chain your CA issued, or for a test `openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -subj /CN=hotline -days 365`")
        }
        guard !chain.isEmpty else { throw Problem(description: "--admin-tls-certificate \(certificate): the file holds no certificate") }
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        } catch {
            throw Problem(description: "--admin-tls-key \(key): cannot read a PEM private key (\(error)); give the unencrypted key that belongs to the certificate")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
