import AdvocateQueue
import CallEngine
import CallRuntime
import Foundation
import Hummingbird
import HummingbirdTLS
import NIOSSL
import Logging

/// The admin HTTP API (Hummingbird), loopback by default. `/health` and `/ready` answer anyone
/// (a load balancer or a monitoring probe has no token) and say nothing about calls; every other
/// route needs `Authorization: Bearer <token>`, and without a configured token is refused.
/// Reference: docs/admin-api.yaml (OpenAPI).
public enum AdminAPI {
    /// `/status`: the plan serving and the calls now (behind the token).
    public struct Status: ResponseEncodable, Sendable {
        public var status: String
        public var planVersion: String
        public var activeCalls: Int
        public var waitingCalls: Int
    }

    /// `/health`: the process answers. Nothing else.
    public struct Health: ResponseEncodable, Sendable {
        public var status: String
    }

    /// `/ready`: whether calls can be served and counted; each check says what is wrong.
    public struct Readiness: ResponseEncodable, Sendable, Equatable {
        public var ready: Bool
        public var plan: String
        public var callLog: String

        public init(plan: String?, callLog: String?) {
            ready = plan == nil && callLog == nil
            self.plan = plan ?? "ok"
            self.callLog = callLog ?? "ok"
        }
    }

    public struct AgentReply: ResponseEncodable, Sendable {
        public var id: String
        public var status: AgentStatus
    }

    /// A run-time switch and where it stands (`/switches`).
    public struct SwitchLine: ResponseEncodable, Sendable, Equatable {
        public var name: String
        public var label: String
        public var flip: String
        public var on: Bool
    }

    /// What the API needs from the running controller.
    public struct Controller: Sendable {
        public var queue: AdvocateQueueService
        public var reloader: PlanReloadService
        public var plans: PlanStore
        public var activeCalls: @Sendable () -> Int
        /// What is wrong with the call log, nil when it is being written.
        public var callLogProblem: @Sendable () -> String?
        public var metrics: ServiceMetrics
        public var switches: SwitchBoard

        public init(queue: AdvocateQueueService, reloader: PlanReloadService, plans: PlanStore, activeCalls: @escaping @Sendable () -> Int,
                    callLogProblem: @escaping @Sendable () -> String? = { nil }, metrics: ServiceMetrics = ServiceMetrics(),
                    switches: SwitchBoard = SwitchBoard()) {
            self.switches = switches
            self.queue = queue
            self.reloader = reloader
            self.plans = plans
            self.activeCalls = activeCalls
            self.callLogProblem = callLogProblem
            self.metrics = metrics
        }
    }

    /// The router: the open probes, then the routes behind the token.
    public static func router(_ controller: Controller, token: String?) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/health") { _, _ -> Health in
            Health(status: "ok")
        }
        router.get("/ready") { _, _ -> Response in
            let readiness = Readiness(plan: controller.plans.current.states.isEmpty ? "no plan loaded" : nil, callLog: controller.callLogProblem())
            return try json(readiness, status: readiness.ready ? .ok : .serviceUnavailable)
        }
        let guarded = router.group().add(middleware: BearerTokenMiddleware(token: token))
        let queue = controller.queue, plans = controller.plans
        guarded.get("/status") { _, _ -> Status in
            Status(status: "ok", planVersion: plans.current.version, activeCalls: controller.activeCalls(),
                   waitingCalls: await queue.status().waiting.reduce(0) { $0 + $1.calls })
        }
        guarded.get("/metrics") { _, _ -> Response in
            let text = controller.metrics.scrape(activeCalls: controller.activeCalls(), queue: await queue.status(), languages: plans.current.languages)
            var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
            response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        }
        guarded.get("/queues") { _, _ -> QueueStatus in
            await queue.status()
        }
        guarded.get("/agents") { _, _ -> [QueueStatus.AgentLine] in
            await queue.status().agents
        }
        for action in ["login", "logout", "pause", "resume"] {
            guarded.post("/agents/:id/\(action)") { request, context -> AgentReply in
                let id = try context.parameters.require("id")
                // A pause's reason is one of a fixed list (free text could name a caller).
                var reason = PauseReason.other
                if action == "pause", let given = request.uri.queryParameters.get("reason") {
                    guard let chosen = PauseReason(rawValue: given), PauseReason.chosen.contains(chosen) else {
                        throw HTTPError(.badRequest, message: "reason '\(given)': use one of \(PauseReason.chosen.map(\.rawValue).joined(separator: ", "))")
                    }
                    reason = chosen
                }
                do {
                    let status: AgentStatus
                    switch action {
                    case "login": status = try await queue.login(id)
                    case "logout": status = try await queue.logout(id)
                    case "pause": status = try await queue.pause(id, reason: reason)
                    default: status = try await queue.resume(id)
                    }
                    return AgentReply(id: id, status: status)
                } catch {
                    throw HTTPError(.notFound, message: "no advocate '\(id)' in the roster")
                }
            }
        }
        guarded.get("/switches") { _, _ -> [SwitchLine] in
            let on = controller.switches.on
            return plans.current.switches.map { SwitchLine(name: $0.name, label: $0.label, flip: $0.flip, on: on.contains($0.name)) }
        }
        for position in ["on", "off"] {
            guarded.post("/switches/:name/\(position)") { _, context -> SwitchLine in
                let name = try context.parameters.require("name")
                do throws(SwitchBoard.Problem) {
                    let flipped = try controller.switches.flip(name, on: position == "on", in: plans.current)
                    return SwitchLine(name: flipped.name, label: flipped.label, flip: flipped.flip, on: position == "on")
                } catch {
                    throw HTTPError(error.kind == .unknownSwitch ? .notFound : .internalServerError, message: error.description)
                }
            }
        }
        guarded.post("/plan/reload") { _, _ -> PlanReloadService.Report in
            await controller.reloader.report()
        }
        return router
    }

    /// The admin application, a `Service` for the server's `ServiceGroup`; over TLS when given
    /// a configuration (`AdminTLS`).
    public static func application(router: Router<BasicRequestContext>, host: String, port: Int, logger: Logger, tls: TLSConfiguration? = nil,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        Application(router: router, server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
                    configuration: .init(address: .hostname(host, port: port), serverName: "hotline-admin"),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var response = Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
        response.headers[.contentType] = "application/json; charset=utf-8"
        return response
    }

    /// `{"error": message}`, for replies built outside a route.
    static func errorJSON(_ message: String) -> String {
        let data = (try? JSONEncoder().encode(["error": message])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension QueueStatus: ResponseEncodable {}
extension QueueStatus.AgentLine: ResponseEncodable {}
extension PlanReloadService.Report: ResponseEncodable {}
