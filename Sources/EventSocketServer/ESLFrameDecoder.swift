import EventSocket
import NIOCore

/// The Event Socket framing on a SwiftNIO channel: bytes in, whole `ESLMessage`s out, within
/// `ESLLimits`. A peer past the limits gets `ESLFrameParser.Failure` through `errorCaught` and the
/// channel closed; no received byte is ever put into the error's text.
public final class ESLFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ESLMessage

    var parser: ESLFrameParser

    public init(limits: ESLLimits = ESLLimits()) {
        parser = ESLFrameParser(limits: limits)
    }

    public func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard buffer.readableBytes > 0 else { return .needMoreData }
        let messages = try buffer.withUnsafeReadableBytes { bytes throws(ESLFrameParser.Failure) in try parser.consume(bytes) }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        for message in messages { context.fireChannelRead(wrapInboundOut(message)) }
        return .needMoreData
    }

    public func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}
