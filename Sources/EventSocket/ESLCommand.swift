/// What the controller sends FreeSWITCH over the outbound Event Socket: a command line, optional
/// `name: value` lines, then an empty line. Every `execute` carries `event-lock: true` (without it
/// a second execute runs nested inside the first: 02, 10) and an `Event-UUID` of the controller's
/// choosing, which comes back as the `Application-UUID` of its CHANNEL_EXECUTE_COMPLETE.
public enum ESLCommand: Hashable, Sendable {
    case connect
    case myEvents
    /// Keep the socket open `seconds` after the hang-up so the last events arrive (01, 07).
    case linger(seconds: Int)
    case exit
    case execute(application: String, argument: String, uuid: String)
    case hangup(cause: String)
    /// An API command (`uuid_break <uuid>`); its reply is an `api/response`.
    case api(String)

    public struct InvalidArgument: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The longest argument sent (a dial string with its variables is the longest: a few hundred bytes).
    public static let maximumArgumentBytes = 4096

    public func wireText() throws(InvalidArgument) -> String {
        switch self {
        case .connect: return "connect\n\n"
        case .myEvents: return "myevents\n\n"
        case .linger(let seconds): return "linger \(max(1, seconds))\n\n"
        case .exit: return "exit\n\n"
        case .execute(let application, let argument, let uuid):
            try Self.check(application, "an application name", allowSpaces: false)
            try Self.check(argument, "an application argument", allowSpaces: true)
            try Self.check(uuid, "an Event-UUID", allowSpaces: false)
            var text = "sendmsg\ncall-command: execute\nexecute-app-name: \(application)\n"
            if !argument.isEmpty { text += "execute-app-arg: \(argument)\n" }
            return text + "event-lock: true\nEvent-UUID: \(uuid)\n\n"
        case .api(let command):
            try Self.check(command, "an API command", allowSpaces: true)
            return "api \(command)\n\n"
        case .hangup(let cause):
            try Self.check(cause, "a hang-up cause", allowSpaces: false)
            return "sendmsg\ncall-command: hangup\nhangup-cause: \(cause)\n\n"
        }
    }

    /// A value on a header line: one line, printable, bounded (a newline would start a header or
    /// a command of the sender's making).
    static func check(_ value: String, _ what: String, allowSpaces: Bool) throws(InvalidArgument) {
        guard value.utf8.count <= maximumArgumentBytes else { throw InvalidArgument(description: "\(what) longer than \(maximumArgumentBytes) bytes") }
        for scalar in value.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F || (!allowSpaces && scalar == " ") {
            throw InvalidArgument(description: "\(what) holds a control character\(allowSpaces ? "" : " or a space"): \(value.debugDescription)")
        }
    }
}
