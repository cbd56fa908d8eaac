import COpenSSL

/// Something OpenSSL refused, in words a person can act on, with OpenSSL's own reason (the
/// library's error queue, drained) when it gave one.
public struct OpenSSLFailure: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ what: String) {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        description = reasons.isEmpty ? what : "\(what) (OpenSSL: \(reasons.joined(separator: "; ")))"
    }

    /// Forgets what OpenSSL queued before an operation, so a reason belongs to this one.
    static func clear() { ERR_clear_error() }

    /// The libcrypto the binary runs with, e.g. "OpenSSL 3.0.19 27 Jan 2026".
    public static var libraryVersion: String { String(cString: hotline_openssl_version()) }
}
