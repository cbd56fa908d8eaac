import Dialplan

/// The staff line: an advocate calls it from their desk phone to log in, pause, be available
/// again or log out, by staff number and PIN, as Asterisk's queue feature codes let them. Pure:
/// the channel feeds it events and carries out its actions; the desk checks the PIN and changes
/// the shift. Every loop is bounded (three sign-in attempts, three silent or wrong entries in a
/// row), so a forgotten phone off the hook ends the call.
public struct StaffLineCall: Sendable {
    public enum Stage: Hashable, Sendable {
        case starting
        case number(attempt: Int)
        case pin(number: String, attempt: Int)
        case checking(attempt: Int)
        case menu(StaffLineIdentity)
        case reason(StaffLineIdentity)
        case performing
        case ended
    }

    public private(set) var stage: Stage = .starting
    /// Silent or unusable entries in a row at the current question.
    var misses = 0

    public static let signInAttempts = 3
    public static let missesAllowed = 3
    public static let numberDigits = 3...8
    public static let pinDigits = 6...8
    public static let entrySeconds = 8.0
    public static let menuSeconds = 6.0

    /// The staff line's prompts are in the staff's language, in `Prompts/staff/`.
    public static let promptFolder = "staff"

    /// Every prompt the staff line can play, for `hotline prompts parity`.
    public static var promptNames: [String] {
        ["enter-number", "enter-pin", "refused", "too-many-tries", "unavailable", "no-input", "invalid", "menu", "pause-reasons", "not-possible", "goodbye"]
            + AgentStatus.allCases.map(statePromptName)
    }

    /// Menu keys, as the `menu` prompt says them.
    public static let menuKeys: [Character: Choice] = ["1": .logIn, "2": .pause, "3": .resume, "9": .logOut]

    public enum Choice: Sendable { case logIn, pause, resume, logOut }

    public init() {}

    public var ended: Bool { stage == .ended }

    public mutating func start() -> [StaffLineAction] {
        stage = .number(attempt: 1)
        return [.answer, ask(["enter-number"], digits: Self.numberDigits.upperBound, seconds: Self.entrySeconds)]
    }

    public mutating func handle(_ event: StaffLineEvent) -> [StaffLineAction] {
        if case .hungUp = event {
            stage = .ended
            return []
        }
        switch (stage, event) {
        case (.number(let attempt), .entered(let digits)):
            guard Self.numberDigits.contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else { return missed(invalid: true) }
            misses = 0
            stage = .pin(number: digits, attempt: attempt)
            return [ask(["enter-pin"], digits: Self.pinDigits.upperBound, seconds: Self.entrySeconds)]
        case (.pin(let number, let attempt), .entered(let digits)):
            guard Self.pinDigits.contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else {
                // A PIN of the wrong length counts as a wrong PIN, without asking the desk.
                return refused(attempt: attempt)
            }
            stage = .checking(attempt: attempt)
            return [.askDesk(.check(StaffLineCredentials(number: number, pin: digits)))]
        case (.checking(let attempt), .deskAnswered(let answer)):
            switch answer {
            case .recognised(let identity):
                return showMenu(identity, before: [Self.statePromptName(identity.status)])
            case .refused, .notPossible, .done:
                return refused(attempt: attempt)
            case .throttled:
                return goodbye(["too-many-tries"])
            case .unavailable:
                return goodbye(["unavailable"])
            }
        case (.menu(let identity), .entered(let digits)):
            guard digits.count == 1, let key = digits.first, let choice = Self.menuKeys[key] else { return missed(invalid: true) }
            misses = 0
            switch choice {
            case .logIn: return perform(.logIn, identity)
            case .resume: return perform(.resume, identity)
            case .logOut: return perform(.logOut, identity)
            case .pause:
                stage = .reason(identity)
                return [ask(["pause-reasons"], digits: 1, seconds: Self.menuSeconds)]
            }
        case (.reason(let identity), .entered(let digits)):
            let reasons = PauseReason.chosen
            guard digits.count == 1, let number = digits.first?.wholeNumberValue, (1...reasons.count).contains(number) else { return missed(invalid: true) }
            return perform(.pause(reasons[number - 1]), identity)
        case (.number, .noInput), (.pin, .noInput), (.menu, .noInput), (.reason, .noInput):
            return missed(invalid: false)
        case (.performing, .deskAnswered(let answer)):
            if case .done(let status) = answer { return goodbye([Self.statePromptName(status)]) }
            return goodbye(["not-possible"])
        default:
            // A reply that does not belong to the current question (none is expected): end.
            return stage == .ended ? [] : goodbye([])
        }
    }

    static func statePromptName(_ status: AgentStatus) -> String {
        "state-\(status.rawValue.replacingOccurrences(of: "_", with: "-"))"
    }

    func prompt(_ name: String) -> Prompt { Prompt(name: name, language: Self.promptFolder) }

    func ask(_ names: [String], digits: Int, seconds: Double) -> StaffLineAction {
        .collect(CollectRequest(prompts: names.map(prompt), maxDigits: digits, timeoutSeconds: seconds, terminator: "#"))
    }

    mutating func showMenu(_ identity: StaffLineIdentity, before: [String]) -> [StaffLineAction] {
        misses = 0
        stage = .menu(identity)
        return [ask(before + ["menu"], digits: 1, seconds: Self.menuSeconds)]
    }

    mutating func perform(_ request: StaffLineRequest, _ identity: StaffLineIdentity) -> [StaffLineAction] {
        stage = .performing
        return [.askDesk(.perform(request, for: identity))]
    }

    mutating func refused(attempt: Int) -> [StaffLineAction] {
        guard attempt < Self.signInAttempts else { return goodbye(["refused"]) }
        misses = 0
        stage = .number(attempt: attempt + 1)
        return [ask(["refused", "enter-number"], digits: Self.numberDigits.upperBound, seconds: Self.entrySeconds)]
    }

    /// The same question again after silence or a wrong entry, until too many in a row.
    mutating func missed(invalid: Bool) -> [StaffLineAction] {
        misses += 1
        guard misses < Self.missesAllowed else { return goodbye([invalid ? "invalid" : "no-input"]) }
        let lead = invalid ? "invalid" : "no-input"
        switch stage {
        case .number: return [ask([lead, "enter-number"], digits: Self.numberDigits.upperBound, seconds: Self.entrySeconds)]
        case .pin: return [ask([lead, "enter-pin"], digits: Self.pinDigits.upperBound, seconds: Self.entrySeconds)]
        case .menu: return [ask([lead, "menu"], digits: 1, seconds: Self.menuSeconds)]
        case .reason: return [ask([lead, "pause-reasons"], digits: 1, seconds: Self.menuSeconds)]
        case .starting, .checking, .performing, .ended: return goodbye([])
        }
    }

    mutating func goodbye(_ names: [String]) -> [StaffLineAction] {
        stage = .ended
        return [.play((names + ["goodbye"]).map(prompt)), .hangUp]
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
