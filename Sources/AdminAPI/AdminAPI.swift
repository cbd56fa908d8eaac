import AdvocateQueue
import CallRuntime
import Foundation
import Hummingbird
import Logging

/// The admin HTTP API (Hummingbird), loopback by default. Every route needs
/// `Authorization: Bearer <token>`; without a configured token every request is refused.
/// Reference: docs/admin-api.yaml (OpenAPI).
public enum AdminAPI {
    public struct Health: ResponseEncodable, Sendable {
        public var status: String
        public var planVersion: String
        public var activeCalls: Int
        public var waitingCalls: Int
    }

    public struct AgentReply: ResponseEncodable, Sendable {
        public var id: String
        public var status: AgentStatus
    }

    public struct ErrorReply: ResponseEncodable, Sendable {
        public var error: String
    }

    /// The router with its routes and the token check.
    public static func router(queue: AdvocateQueueService, reloader: PlanReloadService, plans: PlanStore,
                              activeCalls: @escaping @Sendable () -> Int, token: String?) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: BearerTokenMiddleware(token: token))
        router.get("/health") { _, _ -> Health in
            Health(status: "ok", planVersion: plans.current.version, activeCalls: activeCalls(), waitingCalls: await queue.status().waiting.reduce(0) { $0 + $1.calls })
        }
        router.get("/queues") { _, _ -> QueueStatus in
            await queue.status()
        }
        router.get("/agents") { _, _ -> [QueueStatus.AgentLine] in
            await queue.status().agents
        }
        for action in ["login", "logout", "pause", "resume"] {
            router.post("/agents/:id/\(action)") { _, context -> AgentReply in
                let id = try context.parameters.require("id")
                do {
                    let status: AgentStatus
                    switch action {
                    case "login": status = try await queue.login(id)
                    case "logout": status = try await queue.logout(id)
                    case "pause": status = try await queue.pause(id)
                    default: status = try await queue.resume(id)
                    }
                    return AgentReply(id: id, status: status)
                } catch {
                    throw HTTPError(.notFound, message: "no advocate '\(id)' in the roster")
                }
            }
        }
        router.post("/plan/reload") { _, _ -> PlanReloadService.Report in
            await reloader.report()
        }
        return router
    }

    /// The admin application, a `Service` for the server's `ServiceGroup`.
    public static func application(router: Router<BasicRequestContext>, host: String, port: Int, logger: Logger,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "hotline-admin"),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }
}

extension QueueStatus: ResponseEncodable {}
extension QueueStatus.AgentLine: ResponseEncodable {}
extension PlanReloadService.Report: ResponseEncodable {}

/// `Authorization: Bearer <token>` or 401, compared in constant time. No token configured:
/// every request gets 401, so an API left without a token is closed, not open.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The scheme is case-insensitive (RFC 9110 §11.1): "bearer" is as good as "Bearer".
        guard let token, !token.isEmpty, let header = request.headers[.authorization], header.prefix(7).lowercased() == "bearer ",
              Self.same(Array(header.dropFirst(7).utf8), Array(token.utf8)) else {
            var response = Response(status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }

    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
