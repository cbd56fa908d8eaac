import Dialplan

/// One queue's behaviour, from the plan's `queues:` section.
public struct QueueSettings: Hashable, Sendable {
    public var name: String
    /// Languages its advocates take.
    public var languages: Set<String>
    /// How long an advocate's phone rings before the offer goes to the next one.
    public var ringSeconds: Int = 20
    /// Rest for an advocate who did not take an offer (busy, no answer) before the next one.
    public var retrySeconds: Int = 5
    /// Time after a conversation before the advocate is offered another call.
    public var wrapUpSeconds: Int = 30
    /// Position (and the caller's own estimated wait) is announced this often; nil: never.
    public var announceEverySeconds: Int? = 60
    /// After this long without an advocate speaking the caller's language, any advocate may
    /// take the call with an interpreter; nil: never.
    public var interpreterAfterSeconds: Int? = 120

    public init(name: String, languages: Set<String>) {
        self.name = name
        self.languages = languages
    }

    /// From a plan's `queues:` entry.
    public init(name: String, _ configuration: QueueConfiguration) {
        self.name = name
        languages = Set(configuration.languages)
        ringSeconds = configuration.ringSeconds
        wrapUpSeconds = configuration.wrapUpSeconds
        retrySeconds = configuration.retrySeconds
        announceEverySeconds = configuration.announceEverySeconds
        interpreterAfterSeconds = configuration.interpreterAfterSeconds
    }
}
