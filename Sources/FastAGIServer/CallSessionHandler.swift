import CallEngine
import CallRuntime
import FastAGI
import Foundation
import Logging
import NIOCore

/// One FastAGI connection: reads the environment block, then feeds the call's `AGISession` on
/// the channel's event loop and carries out what it asks. It only does IO and timers: the
/// session translates, the engine decides.
final class CallSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Boxed (`indirect`): a caller on hold keeps a pointer, not the environment parser's or the
    /// staff line session's bytes inline in the handler.
    indirect enum Stage {
        case environment(AGIEnvironmentParser)
        /// A caller's call: its conversation is `session`.
        case running
        /// An advocate's desk phone on the staff line (`agi://…/staff`).
        case staffLine(AGIStaffLineSession)
        case finished
    }

    let shared: SharedConfiguration
    var configuration: ServerConfiguration { shared.configuration }
    var runtime: CallRuntime { shared.configuration.runtime }
    var stage: Stage
    /// The call's conversation while `stage` is `.running`. It lives beside the stage, not in
    /// it, so each line changes it in place: taken out of an enum and put back, it was copied
    /// with every array it holds on every line.
    var session: AGISession?
    var framer: AGILineFramer
    var callID: CallID?
    /// The server's logger with the call's id, made when something is logged (a few lines a
    /// call), not kept: a copy of the logger with its metadata cost each held caller ~0.5 KiB.
    var logger: Logger {
        var logger = configuration.logger
        // Only when a call's line (warning at most) could be written: the metadata costs a string.
        if let callID, logger.logLevel <= .warning { logger[metadataKey: "call"] = "\(callID)" }
        return logger
    }
    var registration: Int?
    /// When the session's timer is due (nil: none). The loop's `CallTimers` holds it, re-armed
    /// lazily: a later deadline only moves `timerDeadline`, and the armed one, when it comes, is
    /// moved on to it (`timerDue`). Most commands are answered long before their deadline.
    var timerDeadline: NIODeadline?
    /// This handler's place in `timers` (nil: nothing armed).
    var timerSlot: Int?
    var timers: CallTimers?
    /// The loop's one buffer for commands.
    var writer: CommandWriter?
    var context: ChannelHandlerContext?

    init(shared: SharedConfiguration) {
        self.shared = shared
        stage = .environment(AGIEnvironmentParser(maximumLines: shared.configuration.limits.maximumEnvironmentLines))
        framer = AGILineFramer(maximumLineLength: shared.configuration.limits.maximumLineLength)
    }

    convenience init(configuration: ServerConfiguration) {
        self.init(shared: SharedConfiguration(configuration))
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        (timers, writer) = shared.perLoop(context.eventLoop)
    }

    /// The handler and its context hold each other: let go when the channel is torn down, or
    /// every call would stay in memory (the soak test found ~2 KiB a call).
    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        timers?.disarm(self)
        timers = nil
        writer = nil
        session = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        guard let registration = runtime.calls.add(PBXConnection(channel: context.channel), limit: configuration.limits.maximumCalls) else {
            configuration.shedding.refused(limit: configuration.limits.maximumCalls, logger: logger)
            stage = .finished
            context.close(promise: nil)
            return
        }
        self.registration = registration
        // The call's one timer, first for the environment block (`timerFired`).
        startTimer(configuration.limits.environmentTimeoutSeconds, context: context)
        context.fireChannelActive()
    }

    /// Bytes from the PBX: cut into lines here (`AGILineFramer`, which keeps a partial line for
    /// the next read).
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        do {
            try framer.lines(in: unwrapInboundIn(data)) { lineReceived($0, context: context) }
        } catch {
            violation(error.description, context: context)
        }
    }

    private func lineReceived(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        if case .environment(var parser) = stage {
            switch buffer.withUnsafeReadableBytes({ parser.consume(bytes: $0) }) {
            case .needMore:
                stage = .environment(parser)
            case .complete(let environment):
                timerDeadline = nil
                startCall(environment, context: context)
            case .invalid(let reason):
                violation(reason, context: context)
            }
            return
        }
        guard let line = Self.text(of: buffer) else {
            violation("a line from the PBX holds a NUL byte or invalid UTF-8", context: context)
            return
        }
        if case .staffLine = stage {
            timerDeadline = nil
            staffLine(context: context) { $0.receive(Substring(line)) }
            return
        }
        guard case .running = stage else { return }
        timerDeadline = nil
        let now = runtime.now()
        perform(session?.receive(Substring(line), at: now) ?? [], context: context)
    }

    /// A line's text, or nil when it holds a NUL byte or is not UTF-8. The PBX's replies are
    /// ASCII: a line of bytes below 0x80 (none of them NUL) is read without the generic
    /// validation, which looked its types up at run time on every line.
    static func text(of line: ByteBuffer) -> String? {
        line.withUnsafeReadableBytes { bytes in
            if bytes.allSatisfy({ $0 != 0 && $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            guard !bytes.contains(0) else { return nil }
            return String(validating: bytes, as: UTF8.self)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        timers?.disarm(self)
        if case .running = stage {
            let now = runtime.now()
            let outputs = session?.connectionClosed(at: now) ?? []
            stage = .finished
            perform(outputs, context: context)
        }
        if case .staffLine = stage { staffLine(context: context) { $0.connectionLost() } }
        stage = .finished
        if let registration { runtime.calls.remove(registration) }
        registration = nil
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ControllerStopping {
            violation("the controller stopped before the call ended; the PBX's dialplan takes the caller on", context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Only errors whose text is known to carry no received bytes are logged in full; any
        // other error's description could quote the peer's data, so only its type is.
        let reason: String
        switch error {
        case let io as IOError: reason = "\(io)"
        default: reason = "connection error (\(type(of: error)))"
        }
        violation(reason, context: context)
    }

    private func startCall(_ environment: AGIEnvironment, context: ChannelHandlerContext) {
        if environment.scriptName == AGIStaffLineSession.scriptName {
            startStaffLine(context: context)
            return
        }
        let call = runtime.newCall()
        callID = call.id
        configuration.logger.info("call started", metadata: ["call": "\(call.id)", "plan": "\(call.plan.version)"])
        var session = AGISession(call: call, settings: shared.settings)
        let outputs = session.start(environment, at: runtime.now())
        runtime.began(session.call)
        self.session = session
        stage = .running
        perform(outputs, context: context)
    }

    /// The peer broke the protocol: log why (never the line), end the call as an error, close.
    private func violation(_ reason: String, context: ChannelHandlerContext) {
        switch stage {
        case .environment:
            logger.warning("closing a connection: \(reason)")
            stage = .finished
            context.close(promise: nil)
        case .running:
            logger.warning("ending the call: \(reason)")
            let now = runtime.now()
            perform(session?.abandon(reason, at: now) ?? [], context: context)
        case .staffLine:
            logger.warning("ending a staff line call: \(reason)")
            staffLine(context: context) { $0.connectionLost() }
        case .finished:
            break
        }
    }

    func perform(_ outputs: [AGIOutput], context: ChannelHandlerContext) {
        for output in outputs {
            switch output {
            case .send(let line, let timeout):
                if let writer {
                    writer.write(line, context: context)
                } else {
                    context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: line)), promise: nil)
                }
                startTimer(timeout, context: context)
            case .awaitLine(let seconds):
                startTimer(seconds, context: context)
            case .joinQueue(let request):
                joinQueue(request, context: context)
            case .offerFinished(let result):
                if let callID { runtime.queue.offerFinished(call: callID, result: result) }
            case .leaveQueue:
                if let callID { runtime.queue.leave(call: callID) }
            case .outcome(let outcome):
                runtime.record(outcome, logger: logger)
            case .messageRecorded(let recording):
                runtime.recorded(recording, logger: logger)
            case .askDesk(let request):
                askDesk(request, context: context)
            case .note(let note):
                logger.warning("\(note)")
            case .close:
                timerDeadline = nil
                timers?.disarm(self)
                switch stage {
                case .running, .staffLine: stage = .finished
                case .environment, .finished: break
                }
                context.close(promise: nil)
            }
        }
    }

    func startTimer(_ seconds: Double, context: ChannelHandlerContext) {
        let deadline = context.eventLoop.now + Self.delay(seconds)
        timerDeadline = deadline
        guard let timers else { return }
        if let armed = timers.deadline(of: self), armed <= deadline { return }
        timers.arm(self, at: deadline)
    }

    /// The armed timer came due (`timers` has let it go): fire, or re-arm for a later deadline.
    func timerDue(now: NIODeadline) {
        guard let context, let due = timerDeadline else { return }
        if due > now {
            timers?.arm(self, at: due)
        } else {
            timerDeadline = nil
            timerFired(context: context)
        }
    }

    /// Seconds as a NIO delay, whatever the number (a plan may say anything).
    static func delay(_ seconds: Double) -> TimeAmount {
        guard seconds.isFinite, seconds > 0 else { return .zero }
        return .milliseconds(Int64(min(seconds, 30 * 86_400) * 1000))
    }

    private func timerFired(context: ChannelHandlerContext) {
        if case .environment = stage {
            logger.notice("closing a connection that sent no complete environment block within \(configuration.limits.environmentTimeoutSeconds) s")
            stage = .finished
            context.close(promise: nil)
            return
        }
        if case .staffLine = stage {
            staffLine(context: context) { $0.connectionLost() }
            return
        }
        guard case .running = stage else { return }
        let now = runtime.now()
        perform(session?.timerFired(at: now) ?? [], context: context)
    }

    private func joinQueue(_ request: QueueRequest, context: ChannelHandlerContext) {
        guard let callID else { return }
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loop = context.eventLoop
        runtime.queue.wait(request, call: callID) { signal in
            loop.execute { handler.value.queueSignal(signal) }
        }
    }

    private func queueSignal(_ signal: QueueSignal) {
        guard let context, case .running = stage else { return }
        let now = runtime.now()
        perform(session?.queueSignal(signal, at: now) ?? [], context: context)
    }
}
