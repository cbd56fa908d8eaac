/// The plan's and the roster's destinations are written once, as Asterisk dial strings
/// (`PJSIP/18007997233@referrals`, `PJSIP/advocate-desk-1`), so that one plan serves both PBXes.
/// FreeSWITCH reaches the same places by the same names: a PJSIP endpoint is a directory user
/// (`user/advocate-desk-1`), a number at a trunk endpoint is that number through the gateway of
/// the trunk's name (`sofia/gateway/referrals/18007997233`). A destination already written for
/// FreeSWITCH (`user/…`, `sofia/…`, `loopback/…`, `error/…`) is used as it is.
public enum ESLDialString {
    public struct Untranslatable: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    static let native = ["user", "sofia", "loopback", "error", "freetdm", "verto"]

    public static func translate(_ destination: String) throws(Untranslatable) -> String {
        guard let slash = destination.firstIndex(of: "/") else {
            throw Untranslatable(description: "'\(destination)' is not a dial string (TECH/RESOURCE)")
        }
        let technology = destination[..<slash].lowercased()
        let resource = String(destination[destination.index(after: slash)...])
        // Characters that would end the dial string or start another one inside `bridge`.
        guard !resource.isEmpty, !resource.contains(where: { ",|{}[]'\" \\".contains($0) || $0.isNewline || $0.asciiValue.map { $0 < 0x20 } ?? false }) else {
            throw Untranslatable(description: "'\(destination)' holds characters a FreeSWITCH dial string cannot carry")
        }
        if native.contains(technology) { return destination }
        guard technology == "pjsip" else {
            throw Untranslatable(description: "'\(destination)' uses \(destination[..<slash]), which FreeSWITCH has no counterpart for; write it as PJSIP/NUMBER@TRUNK or PJSIP/ENDPOINT")
        }
        if let at = resource.firstIndex(of: "@") {
            let number = resource[..<at], trunk = resource[resource.index(after: at)...]
            guard !number.isEmpty, !trunk.isEmpty, !trunk.contains("@") else {
                throw Untranslatable(description: "'\(destination)' is not NUMBER@TRUNK")
            }
            return "sofia/gateway/\(trunk)/\(number)"
        }
        return "user/\(resource)"
    }
}
