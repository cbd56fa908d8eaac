import AdvocateQueue
import CallRuntime
import Dialplan
import Foundation
import Hummingbird
import ServiceLifecycle

/// The staff console's routes, on the admin API's listener under `/console`: sign-in, the
/// advocate's page, the supervisor's live wallboard (server-sent events), and the actions each
/// role may take. Every form posts the session's CSRF token; every action is in the audit log.
public enum StaffConsole {
    public struct Controller: Sendable {
        public var queue: AdvocateQueueService
        public var reloader: PlanReloadService
        public var plans: PlanStore
        public var accounts: StaffAccountsStore
        public var sessions: ConsoleSessions
        public var audit: StaffAuditLog
        /// Cookies carry `Secure` (the console is served over TLS).
        public var secureCookies: Bool
        /// How often the live pages look for a change.
        public var refreshInterval: Duration
        /// Today's figures for the wallboard; nil: none shown.
        public var today: TodayFigures?
        /// The plan's run-time switches.
        public var switches: SwitchBoard
        /// The messages callers left (sealed); nil: no inbox.
        public var messages: MessageInbox?

        public init(queue: AdvocateQueueService, reloader: PlanReloadService, plans: PlanStore, accounts: StaffAccountsStore,
                    sessions: ConsoleSessions, audit: StaffAuditLog, secureCookies: Bool = false, refreshInterval: Duration = .milliseconds(500),
                    today: TodayFigures? = nil, switches: SwitchBoard = SwitchBoard(), messages: MessageInbox? = nil) {
            self.switches = switches
            self.messages = messages
            self.queue = queue
            self.reloader = reloader
            self.plans = plans
            self.accounts = accounts
            self.sessions = sessions
            self.audit = audit
            self.secureCookies = secureCookies
            self.refreshInterval = refreshInterval
            self.today = today
        }
    }

    static let sessionCookie = "hotline_session", loginCookie = "hotline_login"

    struct ActionForm: Decodable { var csrf: String?; var reason: String? }
    struct LoginForm: Decodable { var name: String?; var password: String?; var token: String? }

    public static func add(to router: Router<BasicRequestContext>, _ controller: Controller) {
        let c = controller
        router.get("/console/console.css") { _, _ -> Response in asset(ConsolePage.stylesheet, type: "text/css; charset=utf-8") }
        router.get("/console/console.js") { _, _ -> Response in asset(ConsoleScript.source, type: "text/javascript; charset=utf-8") }
        router.get("/console") { request, _ -> Response in
            guard let session = session(request, c) else { return redirect("/console/login") }
            return redirect(session.role == .advocate ? "/console/advocate" : "/console/wallboard")
        }
        router.get("/console/login") { request, _ -> Response in
            if session(request, c) != nil { return redirect("/console") }
            return loginPage(c, message: nil, status: .ok)
        }
        router.post("/console/login") { request, context -> Response in
            let form = try await URLEncodedFormDecoder().decode(LoginForm.self, from: request, context: context)
            return await signIn(form, request, c)
        }
        router.post("/console/logout") { request, context -> Response in
            let session = try await authorised(request, context, c, .advocate)
            c.sessions.end(session.id)
            c.audit.record(account: session.account, action: "sign-out")
            return signedOut()
        }
        router.post("/console/logout-everywhere") { request, context -> Response in
            let session = try await authorised(request, context, c, .advocate)
            let ended = c.sessions.endAll(of: session.account)
            c.audit.record(account: session.account, action: "sign-out-everywhere", result: "\(ended) sessions ended")
            return signedOut()
        }
        router.get("/console/advocate") { request, _ -> Response in
            guard let session = session(request, c) else { return redirect("/console/login") }
            guard session.role == .advocate else { return redirect("/console/wallboard") }
            let panel = await advocatePanel(session, c)
            return page(ConsolePage.layout(title: "My shift", session: session, body: "<h1>My shift</h1><div id=\"live\" data-events=\"/console/advocate/events\">\(panel.html(for: session))</div>", script: true))
        }
        router.get("/console/advocate/events") { request, _ -> Response in
            guard let session = session(request, c), session.role == .advocate else { return forbidden(nil, "sign in as an advocate") }
            return events(session, c) { await advocatePanel($0, c).html(for: $0) }
        }
        for action in ["login", "pause", "resume", "logout"] {
            router.post("/console/advocate/\(action)") { request, context -> Response in
                let (session, form) = try await authorisedForm(request, context, c, .advocate)
                guard session.role == .advocate, let advocate = session.advocate else { return forbidden(session, "only an advocate's own account works a shift") }
                let result = await agentAction(action, advocate, c, reason: form.reason)
                c.audit.record(account: session.account, action: "advocate-\(action)", advocate: advocate, result: result)
                return redirect("/console/advocate")
            }
        }
        router.get("/console/wallboard") { request, _ -> Response in
            guard let session = session(request, c) else { return redirect("/console/login") }
            guard session.role >= .supervisor else { return forbidden(session, "the wallboard is for supervisors and administrators; you are signed in as an advocate") }
            return await wallboardPage(session, c, notice: nil)
        }
        router.get("/console/wallboard/events") { request, _ -> Response in
            guard let session = session(request, c), session.role >= .supervisor else { return forbidden(nil, "sign in as a supervisor") }
            return events(session, c) { await wallboard(c).html(for: $0) }
        }
        for action in ["pause", "logout"] {
            router.post("/console/advocates/:id/\(action)") { request, context -> Response in
                let (session, form) = try await authorisedForm(request, context, c, .supervisor)
                let advocate = try context.parameters.require("id")
                let result = await agentAction(action, advocate, c, reason: form.reason)
                c.audit.record(account: session.account, action: "supervisor-\(action)", advocate: advocate, result: result)
                return redirect("/console/wallboard")
            }
        }
        for position in ["on", "off"] {
            router.post("/console/switches/:name/\(position)") { request, context -> Response in
                let session = try await authorised(request, context, c, .supervisor)
                let name = try context.parameters.require("name")
                guard let declared = c.plans.current.switches.first(where: { $0.name == name }) else { return forbidden(session, "the plan serving has no switch '\(name)'") }
                guard session.role >= Wallboard.flipRole(declared) else {
                    c.audit.record(account: session.account, action: "switch-\(position)", result: "\(name): needs \(declared.flip)")
                    return forbidden(session, "switch '\(declared.label)' may be flipped by \(declared.flip)s only")
                }
                do {
                    try c.switches.flip(name, on: position == "on", in: c.plans.current)
                    c.audit.record(account: session.account, action: "switch-\(position)", result: name)
                    return await wallboardPage(session, c, notice: "\(declared.label): \(position). Calls from now on take the \(position) branch.")
                } catch {
                    c.audit.record(account: session.account, action: "switch-\(position)", result: "\(name): failed")
                    return await wallboardPage(session, c, notice: "\(error)")
                }
            }
        }
        addInbox(to: router, c)
        router.post("/console/plan/reload") { request, context -> Response in
            let session = try await authorised(request, context, c, .administrator)
            let report = await c.reloader.report()
            c.audit.record(account: session.account, action: "plan-reload", result: report.reloaded ? "version \(report.planVersion)" : "refused")
            let notice = report.reloaded ? "Plan \(report.planVersion) is serving." : "Reload refused; plan \(report.planVersion) keeps serving: \(report.errors.prefix(3).joined(separator: " "))"
            return await wallboardPage(session, c, notice: notice)
        }
    }

    // MARK: sessions and forms

    static func session(_ request: Request, _ c: Controller) -> ConsoleSession? {
        guard let id = request.cookies[sessionCookie]?.value, !id.isEmpty else { return nil }
        return c.sessions.touch(id)
    }

    /// The session behind a form post, with at least `role`, carrying its own CSRF token.
    static func authorised(_ request: Request, _ context: BasicRequestContext, _ c: Controller, _ role: StaffRole) async throws -> ConsoleSession {
        try await authorisedForm(request, context, c, role).session
    }

    /// `authorised`, with the form's other fields.
    static func authorisedForm(_ request: Request, _ context: BasicRequestContext, _ c: Controller, _ role: StaffRole) async throws -> (session: ConsoleSession, form: ActionForm) {
        guard let session = session(request, c) else { throw HTTPError(.unauthorized, message: "not signed in (or the session ran out): sign in at /console/login") }
        let form = try? await URLEncodedFormDecoder().decode(ActionForm.self, from: request, context: context)
        guard let token = form?.csrf, constantTimeEqual(token, session.csrfToken) else {
            c.audit.record(account: session.account, action: "form-refused", result: "missing or wrong CSRF token")
            throw HTTPError(.forbidden, message: "this form did not come from your console page (missing or wrong CSRF token): reload the page and try again")
        }
        guard session.role >= role else {
            c.audit.record(account: session.account, action: "form-refused", result: "needs \(role.rawValue)")
            throw HTTPError(.forbidden, message: "this needs a \(role.rawValue) account; you are signed in as \(session.role.rawValue)")
        }
        return (session, form ?? ActionForm())
    }

    static func signIn(_ form: LoginForm, _ request: Request, _ c: Controller) async -> Response {
        guard let expected = request.cookies[loginCookie]?.value, let token = form.token, constantTimeEqual(token, expected) else {
            return loginPage(c, message: "The sign-in form had expired; please sign in again.", status: .forbidden)
        }
        let name = form.name ?? "", password = form.password ?? ""
        let shownName = StaffAccount.isValidName(name) ? name : "(not a valid name)"
        if let wait = c.sessions.throttleWait(for: name) {
            c.audit.record(account: shownName, action: "sign-in", result: "throttled")
            return loginPage(c, message: "Too many failed sign-ins; try again in \(Int(wait / 60) + 1) minutes.", status: .tooManyRequests)
        }
        guard let account = c.accounts.account(named: name), await PasswordHash.verify(password, against: account.passwordHash) else {
            c.sessions.recordFailure(name)
            c.audit.record(account: shownName, action: "sign-in", result: "refused")
            return loginPage(c, message: "That name and password do not match an account.", status: .unauthorized)
        }
        c.sessions.recordSuccess(name)
        let session = c.sessions.start(for: account)
        c.audit.record(account: account.name, action: "sign-in")
        var response = redirect("/console")
        response.setCookie(cookie(sessionCookie, session.id, c))
        response.setCookie(cookie(loginCookie, "gone", c, maxAge: 0))
        return response
    }

    static func cookie(_ name: String, _ value: String, _ c: Controller, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/console", secure: c.secureCookies, httpOnly: true, sameSite: .strict)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    // MARK: pages

    static func loginPage(_ c: Controller, message: String?, status: HTTPResponse.Status) -> Response {
        let token = ConsoleSession.randomToken()
        var response = page(ConsolePage.login(token: token, message: message), status: status)
        response.setCookie(cookie(loginCookie, token, c, maxAge: 3600))
        return response
    }

    static func signedOut() -> Response {
        var response = redirect("/console/login")
        response.setCookie(Cookie(name: sessionCookie, value: "gone", maxAge: 0, path: "/console", httpOnly: true, sameSite: .strict))
        return response
    }
}
