import CallEngine
import Foundation

/// The staff figures: each advocate's calls and talk time as conversations end, and their
/// logged-in and paused time as their status changes, counted in the core (which alone sees
/// every change) and drained by the owner into the call log.
extension QueueCore {
    /// Adds the time since `agent.statusSince` spent in `status` to the staff figures.
    mutating func count(_ agent: inout Agent, in status: AgentStatus) {
        let elapsed = max(0, clock.timeIntervalSince(agent.statusSince))
        if status != .loggedOut && agent.statusSince != .distantPast {
            staff[agent.profile.id, default: StaffActivity(advocate: agent.profile.id)].loggedInSeconds += elapsed
            if status == .paused { staff[agent.profile.id, default: StaffActivity(advocate: agent.profile.id)].pausedSeconds += elapsed }
        }
        agent.statusSince = clock
    }

    /// The staff figures since the last drain, the time of advocates still logged in counted up
    /// to `now`; then starts again from nothing.
    public mutating func drainStaffActivity(at now: Date) -> [StaffActivity] {
        clock = max(clock, now)
        for id in agents.keys {
            guard var agent = agents[id], agent.status != .loggedOut else { continue }
            count(&agent, in: agent.status)
            agents[id] = agent
        }
        defer { staff.removeAll() }
        return staff.values.filter { !$0.isEmpty }.sorted { $0.advocate < $1.advocate }
    }
}
