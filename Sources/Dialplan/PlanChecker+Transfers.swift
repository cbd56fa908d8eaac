/// Transfer destinations are Asterisk dial strings: `TECH/resource`, checked before a caller
/// is sent to a line that cannot exist.
extension PlanChecker {
    /// Channel technologies a hotline transfers through. chan_sip is not among them: it left
    /// Asterisk in version 21.
    static let transferTechnologies = ["PJSIP", "IAX2", "DAHDI", "Local"]

    mutating func checkTransfers() {
        for state in plan.states {
            guard case .transfer(let transfer) = state.action else { continue }
            if let problem = Self.dialStringProblem(transfer.destination.value) {
                diagnostics.append(.error(transfer.destination.location, "transfer destination '\(Self.shown(transfer.destination.value))' \(problem)"))
            }
        }
    }

    /// Why `destination` is not a dial string a hotline can use; nil when it is one.
    static func dialStringProblem(_ destination: String) -> String? {
        if destination.contains(where: { $0.isNewline || $0 == "\t" }) {
            return "holds a line break or a tab; write the dial string on one line, e.g. PJSIP/18007997233@referrals"
        }
        if destination.contains(" ") {
            return "holds spaces; a dial string is TECH/RESOURCE without spaces, e.g. PJSIP/18007997233@referrals (not a phone number as people write it)"
        }
        guard let slash = destination.firstIndex(of: "/") else {
            return "is not a dial string; write TECH/RESOURCE, e.g. PJSIP/18007997233@referrals"
        }
        let technology = String(destination[..<slash])
        let resource = destination[destination.index(after: slash)...]
        if technology.uppercased() == "SIP" {
            return "uses chan_sip, which left Asterisk in version 21; use PJSIP/\(resource)"
        }
        // Asterisk finds a channel technology by name whatever its case.
        guard transferTechnologies.contains(where: { $0.lowercased() == technology.lowercased() }) else {
            return "uses channel technology '\(technology)'; use one of \(transferTechnologies.joined(separator: ", ")), e.g. PJSIP/18007997233@referrals"
        }
        if resource.isEmpty {
            return "has nothing after '\(technology)/'; add the number or endpoint, e.g. \(technology)/18007997233@referrals"
        }
        if let bad = resource.first(where: { ",|\"'\\;()".contains($0) || $0.asciiValue.map { $0 < 0x20 } ?? false }) {
            return "holds '\(bad)', which Asterisk would read as part of the Dial application's arguments; remove it"
        }
        return nil
    }

    static func shown(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t")
    }
}
