import CallLog
import Foundation
import HTTPTypes
import Hummingbird
import MessageVault

/// The inbox's routes: supervisors and administrators list messages, download a sealed file,
/// and mark one followed up. Each action is in the audit log with the message's id, no content.
extension StaffConsole {
    static func addInbox(to router: Router<BasicRequestContext>, _ c: Controller) {
        router.get("/console/messages") { request, _ -> Response in
            guard let session = session(request, c) else { return redirect("/console/login") }
            guard session.role >= .supervisor else { return forbidden(session, "the messages are for supervisors and administrators") }
            guard let inbox = c.messages else { return forbidden(session, "this controller keeps no messages (serve has no --message-key)") }
            let body = "<h1>Messages</h1><p><a href=\"/console/wallboard\">← Wallboard</a></p>" + (await inbox.html(for: session))
            return page(ConsolePage.layout(title: "Messages", session: session, body: body))
        }
        router.get("/console/messages/:id/sealed") { request, context -> Response in
            guard let session = session(request, c), session.role >= .supervisor else { return forbidden(nil, "sign in as a supervisor") }
            let id = try context.parameters.require("id")
            guard let inbox = c.messages, MessageRecord.isValidID(id), let sealed = try? inbox.store.read(id) else {
                return page(ConsolePage.layout(title: "No such message", session: session, body: "<h1>No such message</h1>"), status: .notFound)
            }
            c.audit.record(account: session.account, action: "message-download", result: id)
            var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: sealed)))
            response.headers[.contentType] = "application/octet-stream"
            response.headers[.contentDisposition] = "attachment; filename=\"\(id).sealed\""
            secured(&response)
            return response
        }
        router.post("/console/messages/:id/done") { request, context -> Response in
            let session = try await authorised(request, context, c, .supervisor)
            let id = try context.parameters.require("id")
            guard let inbox = c.messages, MessageRecord.isValidID(id), (try? await inbox.database.markMessageDone(id: id, at: Date())) == true else {
                return forbidden(session, "no message \(id)")
            }
            c.audit.record(account: session.account, action: "message-done", result: id)
            return redirect("/console/messages")
        }
    }
}
