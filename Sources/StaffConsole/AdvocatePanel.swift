import AdvocateQueue

/// The advocate's own page: their state in the queue, the actions that state allows, the
/// languages they take. Nothing about who is calling.
struct AdvocatePanel: Equatable {
    var line: QueueStatus.AgentLine?
    var waitingInMyLanguages: Int

    func html(for session: ConsoleSession) -> String {
        let e = ConsolePage.escape
        guard let line else {
            return ConsolePage.notice("'\(session.advocate ?? "")' is not on the roster the controller serves; ask a supervisor to add it to roster.yaml.")
        }
        var out = "<section data-part=\"state\"><p>You are</p><p class=\"state\" data-state=\"\(line.status.rawValue)\">\(e(Wallboard.describe(line)))</p>"
        if let offer = line.offer {
            out += "<p class=\"notice info\" data-offer=\"\(e(offer.language))\">This call: \(e(Wallboard.languageName(offer.language)))\(offer.interpreter ? " — an interpreter is needed" : "").</p>"
        }
        out += "<p>Languages: \(e(line.languages.joined(separator: ", "))) · calls taken this shift: \(line.callsTaken)</p></section>"
        out += "<section data-part=\"waiting\"><p>Callers waiting in your languages: <span data-figure=\"waiting\">\(waitingInMyLanguages)</span></p></section>"
        out += "<section data-part=\"actions\"><div class=\"actions\">"
        func button(_ action: String, _ label: String, _ style: String = "") -> String {
            ConsolePage.form("/console/advocate/\(action)", session, label: label, style: style)
        }
        switch line.status {
        case .loggedOut: out += button("login", "Log in to the queue")
        case .available: out += ConsolePage.pauseForm("/console/advocate/pause", session) + button("logout", "Log out", "quiet")
        case .paused: out += button("resume", "Resume") + button("logout", "Log out", "quiet")
        case .wrapUp: out += button("resume", "Ready now") + ConsolePage.pauseForm("/console/advocate/pause", session) + button("logout", "Log out", "quiet")
        // The queue takes a pause only when the advocate is free; a log-out waits for the call.
        case .ringing, .onCall: out += button("logout", "Log out after this call", "quiet")
        }
        return out + "</div></section>"
    }
}
