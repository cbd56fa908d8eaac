import NIOCore

/// `AGILineFramer` as a `ByteToMessageDecoder`, for the tools that speak FastAGI (the load
/// generator, the NIO baseline, the tests' PBX). Emits each line without its `\n`.
public struct AGILineDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    private var framer: AGILineFramer

    public init(maximumLineLength: Int) {
        framer = AGILineFramer(maximumLineLength: maximumLineLength)
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let line = try framer.nextLine(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A partial last line is dropped: Asterisk always ends its lines.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
