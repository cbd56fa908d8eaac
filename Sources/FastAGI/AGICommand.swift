/// A command the controller sends to the PBX, one at a time.
public enum AGICommand: Hashable, Sendable {
    case answer
    /// Plays a sound file (path without extension); a key in `escapeDigits` stops it.
    case streamFile(String, escapeDigits: String)
    /// Waits for one key; -1 waits forever.
    case waitForDigit(milliseconds: Int)
    /// Plays a file, then collects up to `maxDigits` digits (`#` ends entry).
    case getData(String, milliseconds: Int, maxDigits: Int)
    case getVariable(String)
    /// Evaluates an expression on the PBX (`${STRFTIME(,,%s.%3q)}`); it may not hold spaces.
    case getFullVariable(String)
    case setVariable(String, String)
    case setMusic(on: Bool, musicClass: String?)
    /// Runs a dialplan application, e.g. `Dial` with `PJSIP/1800@partners,30,gb(hotline-transfer^s^1)`.
    case exec(application: String, arguments: String)
    case recordFile(String, format: String, escapeDigits: String, milliseconds: Int, beep: Bool, silenceSeconds: Int?)
    case hangup
    /// Says a number in the channel's language (Asterisk's own number sounds); a key in
    /// `escapeDigits` stops it.
    case sayNumber(Int, escapeDigits: String)
    case verbose(String, level: Int)
    case noop

    public struct InvalidArgument: Error, CustomStringConvertible {
        public let description: String
    }

    /// The command word, for logs (never the arguments: they may carry a prompt path or a number).
    public var verb: String {
        switch self {
        case .answer: "ANSWER"
        case .streamFile: "STREAM FILE"
        case .waitForDigit: "WAIT FOR DIGIT"
        case .getData: "GET DATA"
        case .getVariable: "GET VARIABLE"
        case .getFullVariable: "GET FULL VARIABLE"
        case .setVariable: "SET VARIABLE"
        case .setMusic: "SET MUSIC"
        case .exec: "EXEC"
        case .recordFile: "RECORD FILE"
        case .hangup: "HANGUP"
        case .sayNumber: "SAY NUMBER"
        case .verbose: "VERBOSE"
        case .noop: "NOOP"
        }
    }

    /// Whether Asterisk runs it on a channel that has hung up (res_agi.c's `dead` flag);
    /// the others get `511`.
    public var allowedOnDeadChannel: Bool {
        switch self {
        case .getVariable, .getFullVariable, .verbose, .noop: true
        case .answer, .streamFile, .waitForDigit, .getData, .setVariable, .setMusic, .exec, .recordFile, .hangup, .sayNumber: false
        }
    }

    /// The line to send, ending in a bare `\n`. Refuses arguments holding CR, LF or NUL, which
    /// would let a value end the command early and inject another.
    public func wireLine() throws(InvalidArgument) -> String {
        let line: String
        switch self {
        case .answer:
            line = "ANSWER"
        case .streamFile(let path, let escape):
            line = "STREAM FILE \(try Self.word(path)) \(try Self.quoted(escape))"
        case .waitForDigit(let milliseconds):
            line = "WAIT FOR DIGIT \(milliseconds)"
        case .getData(let path, let milliseconds, let maxDigits):
            line = "GET DATA \(try Self.word(path)) \(milliseconds) \(maxDigits)"
        case .getVariable(let name):
            line = "GET VARIABLE \(try Self.word(name))"
        case .getFullVariable(let expression):
            line = "GET FULL VARIABLE \(try Self.word(expression))"
        case .setVariable(let name, let value):
            line = "SET VARIABLE \(try Self.word(name)) \(try Self.quoted(value))"
        case .setMusic(let on, let musicClass):
            var text = "SET MUSIC \(on ? "ON" : "OFF")"
            if let musicClass { text += " \(try Self.word(musicClass))" }
            line = text
        case .exec(let application, let arguments):
            line = "EXEC \(try Self.word(application)) \(try Self.quoted(arguments))"
        case .recordFile(let path, let format, let escape, let milliseconds, let beep, let silence):
            var text = "RECORD FILE \(try Self.word(path)) \(try Self.word(format)) \(try Self.quoted(escape)) \(milliseconds) 0"
            if beep { text += " BEEP" }
            if let silence { text += " s=\(silence)" }
            line = text
        case .hangup:
            line = "HANGUP"
        case .sayNumber(let number, let escape):
            line = "SAY NUMBER \(number) \(try Self.quoted(escape))"
        case .verbose(let message, let level):
            line = "VERBOSE \(try Self.quoted(message)) \(level)"
        case .noop:
            line = "NOOP"
        }
        return line + "\n"
    }

    /// A single argument that must not need quoting. (Checked on UTF-8 bytes: a space, a quote,
    /// a tab or a control byte never occurs inside a multi-byte character.)
    static func word(_ text: String) throws(InvalidArgument) -> String {
        try checkControl(text)
        guard !text.isEmpty, !text.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\t") }) else {
            throw InvalidArgument(description: "an AGI argument may not be empty or hold spaces or quotes")
        }
        return text
    }

    /// An argument in double quotes, with `"` and `\` escaped as Asterisk's parser expects. Byte
    /// by byte, as Asterisk reads it: a quote with a combining mark after it is still a quote.
    static func quoted(_ text: String) throws(InvalidArgument) -> String {
        try checkControl(text)
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return "\"" + text + "\"" }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    static func checkControl(_ text: String) throws(InvalidArgument) {
        if text.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == 0 }) {
            throw InvalidArgument(description: "an AGI argument may not hold a line break or NUL")
        }
    }
}
