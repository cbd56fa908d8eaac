import CallEngine

/// What a scripted caller (and the PBX around it) does, step by step, written as
/// `--keys "2,1,hangup"`. Steps are used in order, each when the call waits for something.
public struct CallScript: Hashable, Sendable {
    public enum Step: Hashable, Sendable, CustomStringConvertible {
        /// Digits entered at a menu or collect: `1`, `4711#`.
        case keys(String)
        /// The caller lets a menu time out: `-` or `silence`.
        case silence
        /// The caller hangs up at the next point the call waits: `hangup`.
        case hangUp
        /// A key pressed while a prompt plays: `interrupt:0`.
        case interrupt(Character)
        /// An advocate or a transferred line answers: `answer`.
        case answer
        /// The queue's maximum wait passes: `queue-timeout`.
        case queueTimeout
        /// No advocate is logged in: `no-advocates`.
        case noAdvocates
        /// A transfer's dial or an advocate's phone fails: `busy`, `noanswer`, `unavailable`
        /// (`congestion` is the same: the line cannot be reached).
        case dialFailed(DialResult)
        /// A recording of so many seconds (0: nothing recorded): `record:30`.
        case recorded(Double)

        var isDialFailure: Bool {
            if case .dialFailed = self { true } else { false }
        }

        static func name(_ result: DialResult) -> String {
            switch result {
            case .busy: "busy"
            case .noAnswer: "noanswer"
            case .unreachable: "unavailable"
            case .answered: "answer"
            case .callerGone: "hangup"
            }
        }

        public var description: String {
            switch self {
            case .keys(let digits): digits
            case .silence: "silence"
            case .hangUp: "hangup"
            case .interrupt(let key): "interrupt:\(key)"
            case .answer: "answer"
            case .queueTimeout: "queue-timeout"
            case .noAdvocates: "no-advocates"
            case .dialFailed(let result): Self.name(result)
            case .recorded(let seconds): "record:\(Int(seconds))"
            }
        }
    }

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    public var steps: [Step]

    public init(_ steps: [Step]) {
        self.steps = steps
    }

    /// Parses a comma-separated script, e.g. `2,1,hangup` or `interrupt:0,busy`.
    public init(parsing text: String) throws(ParseError) {
        var steps: [Step] = []
        for (index, raw) in text.split(separator: ",").enumerated() {
            let token = raw.filter { $0 != " " }.lowercased()
            guard let step = Self.step(token) else {
                throw ParseError(description: "step \(index + 1) '\(raw)' is not a script step; use digits (1, 4711#), -, hangup, interrupt:KEY, answer, queue-timeout, no-advocates, busy, noanswer, unavailable, congestion or record:SECONDS")
            }
            steps.append(step)
        }
        self.steps = steps
    }

    static func step(_ token: String) -> Step? {
        switch token {
        case "-", "silence", "timeout": return .silence
        case "hangup": return .hangUp
        case "answer": return .answer
        case "queue-timeout": return .queueTimeout
        case "no-advocates": return .noAdvocates
        case "busy": return .dialFailed(.busy)
        case "noanswer": return .dialFailed(.noAnswer)
        case "unavailable", "congestion": return .dialFailed(.unreachable)
        default: break
        }
        if token.hasPrefix("interrupt:"), token.count == 11, let key = token.last, isKey(key) { return .interrupt(key) }
        if token.hasPrefix("record:"), let seconds = Double(token.dropFirst(7)), seconds >= 0 { return .recorded(seconds) }
        if !token.isEmpty, token.allSatisfy(isKey) { return .keys(token) }
        return nil
    }

    static func isKey(_ character: Character) -> Bool {
        character.isASCII && (character.isNumber || character == "*" || character == "#")
    }
}
