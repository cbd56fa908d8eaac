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
    /// The start of a line whose end has not come yet (in practice only within the environment
    /// block, which comes in several reads).
    private var partial: ByteBuffer?

    public init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// Hands `body` every whole line in `bytes`, the first one completing what an earlier read
    /// left unended; keeps the unended rest for the next read.
    public mutating func lines(in bytes: ByteBuffer, _ body: (ByteBuffer) -> Void) throws(LineTooLong) {
        var buffer = bytes
        if var earlier = partial {
            partial = nil
            earlier.writeBuffer(&buffer)
            buffer = earlier
        }
        while let line = try nextLine(&buffer) { body(line) }
        if buffer.readableBytes > 0 { partial = buffer }
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
