/// Frames the Event Socket byte stream into messages: `Name: value\n` lines up to an empty line,
/// then exactly `Content-Length` bytes of body with no terminator (the next message starts right
/// after its last byte). FreeSWITCH writes header block and body separately and several messages
/// can arrive in one read: bytes are buffered until a message is whole. Pure and bounded: a
/// header block or body past `ESLLimits` is a violation, after which the connection is dropped.
public struct ESLFrameParser: Sendable {
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        case tooManyHeaders(Int)
        case lineTooLong(Int)
        case bodyTooLong(Int)
        case badContentLength
        case notUTF8

        public var description: String {
            switch self {
            case .tooManyHeaders(let limit): "a message from FreeSWITCH has more than \(limit) header lines"
            case .lineTooLong(let limit): "a header line from FreeSWITCH is longer than \(limit) bytes"
            case .bodyTooLong(let limit): "a message from FreeSWITCH announces a body longer than \(limit) bytes"
            case .badContentLength: "a message from FreeSWITCH has a Content-Length that is not a number"
            case .notUTF8: "a header line from FreeSWITCH is not UTF-8"
            }
        }
    }

    let limits: ESLLimits
    var buffer: [UInt8] = []
    var headers: [ESLHeader] = []
    /// The body length of the message being read, once its header block is complete.
    var bodyLength: Int?
    /// How far into `buffer` is known to hold no newline: a line that arrives a byte at a time
    /// is searched once, not once per byte.
    var searched = 0
    var failed = false

    public init(limits: ESLLimits = ESLLimits()) {
        self.limits = limits
    }

    /// Adds bytes; returns the messages they completed, in order.
    public mutating func consume<Bytes: Sequence>(_ bytes: Bytes) throws(Failure) -> [ESLMessage] where Bytes.Element == UInt8 {
        guard !failed else { return [] }
        buffer.append(contentsOf: bytes)
        var messages: [ESLMessage] = []
        var start = 0
        defer {
            buffer.removeFirst(start)
            searched = max(0, searched - start)
        }
        do throws(Failure) {
            while true {
                if let length = bodyLength {
                    guard buffer.count - start >= length else { break }
                    messages.append(ESLMessage(headers: headers, body: Array(buffer[start..<(start + length)])))
                    start += length
                    headers = []
                    bodyLength = nil
                    continue
                }
                guard let newline = buffer[max(start, searched)...].firstIndex(of: 0x0A) else {
                    if buffer.count - start > limits.maximumLineBytes { throw Failure.lineTooLong(limits.maximumLineBytes) }
                    searched = buffer.count
                    break
                }
                var line = buffer[start..<newline]
                start = newline + 1
                if line.last == 0x0D { line = line.dropLast() }
                guard line.count <= limits.maximumLineBytes else { throw Failure.lineTooLong(limits.maximumLineBytes) }
                if line.isEmpty {
                    // Empty lines before a message's first header are not a message.
                    guard !headers.isEmpty else { continue }
                    let length = try Self.contentLength(headers)
                    guard length <= limits.maximumBodyBytes else { throw Failure.bodyTooLong(limits.maximumBodyBytes) }
                    if length == 0 {
                        messages.append(ESLMessage(headers: headers))
                        headers = []
                    } else {
                        bodyLength = length
                    }
                    continue
                }
                guard headers.count < limits.maximumHeaders else { throw Failure.tooManyHeaders(limits.maximumHeaders) }
                headers.append(try Self.header(line))
            }
        } catch {
            failed = true
            buffer.removeAll()
            start = 0
            throw error
        }
        return messages
    }

    /// Bytes held for a message not yet whole.
    public var pendingBytes: Int { buffer.count }

    static func header(_ line: ArraySlice<UInt8>) throws(Failure) -> ESLHeader {
        guard let text = String(validating: line, as: UTF8.self) else { throw .notUTF8 }
        guard let colon = text.firstIndex(of: ":") else { return ESLHeader(text, "") }
        var value = text[text.index(after: colon)...]
        if value.first == " " { value = value.dropFirst() }
        return ESLHeader(String(text[..<colon]), String(value))
    }

    static func contentLength(_ headers: [ESLHeader]) throws(Failure) -> Int {
        guard let text = headers.first(where: { $0.name == "Content-Length" })?.value else { return 0 }
        guard let length = Int(text.filter { $0 != " " }), length >= 0 else { throw .badContentLength }
        return length
    }
}
