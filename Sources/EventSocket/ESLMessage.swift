/// One message FreeSWITCH sends over the Event Socket: a header block and, when it says
/// `Content-Length`, exactly that many bytes of body. Header order varies by message type (the
/// `connect` reply puts `Content-Type` after a hundred channel headers), so headers are kept in
/// order and looked up by name.
public struct ESLMessage: Hashable, Sendable {
    public var headers: [ESLHeader]
    public var body: [UInt8]

    public init(headers: [ESLHeader], body: [UInt8] = []) {
        self.headers = headers
        self.body = body
    }

    /// The first header of that name (names compare exactly, as FreeSWITCH writes them).
    public subscript(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// `command/reply`, `api/response`, `text/event-plain`, `text/event-json`, `text/disconnect-notice`.
    public var contentType: String? { self["Content-Type"] }

    public enum Kind: Hashable, Sendable {
        case commandReply
        case apiResponse
        case event
        case disconnectNotice
        case other(String?)
    }

    public var kind: Kind {
        switch contentType {
        case "command/reply": .commandReply
        case "api/response": .apiResponse
        case "text/event-plain", "text/event-json": .event
        case "text/disconnect-notice": .disconnectNotice
        case let other: .other(other)
        }
    }
}

/// A `Name: value` line of a header block, the value as sent (URL-decoding is the event's business).
public struct ESLHeader: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
