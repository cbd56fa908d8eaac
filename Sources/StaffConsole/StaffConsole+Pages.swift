import AdvocateQueue
import CallEngine
import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

extension StaffConsole {
    static func wallboardPage(_ session: ConsoleSession, _ c: Controller, notice: String?) async -> Response {
        let board = await wallboard(c)
        var body = "<h1>Wallboard</h1>" + ConsolePage.notice(notice, kind: "info")
        if c.messages != nil { body += "<p><a href=\"/console/messages\">Messages callers left</a></p>" }
        if session.role == .administrator { body += "<div class=\"actions\">" + ConsolePage.form("/console/plan/reload", session, label: "Reload the plan", style: "quiet") + "</div>" }
        body += "<div id=\"live\" data-events=\"/console/wallboard/events\">\(board.html(for: session))</div>"
        return page(ConsolePage.layout(title: "Wallboard", session: session, body: body, script: true))
    }

    static func wallboard(_ c: Controller) async -> Wallboard {
        let plan = c.plans.current
        let on = c.switches.on
        return Wallboard(status: await c.queue.status(), planVersion: plan.version, planLanguages: plan.languages, today: await c.today?.current ?? [],
                         switches: plan.switches.map { Wallboard.SwitchPosition(declared: $0, on: on.contains($0.name)) },
                         alertAfter: plan.queues.compactMapValues(\.alertAfterSeconds))
    }

    static func advocatePanel(_ session: ConsoleSession, _ c: Controller) async -> AdvocatePanel {
        let status = await c.queue.status()
        let line = status.agents.first { $0.id == session.advocate }
        let mine = Set(line?.languages ?? [])
        return AdvocatePanel(line: line, waitingInMyLanguages: status.waiting.filter { mine.contains($0.language) }.reduce(0) { $0 + $1.calls })
    }

    /// Runs a queue action for an advocate; what happened, for the audit log.
    static func agentAction(_ action: String, _ advocate: String, _ c: Controller, reason: String? = nil) async -> String {
        do {
            let status: AgentStatus
            switch action {
            case "login": status = try await c.queue.login(advocate)
            case "pause":
                // Only the listed reasons: anything else is "other", never stored as typed.
                let chosen = reason.flatMap(PauseReason.init(rawValue:)).flatMap { PauseReason.chosen.contains($0) ? $0 : nil } ?? .other
                status = try await c.queue.pause(advocate, reason: chosen)
                return "\(status.rawValue) (\(chosen.rawValue))"
            case "resume": status = try await c.queue.resume(advocate)
            default: status = try await c.queue.logout(advocate)
            }
            return status.rawValue
        } catch {
            return "not on the roster"
        }
    }

    /// A live part of a page as server-sent events: the part's HTML again whenever it changes
    /// (looked at every `refreshInterval`), a comment every 15 s to keep proxies from closing the
    /// stream. The stream ends when the session does, at a graceful stop, and after 10 minutes
    /// (the browser's EventSource then opens a new one).
    static func events(_ session: ConsoleSession, _ c: Controller, render: @escaping @Sendable (ConsoleSession) async -> String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let clock = ContinuousClock()
            let end = clock.now.advanced(by: .seconds(600))
            var last = "", quietSince = clock.now
            while clock.now < end, !Task.isCancelled, !Task.isShuttingDownGracefully {
                guard let current = c.sessions.touch(session.id) else { break }
                let html = await render(current)
                if html != last {
                    let data = try JSONEncoder().encode(["html": html])
                    try await writer.write(ByteBuffer(string: "data: \(String(decoding: data, as: UTF8.self))\n\n"))
                    last = html
                    quietSince = clock.now
                } else if clock.now - quietSince > .seconds(15) {
                    try await writer.write(ByteBuffer(string: ": still here\n\n"))
                    quietSince = clock.now
                }
                try? await Task.sleep(for: c.refreshInterval)
            }
            try await writer.finish(nil)
        })
    }

    /// Headers every console page carries: nothing cached, no framing, no referrer, scripts and
    /// styles only from the controller.
    static func secured(_ response: inout Response) {
        response.headers[.cacheControl] = "no-store"
        response.headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
    }

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        response.headers[.contentType] = "text/html; charset=utf-8"
        secured(&response)
        return response
    }

    static func asset(_ text: String, type: String) -> Response {
        var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        response.headers[.contentType] = type
        secured(&response)
        return response
    }

    static func redirect(_ location: String) -> Response {
        var response = Response(status: .seeOther)
        response.headers[.location] = location
        secured(&response)
        return response
    }

    static func forbidden(_ session: ConsoleSession?, _ why: String) -> Response {
        page(ConsolePage.layout(title: "Not allowed", session: session, body: "<h1>Not allowed</h1>" + ConsolePage.notice(why)), status: .forbidden)
    }
}
