import AdvocateQueue
import CallEngine
import CallRuntime
import Dialplan
import Foundation

/// What the supervisor's wallboard shows, from the queue's own status: callers waiting by
/// queue, language and priority with the longest wait, advocates by state, and alerts. Nothing
/// about any caller: the queue status holds counts and waits, no call ids, no numbers.
struct Wallboard: Equatable {
    var status: QueueStatus
    var planVersion: String
    var planLanguages: [String]
    /// Today so far, from the call log (empty when it cannot be read).
    var today: [TodayFigures.Figure] = []
    var switches: [SwitchPosition] = []
    /// Each queue's `alert_after` from the plan.
    var alertAfter: [String: Int] = [:]

    struct SwitchPosition: Equatable {
        var declared: PlanSwitch
        var on: Bool
    }

    static func flipRole(_ declared: PlanSwitch) -> StaffRole { StaffRole(rawValue: declared.flip) ?? .administrator }

    /// Languages the plan offers that no signed-in advocate takes now.
    var uncoveredLanguages: [String] {
        let covered = Set(status.agents.filter { $0.status != .loggedOut }.flatMap(\.languages))
        return planLanguages.filter { !covered.contains($0) }
    }

    static let stateNames: [(AgentStatus, String)] = [(.available, "available"), (.ringing, "ringing"), (.onCall, "on a call"),
                                                      (.wrapUp, "wrap-up"), (.paused, "paused"), (.loggedOut, "logged out")]

    static func name(_ status: AgentStatus) -> String { stateNames.first { $0.0 == status }?.1 ?? status.rawValue }

    /// "paused (meal)", "on a call (es, interpreter)".
    static func describe(_ line: QueueStatus.AgentLine) -> String {
        var detail: [String] = []
        if let reason = line.pauseReason { detail.append(reason.label) }
        if let offer = line.offer { detail.append(offer.language + (offer.interpreter ? ", interpreter" : "")) }
        return name(line.status) + (detail.isEmpty ? "" : " (\(detail.joined(separator: "; ")))")
    }

    /// The language's own name where the console knows it, else its code.
    static func languageName(_ code: String) -> String {
        Locale(identifier: "en").localizedString(forLanguageCode: code).map { "\($0) (\(code))" } ?? code
    }

    /// The live part of the page (sent again over the event stream whenever it changes), in
    /// sections the page replaces one by one: the waits tick every second, the advocates' rows
    /// and their buttons change only when a state does, so a button is not swapped under a click.
    func html(for session: ConsoleSession) -> String {
        let e = ConsolePage.escape
        let waitingCalls = status.waiting.reduce(0) { $0 + $1.calls }
        var out = "<section data-part=\"tiles\"><div class=\"tiles\">"
        out += "<div class=\"tile\"><div class=\"value\" data-figure=\"waiting\">\(waitingCalls)</div>waiting</div>"
        out += "<div class=\"tile\"><div class=\"value\" data-figure=\"longest\">\(Self.duration(status.longestWaitSeconds))</div>longest wait</div>"
        for (state, label) in Self.stateNames.dropLast() {
            out += "<div class=\"tile\"><div class=\"value\" data-figure=\"\(state.rawValue)\">\(status.agentsByStatus[state.rawValue] ?? 0)</div>\(e(label))</div>"
        }
        out += "</div></section>"
        var alerts: [String] = []
        if !uncoveredLanguages.isEmpty {
            alerts.append("Nobody signed in takes \(uncoveredLanguages.joined(separator: ", ")): those callers get an interpreter or the no-advocates branch.")
        }
        for group in status.waiting {
            if let limit = alertAfter[group.queue], group.longestWaitSeconds > limit {
                alerts.append("A \(group.language) caller in '\(group.queue)' has waited \(Self.duration(group.longestWaitSeconds)), over the plan's \(Self.duration(limit)).")
            }
        }
        out += "<section data-part=\"alerts\">"
        if !alerts.isEmpty {
            out += "<h2>Alerts</h2><ul class=\"alerts\" data-alerts>" + alerts.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        }
        out += "</section>"
        if !switches.isEmpty {
            out += "<section data-part=\"switches\"><h2>Switches</h2><div class=\"scroll\"><table><tbody>"
            for position in switches {
                let name = position.declared.name, next = position.on ? "off" : "on"
                let button = session.role >= Self.flipRole(position.declared)
                    ? ConsolePage.form("/console/switches/\(name)/\(next)", session, label: position.on ? "Turn off" : "Turn on", style: position.on ? "" : "quiet")
                    : "<span class=\"live\">\(e(position.declared.flip))s flip it</span>"
                out += "<tr data-switch=\"\(e(name))\" data-on=\"\(position.on)\"><td>\(e(position.declared.label))</td><td><strong>\(position.on ? "ON" : "off")</strong></td><td>\(button)</td></tr>"
            }
            out += "</tbody></table></div></section>"
        }
        if !today.isEmpty {
            out += "<section data-part=\"today\"><h2>Today so far</h2><div class=\"tiles\">"
            for figure in today {
                out += "<div class=\"tile\"><div class=\"value\" data-today=\"\(e(figure.label))\">\(e(figure.text))</div>\(e(figure.label))</div>"
            }
            out += "</div></section>"
        }
        out += "<section data-part=\"waiting\"><h2>Waiting</h2>"
        if status.waiting.isEmpty {
            out += "<p data-waiting=\"0\">Nobody is waiting.</p>"
        } else {
            out += "<div class=\"scroll\"><table data-waiting=\"\(waitingCalls)\"><thead><tr><th>queue</th><th>language</th><th class=\"n\">priority</th><th class=\"n\">callers</th><th class=\"n\">longest wait</th></tr></thead><tbody>"
            for group in status.waiting {
                out += "<tr><td>\(e(group.queue))</td><td>\(e(group.language))</td><td class=\"n\">\(group.priority)</td><td class=\"n\">\(group.calls)</td><td class=\"n\">\(Self.duration(group.longestWaitSeconds))</td></tr>"
            }
            out += "</tbody></table></div>"
        }
        out += "</section><section data-part=\"advocates\"><h2>Advocates</h2><div class=\"scroll\"><table><thead><tr><th>advocate</th><th>state</th><th>languages</th><th class=\"n\">calls</th><th></th></tr></thead><tbody>"
        for agent in status.agents {
            var actions = ""
            let path = agent.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? agent.id
            if agent.status != .loggedOut {
                if agent.status == .available || agent.status == .wrapUp { actions += ConsolePage.pauseForm("/console/advocates/\(path)/pause", session, style: "quiet") }
                actions += ConsolePage.form("/console/advocates/\(path)/logout", session, label: "Log out", style: "quiet")
            }
            out += "<tr data-advocate=\"\(e(agent.id))\" data-state=\"\(agent.status.rawValue)\"><td>\(e(agent.id))</td><td>\(e(Self.describe(agent)))</td><td>\(e(agent.languages.joined(separator: ", ")))</td><td class=\"n\">\(agent.callsTaken)</td><td>\(actions)</td></tr>"
        }
        out += "</tbody></table></div><p class=\"live\">Plan \(e(planVersion)).</p></section>"
        return out
    }

    static func duration(_ seconds: Int) -> String {
        seconds < 60 ? "\(seconds) s" : "\(seconds / 60) min \(seconds % 60) s"
    }
}
