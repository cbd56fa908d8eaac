import NIOCore

/// Frames the PBX's byte stream into lines, with a hard limit on line length so a peer that
/// never sends `\n` cannot grow the buffer without bound. Emits each line without its `\n`
/// (and without a stray `\r`).
public struct AGILineDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    struct LineTooLong: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "a line from the PBX is longer than \(limit) bytes" }
    }

    let maximumLineLength: Int
    /// How far the buffer has already been searched for `\n`.
    private var searched = 0

    public init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view[view.startIndex.advanced(by: searched)...].firstIndex(of: UInt8(ascii: "\n")) else {
            searched = view.count
            if view.count > maximumLineLength { throw LineTooLong(limit: maximumLineLength) }
            return .needMoreData
        }
        let length = newline - view.startIndex
        if length > maximumLineLength { throw LineTooLong(limit: maximumLineLength) }
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)! }
        searched = 0
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A partial last line is dropped: Asterisk always ends its lines.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
