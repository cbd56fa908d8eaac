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
    /// would let a value end the command early and inject another. Written into one string with
    /// room reserved for its arguments: an interpolated line cost about five allocations.
    public func wireLine() throws(InvalidArgument) -> String {
        var line = LineWriter()
        switch self {
        case .answer:
            line.append("ANSWER")
        case .streamFile(let path, let escape):
            line.reserve(path.utf8.count + escape.utf8.count + 16)
            line.append("STREAM FILE ")
            try line.word(path)
            line.append(" ")
            try line.quoted(escape)
        case .waitForDigit(let milliseconds):
            line.reserve(36)
            line.append("WAIT FOR DIGIT ")
            line.number(milliseconds)
        case .getData(let path, let milliseconds, let maxDigits):
            line.reserve(path.utf8.count + 32)
            line.append("GET DATA ")
            try line.word(path)
            line.append(" ")
            line.number(milliseconds)
            line.append(" ")
            line.number(maxDigits)
        case .getVariable(let name):
            line.reserve(name.utf8.count + 14)
            line.append("GET VARIABLE ")
            try line.word(name)
        case .getFullVariable(let expression):
            line.reserve(expression.utf8.count + 19)
            line.append("GET FULL VARIABLE ")
            try line.word(expression)
        case .setVariable(let name, let value):
            line.reserve(name.utf8.count + value.utf8.count + 18)
            line.append("SET VARIABLE ")
            try line.word(name)
            line.append(" ")
            try line.quoted(value)
        case .setMusic(let on, let musicClass):
            line.append(on ? "SET MUSIC ON" : "SET MUSIC OFF")
            if let musicClass {
                line.reserve(musicClass.utf8.count + 15)
                line.append(" ")
                try line.word(musicClass)
            }
        case .exec(let application, let arguments):
            line.reserve(application.utf8.count + arguments.utf8.count + 12)
            line.append("EXEC ")
            try line.word(application)
            line.append(" ")
            try line.quoted(arguments)
        case .recordFile(let path, let format, let escape, let milliseconds, let beep, let silence):
            line.reserve(path.utf8.count + format.utf8.count + escape.utf8.count + 48)
            line.append("RECORD FILE ")
            try line.word(path)
            line.append(" ")
            try line.word(format)
            line.append(" ")
            try line.quoted(escape)
            line.append(" ")
            line.number(milliseconds)
            line.append(" 0")
            if beep { line.append(" BEEP") }
            if let silence {
                line.append(" s=")
                line.number(silence)
            }
        case .hangup:
            line.append("HANGUP")
        case .sayNumber(let number, let escape):
            line.reserve(escape.utf8.count + 36)
            line.append("SAY NUMBER ")
            line.number(number)
            line.append(" ")
            try line.quoted(escape)
        case .verbose(let message, let level):
            line.reserve(message.utf8.count + 32)
            line.append("VERBOSE ")
            try line.quoted(message)
            line.append(" ")
            line.number(level)
        case .noop:
            line.append("NOOP")
        }
        line.append("\n")
        return line.text
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

    /// `text` with a backslash before each `"` and `\`, byte by byte.
    static func escaped(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func checkControl(_ text: String) throws(InvalidArgument) {
        if text.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == 0 }) {
            throw InvalidArgument(description: "an AGI argument may not hold a line break or NUL")
        }
    }
}
