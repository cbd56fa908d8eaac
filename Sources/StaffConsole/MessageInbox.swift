import CallLog
import Foundation
import MessageVault

/// The supervisor's inbox: the messages callers left, as the call log lists them (hour,
/// language, campaign, length, state), their sealed files to download, and "followed up". The
/// server holds no private key: a message is opened on the supervisor's own machine with
/// `hotline messages open FILE.sealed --key …`.
public struct MessageInbox: Sendable {
    public var database: CallLogDatabase
    public var store: MessageStore

    public init(database: CallLogDatabase, store: MessageStore) {
        self.database = database
        self.store = store
    }

    /// The inbox as a page part: newest first, the ones not followed up on top.
    func html(for session: ConsoleSession) async -> String {
        let messages: [MessageRecord]
        do { messages = try await database.messages() } catch {
            return ConsolePage.notice("The call log could not be read: \(error)")
        }
        guard !messages.isEmpty else { return "<p class=\"muted\">No messages. Callers who leave one appear here, sealed.</p>" }
        let ordered = messages.sorted { ($0.state == .new ? 0 : 1, -$0.hour) < ($1.state == .new ? 0 : 1, -$1.hour) }
        var rows = ""
        for m in ordered {
            let id = ConsolePage.escape(m.id)
            let done = m.state == .done ? "followed up" : ConsolePage.form("/console/messages/\(m.id)/done", session, label: "Followed up", style: "quiet")
            rows += "<tr data-message=\"\(id)\" data-state=\"\(m.state.rawValue)\"><td class=\"when\">\(ConsolePage.escape(MessageRecord.hourText(m.hour)))</td><td>\(ConsolePage.escape(m.language))</td>"
                + "<td>\(ConsolePage.escape(m.campaign))</td><td>\(m.seconds) s</td>"
                + "<td><a href=\"/console/messages/\(id)/sealed\" download=\"\(id).sealed\">sealed file</a></td><td>\(done)</td></tr>"
        }
        return """
        <p>Open a downloaded file on your own machine: <code>hotline messages open FILE.sealed --key hotline-messages.key --out message.wav</code>. \
        Mark it followed up once it is; <code>hotline messages purge</code> deletes it after that.</p>
        <div class="scroll"><table><thead><tr><th>hour</th><th>language</th><th>campaign</th><th>length</th><th>message</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>
        """
    }
}
