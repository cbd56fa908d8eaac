import NIOCore

/// One simulated call on the PBX side of FastAGI: sends the environment block, answers each
/// command like Asterisk (a WAIT FOR DIGIT on hold runs its whole time; `200 result=1` if a new
/// command cuts it short), and measures the controller's think time. A ChannelHandler, so the
/// load generator itself stays cheap.
final class SimulatedCaller: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let script: LoadScript
    let statistics: LoadStatistics
    let done: @Sendable () -> Void
    var keys: ArraySlice<UInt8>
    var commands = 0
    /// A WAIT FOR DIGIT on hold is running.
    var waitingInQueue = false
    /// Music on hold is on: the caller is held.
    var onHold = false
    var waitTimer: Scheduled<Void>?
    var hungUp = false
    var lastReplyAt: NIODeadline?
    var dialStatus = "ANSWER"
    var holdTimer: Scheduled<Void>?
    var finished = false

    init(script: LoadScript, statistics: LoadStatistics, done: @escaping @Sendable () -> Void) {
        self.script = script
        self.statistics = statistics
        self.done = done
        keys = script.keys[...]
    }

    func channelActive(context: ChannelHandlerContext) {
        write(LoadScript.environment, context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = String(buffer: unwrapInboundIn(data))
        let think = lastReplyAt.map { UInt64(max(0, (NIODeadline.now() - $0).nanoseconds)) }
        lastReplyAt = nil
        commands += 1
        statistics.command(line, thinkNanoseconds: waitingInQueue ? nil : think)
        if hungUp {
            write(line.hasPrefix("GET VARIABLE") ? "200 result=0\n" : "511 Command Not Permitted on a dead channel or intercept routine\n", context: context)
            return
        }
        if waitingInQueue {
            waitingInQueue = false
            waitTimer?.cancel()
            statistics.interrupted()
            write("200 result=1\n", context: context)
        }
        if let at = script.hangUpAtCommand, commands >= at {
            hungUp = true
            write(line.hasPrefix("STREAM FILE") ? "200 result=-1 endpos=4000\nHANGUP\n" : "HANGUP\n", context: context)
            return
        }
        reply(to: line, context: context)
    }

    private func reply(to line: String, context: ChannelHandlerContext) {
        if line.hasPrefix("SET MUSIC ON") {
            hold(true, context: context)
        } else if line.hasPrefix("SET MUSIC OFF") || line.hasPrefix("EXEC Dial") {
            hold(false, context: context)
        }
        if line.hasPrefix("WAIT FOR DIGIT ") {
            let milliseconds = Int(line.dropFirst(15)) ?? 0
            if onHold {
                waitingInQueue = true
                waitTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(milliseconds))) { [self] in
                    guard waitingInQueue else { return }
                    waitingInQueue = false
                    write("200 result=0\n", context: context)
                }
                return
            }
            let key = keys.popFirst() ?? 0
            write(key == 0 ? "200 result=0\n" : "200 result=\(key)\n", context: context)
        } else if line.hasPrefix("STREAM FILE") {
            write("200 result=0 endpos=8000\n", context: context)
        } else if line.hasPrefix("EXEC Dial") {
            let talk = script.talkMilliseconds
            if talk > 0 {
                context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(talk))) { [self] in
                    write("200 result=0\n", context: context)
                }
            } else {
                write("200 result=0\n", context: context)
            }
        } else if line == "GET VARIABLE DIALSTATUS" {
            write("200 result=1 (\(dialStatus))\n", context: context)
        } else if line.hasPrefix("GET FULL VARIABLE ${GLOBAL(HOTLINE_ANSWERED_") {
            // The whisper's notes (answered, bridged) and the PBX clock now, as Asterisk gives them.
            let now = Double(NIODeadline.now().uptimeNanoseconds) / 1e9 + 1_000_000
            let bridged = now - Double(script.talkMilliseconds) / 1000
            write("200 result=1 (\(bridged - 1),\(bridged),\(now))\n", context: context)
        } else if line == "HANGUP" {
            hungUp = true
            write("200 result=1\nHANGUP\n", context: context)
        } else if line.hasPrefix("RECORD FILE") {
            write("200 result=0 (timeout) endpos=80000\n", context: context)
        } else {
            write("200 result=0\n", context: context)
        }
    }

    /// Music on or off; a caller held for the script's hold time gives up.
    private func hold(_ on: Bool, context: ChannelHandlerContext) {
        guard on != onHold else { return }
        onHold = on
        statistics.holding(on ? 1 : -1)
        guard on, holdTimer == nil, let seconds = script.holdSeconds else { return }
        holdTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(seconds * 1000))) { [self] in
            guard onHold, !hungUp else { return }
            hungUp = true
            if waitingInQueue {
                waitingInQueue = false
                waitTimer?.cancel()
                write("200 result=-1\nHANGUP\n", context: context)
            } else {
                write("HANGUP\n", context: context)
            }
        }
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
        lastReplyAt = .now()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if onHold { statistics.holding(-1) }
        holdTimer?.cancel()
        waitTimer?.cancel()
        guard !finished else { return }
        finished = true
        statistics.finished(success: hungUp)
        done()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
