// The baseline for `make bench`: a FastAGI responder with no engine, no plan and no call log
// that sends a fixed list of command lines (the exact sequence the controller produced for the
// same caller script, recorded by `hotline loadtest --record`) and closes. A bare SwiftNIO
// ChannelHandler set up as the controller's connections are (lines framed in the handler with
// `AGILineFramer`, the same read-buffer options), so "ours ÷ baseline" measures what the
// controller adds.
import FastAGIServer
import Foundation
import NIOCore
import NIOPosix

final class FixedResponder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let commands: [(line: String, early: Bool)]
    var framer = AGILineFramer(maximumLineLength: 8192)
    var inEnvironment = true
    var next = 0
    var owed = 0

    init(commands: [(line: String, early: Bool)]) {
        self.commands = commands
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        do {
            try framer.lines(in: unwrapInboundIn(data)) { lineReceived($0, context: context) }
        } catch {
            context.close(promise: nil)
        }
    }

    func lineReceived(_ line: ByteBuffer, context: ChannelHandlerContext) {
        if inEnvironment {
            if line.readableBytes == 0 {
                inEnvironment = false
                send(context)
            }
            return
        }
        if line.readableBytesView.first == UInt8(ascii: "H") { return }   // the PBX's HANGUP line
        owed -= 1
        if owed <= 0 { send(context) }
    }

    /// Sends the next command, and with it any recorded as sent before its reply.
    func send(_ context: ChannelHandlerContext) {
        guard next < commands.count else {
            context.close(promise: nil)
            return
        }
        repeat {
            context.write(wrapOutboundOut(context.channel.allocator.buffer(string: commands[next].line + "\n")), promise: nil)
            next += 1
            owed += 1
        } while next < commands.count && commands[next].early
        context.flush()
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let colon = arguments[1].lastIndex(of: ":"), let port = Int(arguments[1][arguments[1].index(after: colon)...]),
      let text = try? String(contentsOfFile: arguments[2], encoding: .utf8) else {
    print("usage: hotline-baseline HOST:PORT COMMANDS-FILE   (commands from `hotline loadtest --record FILE`)")
    exit(2)
}
let host = String(arguments[1][..<colon])
let commands = text.split(separator: "\n").map { $0.hasPrefix("+") ? (String($0.dropFirst()), true) : (String($0), false) }
let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    .serverChannelOption(.backlog, value: 1024)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelOption(.maxMessagesPerRead, value: 1)
    .childChannelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 256))
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(FixedResponder(commands: commands))
        }
    }
    .bind(host: host, port: port).wait()
print("baseline listening on \(host):\(port) with \(commands.count) commands a call")
try channel.closeFuture.wait()
