import Foundation

/// An event as the controller may see it: its name and the few fields the call needs, decoded,
/// everything else dropped where it is parsed. FreeSWITCH puts the caller's identity into a dozen
/// headers of every full event (`*-Caller-ID-*`, `*-Orig-Caller-ID-*`, `*-ANI`,
/// `variable_origination_caller_id_*`, later `variable_caller_id`), their keypad history into
/// `variable_digits_dialed`, and on SIP much more (`variable_sip_*`, `Caller-Network-Addr`):
/// this is an allow-list, so none of those, nor any header a later FreeSWITCH adds, gets past it.
public struct ESLEvent: Hashable, Sendable {
    public var name: String
    /// Only the allowed fields, URL-decoded.
    public var fields: [String: String]

    public init(name: String, fields: [String: String] = [:]) {
        self.name = name
        self.fields = fields
    }

    public subscript(_ field: String) -> String? { fields[field] }

    /// What an adapter needs from an event: which application finished and how, digits, the
    /// dialed number, the results of a collect, a record or a bridge, the hang-up cause.
    public static let allowed: Set<String> = [
        "Event-Name", "Event-Date-Timestamp", "Application", "Application-UUID", "Application-Response", "DTMF-Digit",
        "Answer-State", "Channel-Call-State", "Hangup-Cause", "Channel-Destination-Number", "Caller-Destination-Number",
        "variable_read_result", "variable_playback_terminator_used", "variable_record_ms",
        "variable_originate_disposition", "variable_DIALSTATUS", "variable_bridge_hangup_cause",
        "variable_current_application_response",
    ]

    /// Variables the controller itself sets and reads back (the digits a collect gathered, the
    /// whisper's answer and bridge notes): `variable_hotline_…`.
    public static let ownVariablePrefix = "variable_hotline_"

    public static func isAllowed(_ name: String) -> Bool {
        allowed.contains(name) || name.hasPrefix(ownVariablePrefix)
    }

    /// The event a message carries (`text/event-plain` or `text/event-json`), or the channel data
    /// of the `connect` reply; nil for other messages.
    public init?(_ message: ESLMessage) {
        var fields: [String: String] = [:]
        switch message.contentType {
        case "text/event-plain":
            for line in message.body.split(separator: 0x0A, omittingEmptySubsequences: false) {
                if line.isEmpty { break }   // an inner body (BACKGROUND_JOB) follows: not needed
                guard let text = String(validating: line, as: UTF8.self), let colon = text.firstIndex(of: ":") else { continue }
                let name = String(text[..<colon])
                guard Self.isAllowed(name) else { continue }
                var value = text[text.index(after: colon)...]
                if value.first == " " { value = value.dropFirst() }
                fields[name] = String(value).removingPercentEncoding ?? String(value)
            }
        case "text/event-json":
            guard let object = try? JSONSerialization.jsonObject(with: Data(message.body)) as? [String: Any] else { return nil }
            for (name, value) in object where Self.isAllowed(name) {
                if let text = value as? String { fields[name] = text }
            }
        case "command/reply" where message["Event-Name"] != nil:
            // The reply to `connect`: the channel data as URL-encoded headers of the reply itself.
            for header in message.headers where Self.isAllowed(header.name) {
                fields[header.name] = header.value.removingPercentEncoding ?? header.value
            }
        default:
            return nil
        }
        guard let name = fields["Event-Name"] else { return nil }
        self.init(name: name, fields: fields)
    }
}
