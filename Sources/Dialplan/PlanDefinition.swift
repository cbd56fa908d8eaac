/// A dialplan file as written, with every position kept: what the parser produces and the
/// checker examines. `Plan` is what it compiles to once it has no errors.
public struct PlanDefinition: Sendable {
    public var file: String
    public var name: String
    public var version: String
    public var languages: [Located<String>] = []
    public var defaultLanguage: Located<String>?
    public var timeZone: Located<String>?
    /// The prompts folder as written in the plan, relative to the plan file.
    public var promptsDirectory: String?
    public var hours: [HoursDefinition] = []
    public var entries: [EntryDefinition] = []
    public var planKeys: [PlanKey] = []
    public var policies: [Policy] = []
    public var queues: [QueueDefinition] = []
    public var switches: [SwitchDefinition] = []
    /// `messages: {retention_days}`; nil: `Plan.defaultMessageRetentionDays`.
    public var messageRetentionDays: Int?
    public var states: [StateDefinition] = []

    public init(file: String, name: String = "", version: String = "") {
        self.file = file
        self.name = name
        self.version = version
    }

    public func state(named name: String) -> StateDefinition? {
        states.first { $0.name.value == name }
    }
}

/// One state as written.
public struct StateDefinition: Sendable {
    public var name: Located<String>
    public var action: StateAction<Located<String>>
    /// How the call is classified once it reaches this state, unless something later overrides it.
    public var ending: Located<CallEnding>?
}

/// A dialed number (or the default) and where its calls start.
public struct EntryDefinition: Sendable {
    /// nil for the default entry, used for any number not listed.
    public var number: Located<String>?
    public var campaign: String
    public var start: Located<String>
    public var location: SourceLocation
}

/// A key that works in every menu of the plan, e.g. 0 for "I am in danger now".
public struct PlanKey: Sendable {
    public var key: Located<String>
    public var target: Located<String>
}

/// "Every path from an entry to one of `before` passes `require`": proved by the checker.
public struct Policy: Sendable {
    /// The call must pass one of these states.
    public var require: [Located<String>]
    /// State kinds (`queue`, `transfer`, `record`, …) or state names.
    public var before: [Located<String>]
    /// States the policy does not cover (e.g. an emergency transfer to 911).
    public var except: [Located<String>]
    public var location: SourceLocation
}

/// A named live-advocate queue and how it behaves.
public struct QueueDefinition: Sendable {
    public var name: Located<String>
    public var languages: [Located<String>]
    public var configuration: QueueConfiguration
}

/// How a queue treats callers and advocates.
public struct QueueConfiguration: Hashable, Sendable {
    public var languages: [String] = []
    /// How long an advocate's phone rings before the offer goes on.
    public var ringSeconds = 20
    /// Time after a conversation before the advocate is offered another call.
    public var wrapUpSeconds = 30
    /// Rest for an advocate who did not take an offer.
    public var retrySeconds = 5
    /// How often position and wait are announced; nil never.
    public var announceEverySeconds: Int? = 60
    /// After this long, any advocate may take the call with an interpreter; nil never.
    public var interpreterAfterSeconds: Int? = 120
    /// A caller waiting longer than this is an alert on the supervisors' wallboard; nil never.
    public var alertAfterSeconds: Int?

    public init() {}
}

/// Opening hours as written: ranges per weekday and closure dates.
public struct HoursDefinition: Sendable {
    public var name: Located<String>
    public var ranges: [DayRange]
    public var closures: [Located<Closure>]

    public struct DayRange: Sendable {
        public var weekday: Weekday
        public var range: ClockRange
        public var location: SourceLocation
    }
}
