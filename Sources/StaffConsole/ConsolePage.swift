import AdvocateQueue
import CallEngine
import CallReports

/// The console's HTML: server-rendered pages in one layout, a stylesheet and a little script
/// served by the controller itself (no build step, no CDN; the pages work offline on the LAN).
/// Every value written into a page goes through `escape`.
enum ConsolePage {
    static func escape(_ text: String) -> String { ReportHTMLRenderer.escape(text) }

    /// A page: header with who is signed in and the sign-out forms, then `body`.
    static func layout(title: String, session: ConsoleSession?, body: String, script: Bool = false) -> String {
        var header = "<header><strong>Hotline console</strong>"
        if let session {
            header += "<span class=\"who\">\(escape(session.account)) · \(escape(session.role.rawValue))</span>"
            header += form("/console/logout", session, label: "Sign out")
            header += form("/console/logout-everywhere", session, label: "Sign out everywhere", style: "quiet")
        }
        header += "</header>"
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · Hotline console</title><link rel="stylesheet" href="/console/console.css"></head>
        <body>\(header)<main>\(body)</main>\(script ? "<script src=\"/console/console.js\"></script>" : "")</body></html>
        """
    }

    /// A button that posts with the session's CSRF token.
    static func form(_ action: String, _ session: ConsoleSession, label: String, style: String = "", disabled: Bool = false) -> String {
        "<form method=\"post\" action=\"\(escape(action))\"><input type=\"hidden\" name=\"csrf\" value=\"\(escape(session.csrfToken))\">"
            + "<button type=\"submit\" class=\"\(style)\"\(disabled ? " disabled" : "")>\(escape(label))</button></form>"
    }

    /// The pause button with its reasons (a fixed list: a typed note could name a caller).
    static func pauseForm(_ action: String, _ session: ConsoleSession, label: String = "Pause", style: String = "") -> String {
        let options = PauseReason.chosen.map { "<option value=\"\($0.rawValue)\">\(escape($0.label))</option>" }.joined()
        return "<form method=\"post\" action=\"\(escape(action))\" class=\"pause\"><input type=\"hidden\" name=\"csrf\" value=\"\(escape(session.csrfToken))\">"
            + "<select name=\"reason\" aria-label=\"reason\">\(options)</select><button type=\"submit\" class=\"\(style)\">\(escape(label))</button></form>"
    }

    static func notice(_ text: String?, kind: String = "error") -> String {
        guard let text, !text.isEmpty else { return "" }
        return "<p class=\"notice \(kind)\" role=\"alert\">\(escape(text))</p>"
    }

    static func login(token: String, message: String?) -> String {
        layout(title: "Sign in", session: nil, body: """
        <h1>Sign in</h1>\(notice(message))
        <form method="post" action="/console/login" class="login">
        <input type="hidden" name="token" value="\(escape(token))">
        <label>Name <input name="name" autocomplete="username" required autofocus></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Sign in</button></form>
        """)
    }

    static let stylesheet = """
    *{box-sizing:border-box} body{margin:0;font:16px/1.45 "DejaVu Sans",system-ui,sans-serif;color:#0f172a;background:#f8fafc}
    header{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:10px 16px;background:#1e293b;color:#f8fafc}
    header .who{margin-left:auto;font-size:14px} header form{display:inline}
    header button{min-height:32px;padding:4px 10px;font-size:14px;background:transparent;border-color:#94a3b8;color:#f8fafc} main{padding:16px;max-width:1200px;margin:0 auto}
    h1{font-size:22px;margin:4px 0 12px} h2{font-size:18px;margin:20px 0 8px} td.when{white-space:nowrap}
    button{font:inherit;padding:8px 14px;border-radius:6px;border:1px solid #1d4ed8;background:#2563eb;color:#fff;cursor:pointer;min-height:40px}
    button.quiet{background:transparent;border-color:#64748b;color:inherit} button[disabled]{opacity:.5;cursor:default}
    .login{display:grid;gap:12px;max-width:360px} .login label{display:grid;gap:4px} input{font:inherit;padding:8px;border:1px solid #94a3b8;border-radius:6px}
    .notice{padding:10px 12px;border-radius:6px} .notice.error{background:#fee2e2;color:#7f1d1d} .notice.info{background:#e0f2fe;color:#0c4a6e}
    .state{font-size:28px;font-weight:700} .actions{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
    table{border-collapse:collapse;width:100%;background:#fff} th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e2e8f0;font-size:15px}
    td.n,th.n{text-align:right} td form{display:inline} form.pause{display:inline-flex;gap:6px} select{font:inherit;padding:6px;border-radius:6px;border:1px solid #94a3b8} td button{min-height:32px;padding:4px 10px;font-size:14px}
    .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px}
    .tile{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px} .tile .value{font-size:26px;font-weight:700}
    .alerts li{color:#7f1d1d} .live{font-size:13px;color:#475569} .scroll{overflow-x:auto}
    """
}
