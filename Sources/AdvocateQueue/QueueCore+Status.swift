import CallEngine
import Foundation

/// What a supervisor sees: no caller identifiers, because the queue holds none.
public struct QueueStatus: Hashable, Sendable, Codable {
    public struct WaitingGroup: Hashable, Sendable, Codable {
        public var queue: String
        public var language: String
        public var priority: Int
        public var calls: Int
        public var longestWaitSeconds: Int
    }

    public struct AgentLine: Hashable, Sendable, Codable {
        public var id: String
        public var status: AgentStatus
        public var languages: [String]
        public var callsTaken: Int
        /// While paused: why.
        public var pauseReason: PauseReason? = nil
        /// While ringing or on a call: what it is about.
        public var offer: OfferSummary? = nil
    }

    /// What an offered call is about, for the advocate who takes it: the language and whether an
    /// interpreter is needed. Nothing that could tell who is calling.
    public struct OfferSummary: Hashable, Sendable, Codable {
        public var language: String
        public var interpreter: Bool

        public init(language: String, interpreter: Bool) {
            self.language = language
            self.interpreter = interpreter
        }
    }

    public var waiting: [WaitingGroup]
    public var longestWaitSeconds: Int
    public var agents: [AgentLine]
    public var agentsByStatus: [String: Int]
}

extension QueueCore {
    public func status(at now: Date) -> QueueStatus {
        var groups: [String: QueueStatus.WaitingGroup] = [:]
        for entry in waiting.values {
            let key = "\(entry.request.queue)|\(entry.request.language)|\(entry.request.priority)"
            let waited = Int(now.timeIntervalSince(entry.joinedAt))
            var group = groups[key] ?? .init(queue: entry.request.queue, language: entry.request.language, priority: entry.request.priority, calls: 0, longestWaitSeconds: 0)
            group.calls += 1
            group.longestWaitSeconds = max(group.longestWaitSeconds, waited)
            groups[key] = group
        }
        let lines = agents.values.sorted { $0.profile.id < $1.profile.id }.map {
            QueueStatus.AgentLine(id: $0.profile.id, status: $0.status, languages: $0.profile.languages.sorted(), callsTaken: $0.callsTaken,
                                  pauseReason: $0.status == .paused ? $0.pauseReason : nil,
                                  offer: $0.status == .ringing || $0.status == .onCall ? $0.offerSummary : nil)
        }
        var byStatus: [String: Int] = [:]
        for status in AgentStatus.allCases { byStatus[status.rawValue] = lines.filter { $0.status == status }.count }
        return QueueStatus(
            waiting: groups.values.sorted { ($0.queue, $0.language, -$0.priority) < ($1.queue, $1.language, -$1.priority) },
            longestWaitSeconds: waiting.values.map { Int(now.timeIntervalSince($0.joinedAt)) }.max() ?? 0,
            agents: lines,
            agentsByStatus: byStatus
        )
    }

    /// A plan or roster reload: queues and advocates are updated in place. No advocate is logged
    /// out or loses their state or statistics, and no waiting caller moves.
    public mutating func reconfigure(queues: [QueueSettings], roster: [AgentProfile]) {
        self.queues = Self.shared(queues)
        for profile in roster {
            if agents[profile.id] == nil {
                agents[profile.id] = Agent(profile: profile)
            } else {
                update(profile.id) { $0.profile = profile }
            }
        }
        let kept = Set(roster.map(\.id))
        for (id, agent) in agents where !kept.contains(id) && agent.status == .loggedOut {
            agents[id] = nil
            available.remove(id)
            availableOrder.removeAll { $0 == id }
            timed.remove(id)
        }
        // A queue's ring time may have changed: the advocates ringing wake at their new time.
        for id in timed {
            guard let agent = agents[id] else { continue }
            for at in deadlines(of: agent) { advocateDeadlines.add(AdvocateDeadline(at: at, advocate: id)) }
        }
    }

    public var waitingCount: Int { waiting.count }

    public func agentStatus(_ id: String) -> AgentStatus? { agents[id]?.status }

    public func knows(agent id: String) -> Bool { agents[id] != nil }
}
