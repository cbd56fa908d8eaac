import CallEngine
import Foundation

/// The live-advocate queue as a pure state machine: callers waiting (fair: highest priority
/// first, oldest first within a priority), advocates and their states, offers, announcements,
/// overflow and interpretation fallback. `(state, input, now) -> (state, [output])`; the actor
/// around it owns the one copy and feeds it time.
public struct QueueCore: Sendable {
    public enum Input: Hashable, Sendable {
        case join(CallID, QueueRequest)
        /// The caller hung up or left by a key.
        case leave(CallID)
        /// What came of an offer. For `answered` the conversation is over and its length, when
        /// the PBX could say it, feeds the callers' estimates.
        case offerFinished(CallID, DialResult)
        case login(String)
        case logout(String)
        case pause(String, reason: PauseReason = .other)
        case resume(String)
        /// Time passed: run what is due.
        case tick
    }

    public enum Output: Hashable, Sendable {
        /// Ring this advocate for this caller.
        case offer(CallID, Offer)
        /// The caller who just joined is in line: no advocate is free for them now (their channel
        /// puts them on hold). A caller offered at once, or sent away at once, never hears this.
        case waiting(CallID)
        /// Tell the caller their position and their own estimated wait (nil: no honest estimate).
        case announce(CallID, position: Int, estimatedWaitSeconds: Int?)
        /// The wait is over without an advocate (timed out, nobody logged in).
        case resolved(CallID, QueueResult)
    }

    public struct Offer: Hashable, Sendable {
        public var agent: String
        public var endpoint: String
        public var ringSeconds: Int
        /// The caller's language, for the whisper.
        public var language: String
        /// The advocate does not speak it: an interpreter is needed.
        public var interpreter: Bool
    }

    struct Waiting: Sendable {
        var call: CallID
        var request: QueueRequest
        let sharedSettings: Shared<QueueSettings>
        var settings: QueueSettings { sharedSettings.value }
        var sequence: Int
        var joinedAt: Date
        var nextAnnouncement: Date?
        var offeredTo: String?
        /// Advocates who did not take it this round (busy, no answer, unavailable).
        var tried: Set<String> = []
        var interpreterAllowed: Bool

        var deadline: Date { joinedAt.addingTimeInterval(Double(request.maxWaitSeconds)) }
    }

    var queues: [String: Shared<QueueSettings>]
    var agents: [String: Agent]
    /// Indexes kept by `update`, so an event costs what changed, not the whole roster:
    /// advocates free for an offer now, and advocates with a timer (wrap-up, rest, ringing).
    var available: Set<String> = []
    /// The same advocates, longest free first: dispatch looks at the front.
    var availableOrder: [String] = []
    var timed: Set<String> = []
    /// When those advocates' timers come due, so an event does not walk every one of them.
    var advocateDeadlines = MinHeap<AdvocateDeadline>()
    var waiting: [CallID: Waiting] = [:]
    /// The waiting callers' timers (O(log n) each), and those of callers whose advocate's phone
    /// rings: put back when the caller is back in line.
    var timers = QueueTimers()
    var suspended: [CallID: [QueueTimers.Due]] = [:]
    /// Announcements that came due in this input, made after dispatch.
    var dueAnnouncements: [QueueTimers.Due] = []
    /// The callers in the order they are served: highest priority first, oldest first within it.
    /// Kept sorted as callers join (a binary search); a caller who left is skipped, and dropped
    /// when the line is compacted.
    var line: [(call: CallID, sequence: Int, priority: Int)] = []
    var sequence = 0
    /// The time of the input being handled, for the staff figures.
    var clock = Date.distantPast
    /// Staff figures since they were last drained.
    var staff: [String: StaffActivity] = [:]

    /// The plan's queues by name (the first of a repeated name), each shared by its callers.
    static func shared(_ queues: [QueueSettings]) -> [String: Shared<QueueSettings>] {
        Dictionary(queues.map { ($0.name, Shared($0)) }, uniquingKeysWith: { first, _ in first })
    }

    public init(queues: [QueueSettings], roster: [AgentProfile]) {
        self.queues = Self.shared(queues)
        agents = Dictionary(roster.map { ($0.id, Agent(profile: $0)) }, uniquingKeysWith: { first, _ in first })
    }

    public mutating func handle(_ input: Input, at now: Date) -> [Output] {
        clock = max(clock, now)
        var out: [Output] = []
        switch input {
        case .join(let call, let request):
            join(call, request, at: now, &out)
        case .leave(let call):
            suspended[call] = nil
            if let waiting = waiting.removeValue(forKey: call), let agent = waiting.offeredTo {
                free(agent, at: now, talked: false, talkSeconds: nil, wrapUp: 0)
            }
        case .offerFinished(let call, let result):
            // A logout already sent on the callers nobody else can take, except the one being
            // offered: when the advocate's logout waited for this offer, that caller may be next.
            if offerFinished(call, result, at: now) { resolveCallsNobodyCanTake(&out) }
        case .login(let id):
            update(id) { agent in
                agent.logoutPending = false
                if agent.status == .loggedOut || agent.status == .paused {
                    agent.status = .available
                    agent.freeSince = now
                }
            }
        case .logout(let id):
            update(id) { agent in
                if agent.offer != nil {
                    agent.logoutPending = true
                } else {
                    agent.status = .loggedOut
                    agent.wrapUpUntil = nil
                }
            }
            resolveCallsNobodyCanTake(&out)
        case .pause(let id, let reason):
            update(id) { agent in
                if agent.status == .available || agent.status == .wrapUp {
                    agent.status = .paused
                    agent.wrapUpUntil = nil
                }
                if agent.status == .paused { agent.pauseReason = reason }
            }
        case .resume(let id):
            // From a pause, or ending wrap-up early: free for the next caller now.
            update(id) { agent in
                if agent.status == .paused || agent.status == .wrapUp {
                    agent.status = .available
                    agent.wrapUpUntil = nil
                    agent.freeSince = now
                }
            }
        case .tick:
            break
        }
        runTimers(at: now, &out)
        dispatch(at: now, &out)
        if case .join(let call, _) = input, let entry = waiting[call], entry.offeredTo == nil { out.append(.waiting(call)) }
        announce(at: now, &out)
        return out
    }

    // MARK: - Joining and leaving

    private mutating func join(_ call: CallID, _ request: QueueRequest, at now: Date, _ out: inout [Output]) {
        let settings = queues[request.queue] ?? Shared(QueueSettings(name: request.queue, languages: [request.language]))
        let entry = Waiting(call: call, request: request, sharedSettings: settings, sequence: sequence, joinedAt: now,
                            nextAnnouncement: settings.value.announceEverySeconds == nil ? nil : now,
                            interpreterAllowed: request.interpreter)
        sequence += 1
        guard canEverBeTaken(entry) else {
            out.append(.resolved(call, .noAdvocates))
            return
        }
        waiting[call] = entry
        timers.add(.init(at: entry.deadline, call: call, sequence: entry.sequence, kind: .maxWait))
        if !entry.interpreterAllowed, let after = entry.settings.interpreterAfterSeconds {
            timers.add(.init(at: now.addingTimeInterval(Double(after)), call: call, sequence: entry.sequence, kind: .interpreter))
        }
        if let next = entry.nextAnnouncement { timers.add(.init(at: next, call: call, sequence: entry.sequence, kind: .announcement)) }
        queueUp(entry)
    }

    /// Puts a joining caller in its place in `line`.
    private mutating func queueUp(_ entry: Waiting) {
        if line.count > 2 * waiting.count + 64 {
            line.removeAll { waiting[$0.call]?.sequence != $0.sequence }
        }
        let key = (-entry.request.priority, entry.sequence)
        var low = 0, high = line.count
        while low < high {
            let middle = (low + high) / 2
            if (-line[middle].priority, line[middle].sequence) < key { low = middle + 1 } else { high = middle }
        }
        line.insert((entry.call, entry.sequence, entry.request.priority), at: low)
    }

    /// Whether a logged-in advocate could take the call (now or after the interpreter fallback).
    func canEverBeTaken(_ entry: Waiting) -> Bool {
        agents.values.contains { agent in
            agent.isLoggedIn && !agent.logoutPending
                && (agent.profile.languages.contains(entry.request.language) || entry.interpreterAllowed || entry.settings.interpreterAfterSeconds != nil)
        }
    }

    private mutating func resolveCallsNobodyCanTake(_ out: inout [Output]) {
        for entry in waiting.values.sorted(by: { $0.sequence < $1.sequence }) where entry.offeredTo == nil && !canEverBeTaken(entry) {
            waiting[entry.call] = nil
            suspended[entry.call] = nil
            out.append(.resolved(entry.call, .noAdvocates))
        }
    }

    // MARK: - Offers

    /// Returns whether the advocate logged out with it (a logout that waited for the offer).
    private mutating func offerFinished(_ call: CallID, _ result: DialResult, at now: Date) -> Bool {
        guard var entry = waiting[call], let id = entry.offeredTo else { return false }
        entry.offeredTo = nil
        switch result {
        case .answered(let talkSeconds):
            waiting[call] = nil
            suspended[call] = nil
            return free(id, at: now, talked: true, talkSeconds: talkSeconds, wrapUp: entry.settings.wrapUpSeconds)
        case .callerGone:
            waiting[call] = nil
            suspended[call] = nil
            return free(id, at: now, talked: false, talkSeconds: nil, wrapUp: 0)
        case .busy, .noAnswer, .unreachable:
            entry.tried.insert(id)
            waiting[call] = entry
            // Back in line: the timers that came due while the phone rang run now.
            for due in suspended.removeValue(forKey: call) ?? [] { timers.add(due) }
            let loggedOut = free(id, at: now, talked: false, talkSeconds: nil, wrapUp: 0)
            update(id) { agent in
                agent.restUntil = now.addingTimeInterval(Double(entry.settings.retrySeconds))
                // An advocate whose phone is unreachable is paused, not offered call after call.
                if result == .unreachable, agent.status == .available {
                    agent.status = .paused
                    agent.pauseReason = .phoneUnreachable
                }
            }
            return loggedOut
        }
    }

    /// The advocate's offer ended: wrap-up after a conversation (`talkSeconds` is its length
    /// when known: only those feed the callers' estimates), straight back otherwise.
    /// Returns whether the advocate logged out now (their logout waited for this offer).
    @discardableResult
    private mutating func free(_ id: String, at now: Date, talked: Bool, talkSeconds: Double?, wrapUp: Int) -> Bool {
        var loggedOut = false
        if talked, agents[id] != nil {
            staff[id, default: StaffActivity(advocate: id)].calls += 1
            if let talkSeconds { staff[id, default: StaffActivity(advocate: id)].talkSeconds += talkSeconds } else { staff[id, default: StaffActivity(advocate: id)].talkTimeUnknown += 1 }
        }
        update(id) { agent in
            agent.offer = nil
            agent.offerSummary = nil
            if talked {
                if let talkSeconds { agent.recentTalkSeconds = Array((agent.recentTalkSeconds + [talkSeconds]).suffix(10)) }
                agent.callsTaken += 1
            }
            if agent.logoutPending {
                agent.status = .loggedOut
                agent.logoutPending = false
                loggedOut = true
            } else if talked, wrapUp > 0 {
                agent.status = .wrapUp
                agent.wrapUpUntil = now.addingTimeInterval(Double(wrapUp))
            } else {
                agent.status = .available
                agent.freeSince = now
            }
        }
        return loggedOut
    }

    /// Changes one advocate and keeps the indexes right.
    mutating func update(_ id: String, _ change: (inout Agent) -> Void) {
        guard var agent = agents[id] else { return }
        let before = agent.status
        let deadlinesBefore = deadlines(of: agent)
        change(&agent)
        if agent.status != before { count(&agent, in: before) }
        agents[id] = agent
        for at in deadlines(of: agent) where !deadlinesBefore.contains(at) { advocateDeadlines.add(AdvocateDeadline(at: at, advocate: id)) }
        if agent.status == .available && agent.restUntil == nil {
            if available.insert(id).inserted {
                let since = agent.freeSince
                // Usually the newest free: found at the back at once.
                let after = availableOrder.lastIndex { (agents[$0]?.freeSince ?? .distantPast) <= since }
                availableOrder.insert(id, at: after.map { $0 + 1 } ?? availableOrder.startIndex)
            }
        } else if available.remove(id) != nil {
            if let place = availableOrder.firstIndex(of: id) { availableOrder.remove(at: place) }   // usually at the front
        }
        if agent.wrapUpUntil != nil || agent.restUntil != nil || agent.status == .ringing { timed.insert(id) } else { timed.remove(id) }
    }

    /// Offers waiting calls to free advocates: highest priority first, oldest first within it;
    /// each to the advocate who has been free longest and can take it.
    private mutating func dispatch(at now: Date, _ out: inout [Output]) {
        guard !available.isEmpty, !waiting.isEmpty else { return }
        for place in line {
            guard !available.isEmpty else { return }
            guard let entry = waiting[place.call], entry.sequence == place.sequence, entry.offeredTo == nil else { continue }
            var chosen = longestFree(for: entry, interpreter: false) ?? (entry.interpreterAllowed ? longestFree(for: entry, interpreter: true) : nil)
            if chosen == nil, !entry.tried.isEmpty {
                // Everyone who could take it has been tried: a new round starts, the caller first
                // (their rest after the failed offer keeps it from ringing the same phone at once).
                let eligible = agents.values.filter { agent in
                    agent.isLoggedIn && !agent.logoutPending
                        && (agent.profile.languages.contains(entry.request.language) || entry.interpreterAllowed)
                }.map(\.profile.id)
                if Set(eligible).isSubset(of: entry.tried) {
                    waiting[entry.call]?.tried = []
                    var fresh = entry
                    fresh.tried = []
                    chosen = longestFree(for: fresh, interpreter: false) ?? (fresh.interpreterAllowed ? longestFree(for: fresh, interpreter: true) : nil)
                }
            }
            guard let id = chosen, let profile = agents[id]?.profile else { continue }
            let interpreter = !profile.languages.contains(entry.request.language)
            update(id) { agent in
                agent.status = .ringing
                agent.offer = (entry.call, now)
                agent.offerSummary = QueueStatus.OfferSummary(language: entry.request.language, interpreter: interpreter)
            }
            waiting[entry.call]?.offeredTo = id
            out.append(.offer(entry.call, Offer(agent: id, endpoint: profile.endpoint, ringSeconds: entry.settings.ringSeconds,
                                                language: entry.request.language, interpreter: interpreter)))
        }
    }

    /// The advocate free longest who can take the call (without an interpreter unless allowed).
    private func longestFree(for entry: Waiting, interpreter: Bool) -> String? {
        availableOrder.first { id in
            !entry.tried.contains(id) && (interpreter || agents[id]?.profile.languages.contains(entry.request.language) == true)
        }
    }
}
