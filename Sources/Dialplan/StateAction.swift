/// What a dialplan state does. Generic over how it names other states: by name with a position
/// while a file is being checked (`Located<String>`), by index once compiled (`StateID`).
public enum StateAction<Target: Hashable & Sendable>: Hashable, Sendable {
    case play(Play<Target>)
    case menu(Menu<Target>)
    case collect(Collect<Target>)
    case set(SetAttributes<Target>)
    case goto(Target)
    case hours(HoursBranch<Target>)
    case branch(Branch<Target>)
    case record(Record<Target>)
    case queue(QueueStep<Target>)
    case transfer(Transfer<Target>)
    case hangup(Hangup)

    /// The dialplan keyword for this kind of state.
    public var keyword: String {
        switch self {
        case .play: "play"
        case .menu: "menu"
        case .collect: "collect"
        case .set: "set"
        case .goto: "goto"
        case .hours: "hours"
        case .branch: "switch"
        case .record: "record"
        case .queue: "queue"
        case .transfer: "transfer"
        case .hangup: "hangup"
        }
    }

    public static var keywords: [String] {
        ["play", "menu", "collect", "set", "goto", "hours", "switch", "record", "queue", "transfer", "hangup"]
    }
}

/// Play one or more prompts, then go on.
public struct Play<Target: Hashable & Sendable>: Hashable, Sendable {
    public var prompts: [Located<PromptReference>]
    /// Whether a key press skips the rest of the prompt. Plan-wide keys always work.
    public var interruptible: Bool
    public var next: Target
}

/// A choice made by pressing a key in a menu.
public struct MenuChoice<Target: Hashable & Sendable>: Hashable, Sendable {
    public var key: Located<String>
    public var next: Target
    /// Call attributes the choice sets, e.g. `language: es`.
    public var assignments: [Assignment]
    /// What the choice means, kept in the call log instead of the digit ("option=advocate").
    public var meaning: String
}

/// Ask the caller to press one key.
public struct Menu<Target: Hashable & Sendable>: Hashable, Sendable {
    public var prompts: [Located<PromptReference>]
    public var choices: [MenuChoice<Target>]
    public var timeoutSeconds: Double
    /// How many more times the menu is offered after no input or an invalid key.
    public var retries: Int
    public var noInputPrompts: [Located<PromptReference>]
    public var invalidPrompts: [Located<PromptReference>]
    /// Where the call goes once retries run out.
    public var exhausted: Target
}

/// Collect several digits into a private call attribute (never logged).
public struct Collect<Target: Hashable & Sendable>: Hashable, Sendable {
    public var prompts: [Located<PromptReference>]
    public var attribute: Located<String>
    public var minDigits: Int
    public var maxDigits: Int
    /// The key that ends entry early, usually `#`; nil when only `maxDigits` ends it.
    public var terminator: String?
    public var timeoutSeconds: Double
    public var retries: Int
    public var noInputPrompts: [Located<PromptReference>]
    public var invalidPrompts: [Located<PromptReference>]
    public var next: Target
    public var exhausted: Target
}

/// A call attribute and the value a state or menu choice gives it.
public struct Assignment: Hashable, Sendable {
    public var attribute: Located<String>
    public var value: Located<String>
}

/// Set call attributes (e.g. the language), then go on.
public struct SetAttributes<Target: Hashable & Sendable>: Hashable, Sendable {
    public var assignments: [Assignment]
    public var next: Target
}

/// Branch on the plan's opening hours at the moment the call reaches this state.
public struct HoursBranch<Target: Hashable & Sendable>: Hashable, Sendable {
    public var hours: Located<String>
    public var open: Target
    public var closed: Target
    /// Where to go on a holiday or closure date; nil means the `closed` branch.
    public var holiday: Target?
}

/// Branch on the value of a call attribute (e.g. its language).
public struct Branch<Target: Hashable & Sendable>: Hashable, Sendable {
    public var attribute: Located<String>
    public var cases: [BranchCase<Target>]
    public var otherwise: Target
}

public struct BranchCase<Target: Hashable & Sendable>: Hashable, Sendable {
    public var value: Located<String>
    public var next: Target
}

/// Record a message (after consent, which a policy can require), then go on.
public struct Record<Target: Hashable & Sendable>: Hashable, Sendable {
    /// Instructions played before the beep.
    public var prompts: [Located<PromptReference>]
    public var maxSeconds: Int
    public var beep: Bool
    public var next: Target
    /// Where to go when nothing was recorded.
    public var failed: Target
}

/// Wait for a live advocate in a named queue.
public struct QueueStep<Target: Hashable & Sendable>: Hashable, Sendable {
    public var queue: Located<String>
    /// Higher is served first; the emergency path uses a higher priority.
    public var priority: Int
    public var maxWaitSeconds: Int
    public var music: String
    /// The caller needs an interpreter: any advocate may take the call, told which language.
    public var interpreter: Bool
    /// Keys that take the caller out of the queue while waiting (e.g. 2 = leave a message).
    public var choices: [MenuChoice<Target>]
    /// Spoken announcements: "you are caller number" N, "your estimated wait is about" M "minutes".
    public var announcement: QueueAnnouncementPrompts?
    /// Where the call goes after waiting `maxWaitSeconds`.
    public var timedOut: Target
    /// Where the call goes at once when no advocate who could take it is logged in.
    public var noAdvocates: Target
    /// Where the call goes after the advocate conversation; nil ends the call.
    public var after: Target?
}

/// The prompts of a queue's position and wait announcement; the numbers are said by the PBX in
/// the caller's language.
public struct QueueAnnouncementPrompts: Hashable, Sendable {
    public var position: Located<PromptReference>
    public var wait: Located<PromptReference>
    public var minutes: Located<PromptReference>

    public init(position: Located<PromptReference>, wait: Located<PromptReference>, minutes: Located<PromptReference>) {
        self.position = position
        self.wait = wait
        self.minutes = minutes
    }
}

/// Transfer the caller to a referral or partner line.
public struct Transfer<Target: Hashable & Sendable>: Hashable, Sendable {
    /// The dial string the PBX dials, e.g. `PJSIP/18007997233@trunk` or a plain number.
    public var destination: Located<String>
    /// A name for reports and transcripts ("domestic violence hotline").
    public var label: String
    public var failed: Target
}

/// End the call, optionally after a last prompt.
public struct Hangup: Hashable, Sendable {
    public var prompts: [Located<PromptReference>]
    /// How the call is classified; nil keeps what the call already was (or `goodbye`).
    public var ending: CallEnding?
}
