import Foundation

/// A state's position in a compiled plan.
public struct StateID: Hashable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public var description: String { "#\(index)" }
}

/// One state of a compiled plan. A class, so the engine's lookups share it instead of copying it.
public final class PlanState: Sendable {
    public let name: String
    public let location: SourceLocation
    public let action: StateAction<StateID>
    /// How reaching this state classifies the call, unless something later overrides it.
    public let ending: CallEnding?

    init(name: String, location: SourceLocation, action: StateAction<StateID>, ending: CallEnding?) {
        self.name = name
        self.location = location
        self.action = action
        self.ending = ending
    }
}

/// Where calls to one dialed number start.
public struct PlanEntry: Sendable, Hashable {
    /// The hotline number dialed; nil for the default entry.
    public let number: String?
    public let campaign: String
    public let start: StateID
}

/// A checked, compiled, immutable dialplan: what the call engine runs. Calls keep the `Plan` they
/// started with, so a reload never changes a call in progress. A class: calls share one plan.
public final class Plan: Sendable {
    /// The dialplan file format this controller reads (`format: 1` in a plan).
    public static let format = 1

    public let name: String
    public let version: String
    public let file: String
    public let languages: [String]
    public let defaultLanguage: String
    public let timeZone: TimeZone
    /// A Gregorian calendar in the plan's time zone, for reading wall-clock time.
    public let calendar: Calendar
    public let states: [PlanState]
    public let entries: [String: PlanEntry]
    public let defaultEntry: PlanEntry
    public let planKeys: [String: StateID]
    public let hours: [String: OpeningHours]
    public let queues: [String: QueueConfiguration]
    /// The run-time switches staff may flip, in the order the plan declares them.
    public let switches: [PlanSwitch]
    /// The most days a message a caller left is kept, followed up or not (`hotline messages purge`).
    public let messageRetentionDays: Int
    public static let defaultMessageRetentionDays = 30
    /// The keys that interrupt a prompt even when it is not interruptible: the plan-wide keys.
    public let planKeyDigits: String

    /// The first of `candidates` that is one of the plan's own numbers; nil when none is. Only
    /// such a number may be stored (a trunk's "dialed" field can carry the caller's number).
    public func declaredNumber(among candidates: [String]) -> String? {
        candidates.first { entries[$0] != nil }
    }

    /// The entry for a dialed number, or the default entry.
    public func entry(forDialed number: String?) -> PlanEntry {
        number.flatMap { entries[$0] } ?? defaultEntry
    }

    public func state(named name: String) -> StateID? {
        states.firstIndex { $0.name == name }.map(StateID.init)
    }

    public subscript(id: StateID) -> PlanState { states[id.index] }

    /// Compiles a checked definition. Returns nil if it still has what the checker calls errors.
    public init?(compiling definition: PlanDefinition) {
        var index: [String: StateID] = [:]
        for (i, state) in definition.states.enumerated() { index[state.name.value] = StateID(i) }
        var unresolved = false
        func resolve(_ name: Located<String>) -> StateID {
            if let id = index[name.value] { return id }
            unresolved = true
            return StateID(0)
        }
        guard let zoneName = definition.timeZone?.value, let zone = TimeZone(identifier: zoneName),
              let firstLanguage = definition.languages.first?.value, !definition.entries.isEmpty
        else { return nil }
        states = definition.states.map { state in
            PlanState(name: state.name.value, location: state.name.location,
                      action: state.action.mapTargets(resolve), ending: state.ending?.value)
        }
        let compiledEntries = definition.entries.map { PlanEntry(number: $0.number?.value, campaign: $0.campaign, start: resolve($0.start)) }
        planKeys = Dictionary(definition.planKeys.map { ($0.key.value, resolve($0.target)) }, uniquingKeysWith: { first, _ in first })
        guard !unresolved else { return nil }
        name = definition.name
        version = definition.version
        file = definition.file
        languages = definition.languages.map(\.value)
        defaultLanguage = definition.defaultLanguage?.value ?? firstLanguage
        timeZone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        entries = Dictionary(compiledEntries.compactMap { entry in entry.number.map { ($0, entry) } }, uniquingKeysWith: { first, _ in first })
        defaultEntry = compiledEntries.first { $0.number == nil } ?? compiledEntries[0]
        hours = Dictionary(definition.hours.map { hours in
            (hours.name.value, OpeningHours(name: hours.name.value, ranges: hours.ranges.map { ($0.weekday, $0.range) }, closures: hours.closures.map(\.value)))
        }, uniquingKeysWith: { first, _ in first })
        queues = Dictionary(definition.queues.map { ($0.name.value, $0.configuration) }, uniquingKeysWith: { first, _ in first })
        switches = definition.switches.map { PlanSwitch(name: $0.name.value, label: $0.label, flip: $0.flip.value) }
        messageRetentionDays = definition.messageRetentionDays ?? Self.defaultMessageRetentionDays
        planKeyDigits = String(planKeys.keys.sorted().joined())
    }
}
