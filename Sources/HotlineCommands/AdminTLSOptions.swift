import AdminAPI
import ArgumentParser
import NIOSSL

/// `serve`'s TLS for the admin listener (console and API): both files or neither.
struct AdminTLSOptions: ParsableArguments {
    @Option(name: .long, help: "PEM certificate chain for the admin listener: the console and the API are then served over HTTPS only, and may listen beyond loopback.")
    var adminTlsCertificate: String?

    @Option(name: .long, help: "PEM private key of --admin-tls-certificate (unencrypted; readable by the hotline user only).")
    var adminTlsKey: String?

    /// nil without TLS; prints the problem and stops the start on a bad file.
    func configuration() throws -> TLSConfiguration? {
        switch (adminTlsCertificate, adminTlsKey) {
        case (nil, nil):
            return nil
        case (let certificate?, let key?):
            do {
                return try AdminTLS.configuration(certificate: certificate, key: key)
            } catch {
                print(error.description)
                throw ExitCode(1)
            }
        default:
            throw ValidationError("give --admin-tls-certificate and --admin-tls-key together")
        }
    }
}
