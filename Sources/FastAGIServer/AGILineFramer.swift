import NIOCore

/// Cuts the PBX's byte stream into lines, with a hard limit on line length so a peer that never
/// sends `\n` cannot grow the buffer without bound. A line comes without its `\n` (and without a
/// stray `\r`). The controller's connections frame their own lines with it (a
/// `ByteToMessageHandler` in front cost each held caller ~510 bytes and every line a pipeline
/// hop); `AGILineDecoder` wraps it for the tools that speak FastAGI.
public struct AGILineFramer: Sendable {
    public struct LineTooLong: Error, CustomStringConvertible {
        public let limit: Int
        public var description: String { "a line from the PBX is longer than \(limit) bytes" }
    }

    public let maximumLineLength: Int
    /// How far the buffer has already been searched for `\n`.
    private var searched = 0

    public init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// The next whole line in `buffer`, which moves past it and its `\n`; nil while the line has
    /// not ended (the caller keeps the bytes and hands them back with the next ones).
    public mutating func nextLine(_ buffer: inout ByteBuffer) throws(LineTooLong) -> ByteBuffer? {
        let view = buffer.readableBytesView
        guard let newline = view[view.startIndex.advanced(by: searched)...].firstIndex(of: UInt8(ascii: "\n")) else {
            searched = view.count
            if view.count > maximumLineLength { throw LineTooLong(limit: maximumLineLength) }
            return nil
        }
        let length = newline - view.startIndex
        if length > maximumLineLength { throw LineTooLong(limit: maximumLineLength) }
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)! }
        searched = 0
        return line
    }
}
