import CallEngine
import Foundation

/// The waiting callers' timers and what they say: maximum waits, the interpreter fallback,
/// announcements with the caller's place and estimate, and the next moment anything is due.
extension QueueCore {
    /// The next moment something is due (an announcement, a wrap-up end, a maximum wait, an
    /// interpretation fallback), for the owner to wake up and send `.tick`.
    public var nextDeadline: Date? {
        // While an advocate's phone rings for a call, its own timers wait for the result (they
        // are suspended when they come due). A timer of a caller who left, or an advocate's
        // deadline that a later change made stale, may wake the owner once for nothing.
        [timers.earliest, advocateDeadlines.first?.at].compactMap { $0 }.min()
    }

    /// The times an advocate's timers come due (`runTimers` says what is due then).
    func deadlines(of agent: Agent) -> [Date] {
        var times: [Date] = []
        if let until = agent.wrapUpUntil { times.append(until) }
        if let until = agent.restUntil { times.append(until) }
        if let offer = agent.offer, agent.status == .ringing, let queue = waiting[offer.call]?.settings {
            times.append(offer.since.addingTimeInterval(Double(queue.ringSeconds) + 1))
        }
        return times
    }

    mutating func runTimers(at now: Date, _ out: inout [Output]) {
        var looked: Set<String> = []
        for due in advocateDeadlines.removeDue({ $0.at <= now }) where looked.insert(due.advocate).inserted {
            let id = due.advocate
            guard let agent = agents[id] else { continue }
            let rested = agent.restUntil.map { $0 <= now } ?? false
            let wrappedUp = agent.status == .wrapUp && (agent.wrapUpUntil.map { $0 <= now } ?? false)
            var answered = false
            if agent.status == .ringing, let offer = agent.offer, let ringFor = waiting[offer.call]?.settings.ringSeconds {
                answered = now >= offer.since.addingTimeInterval(Double(ringFor) + 1)
            }
            guard rested || wrappedUp || answered else {
                // Stale, or the ring time changed with a reload: wake again at the advocate's own time.
                for at in deadlines(of: agent) where at > now { advocateDeadlines.add(AdvocateDeadline(at: at, advocate: id)) }
                continue
            }
            update(id) { agent in
                if rested { agent.restUntil = nil }
                if wrappedUp, let until = agent.wrapUpUntil {
                    agent.status = .available
                    agent.wrapUpUntil = nil
                    agent.freeSince = until
                }
                if answered { agent.status = .onCall }
            }
        }
        // Callers whose advocate's phone rings wait for its result: their timers that come due
        // meanwhile are put aside until they are back in line. Oldest caller first.
        for due in timers.popDue(at: now).sorted(by: { ($0.sequence, $0.kind.rawValue) < ($1.sequence, $1.kind.rawValue) }) {
            guard let entry = waiting[due.call], entry.sequence == due.sequence else { continue }   // left, or joined again
            if entry.offeredTo != nil {
                suspended[due.call, default: []].append(due)
                continue
            }
            switch due.kind {
            case .maxWait:
                waiting[due.call] = nil
                suspended[due.call] = nil
                out.append(.resolved(due.call, .timedOut))
            case .interpreter:
                waiting[due.call]?.interpreterAllowed = true
            case .announcement:
                dueAnnouncements.append(due)
            }
        }
    }

    /// Announcements that are due, after dispatch: a caller whose advocate's phone is about to
    /// ring is not first told their place in the line.
    mutating func announce(at now: Date, _ out: inout [Output]) {
        let due = dueAnnouncements
        dueAnnouncements = []
        for item in due {
            guard let entry = waiting[item.call], entry.sequence == item.sequence else { continue }
            if entry.offeredTo != nil {
                suspended[item.call, default: []].append(item)
                continue
            }
            guard let every = entry.settings.announceEverySeconds else { continue }
            let next = now.addingTimeInterval(Double(every))
            waiting[entry.call]?.nextAnnouncement = next
            timers.add(.init(at: next, call: entry.call, sequence: entry.sequence, kind: .announcement))
            out.append(.announce(entry.call, position: position(of: entry), estimatedWaitSeconds: estimatedWait(for: entry)))
        }
    }

    // MARK: - Position and the caller's own estimate

    /// 1 + the calls ahead that compete for the same advocates (same language); calls already
    /// ringing an advocate are being served and do not count.
    func position(of entry: Waiting) -> Int {
        1 + waiting.values.filter { other in
            other.call != entry.call && other.offeredTo == nil && other.request.language == entry.request.language
                && (other.request.priority, -other.sequence) > (entry.request.priority, -entry.sequence)
        }.count
    }

    /// From the caller's position, the advocates logged in who take their language, and those
    /// advocates' recent conversation lengths. Nil when there is no honest basis for a number.
    func estimatedWait(for entry: Waiting) -> Int? {
        let team = agents.values.filter { $0.isLoggedIn && $0.profile.languages.contains(entry.request.language) }
        let talks = team.flatMap(\.recentTalkSeconds)
        guard !team.isEmpty, talks.count >= 3 else { return nil }
        let mean = talks.reduce(0, +) / Double(talks.count)
        let rounds = (Double(position(of: entry)) / Double(team.count)).rounded(.up)
        return Int((rounds * mean).rounded())
    }
}
