import Hummingbird

/// `Authorization: Bearer <token>` or 401 with a body that says what to send, compared in
/// constant time. No token configured: every request gets 401, so an API left without a token
/// is closed, not open.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token, !token.isEmpty else {
            return Self.refusal("this controller was started without an admin token: every request is refused; start serve with --admin-token-file FILE")
        }
        // The scheme is case-insensitive (RFC 9110 §11.1): "bearer" is as good as "Bearer".
        guard let header = request.headers[.authorization], header.prefix(7).lowercased() == "bearer ",
              Self.same(Array(header.dropFirst(7).utf8), Array(token.utf8)) else {
            return Self.refusal("send the admin token as 'Authorization: Bearer <token>' (the token serve read from --admin-token-file)")
        }
        return try await next(request, context)
    }

    static func refusal(_ message: String) -> Response {
        var response = Response(status: .unauthorized, body: ResponseBody(byteBuffer: ByteBuffer(string: AdminAPI.errorJSON(message))))
        response.headers[.wwwAuthenticate] = "Bearer"
        response.headers[.contentType] = "application/json; charset=utf-8"
        return response
    }

    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
