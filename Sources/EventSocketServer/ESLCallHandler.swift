import CallEngine
import CallRuntime
import EventSocket
import FastAGIServer
import Foundation
import Logging
import NIOCore

/// One outbound Event Socket connection: FreeSWITCH connects for a call, the handler sends
/// `connect`, and the channel data says whose call it is: a caller's (`ESLSession`, on the engine)
/// or a desk phone's staff line (`ESLStaffLineSession`, `variable_hotline_script=staff`). It feeds
/// the session on the channel's event loop and carries out what it asks. It only does IO and
/// timers: the session translates, the engine decides. Events are never logged.
final class ESLCallHandler: ChannelInboundHandler {
    typealias InboundIn = ESLMessage
    typealias OutboundOut = ByteBuffer

    let runtime: CallRuntime
    let settings: ESLSettings
    let limits: ServerLimits
    let shedding: Shedding
    enum Stage {
        /// `connect` is sent; its reply (the channel data) is awaited.
        case connecting
        case call(ESLSession)
        case staffLine(ESLStaffLineSession)
        case finished
    }

    var stage: Stage = .connecting
    var callID: CallID?
    /// The runtime's logger with the call's id, made when something is logged (a few lines a
    /// call), not kept: a copy of the logger with its metadata cost each call ~0.5 KiB.
    var logger: Logger {
        var logger = runtime.logger
        // Only when a call's line (warning at most) could be written: the metadata costs a string.
        if let callID, logger.logLevel <= .warning { logger[metadataKey: "call"] = "\(callID)" }
        return logger
    }
    var registration: Int?
    var timer: Scheduled<Void>?
    var context: ChannelHandlerContext?

    init(runtime: CallRuntime, settings: ESLSettings, limits: ServerLimits, shedding: Shedding) {
        self.runtime = runtime
        self.settings = settings
        self.limits = limits
        self.shedding = shedding
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// The handler and its context hold each other: let go when the channel is torn down.
    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        timer?.cancel()
        timer = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        guard let registration = runtime.calls.add(PBXConnection(channel: context.channel), limit: limits.maximumCalls) else {
            shedding.refused(limit: limits.maximumCalls, logger: logger)
            context.close(promise: nil)
            return
        }
        self.registration = registration
        // FreeSWITCH connects and waits for the controller to speak (01, 09).
        if let connect = try? ESLCommand.connect.wireText() {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: connect)), promise: nil)
        }
        startTimer(settings.commandTimeoutSeconds, context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        switch stage {
        case .connecting:
            guard message.kind == .commandReply else { return }
            if ESLStaffLineSession.isStaffLine(message) {
                logger.info("staff line call started", metadata: ["pbx": "freeswitch"])
                var session = ESLStaffLineSession(settings: settings)
                let outputs = session.connected(at: runtime.now())
                stage = .staffLine(session)
                perform(outputs, context: context)
                return
            }
            let call = runtime.newCall()
            callID = call.id
            runtime.logger.info("call started", metadata: ["call": "\(call.id)", "plan": "\(call.plan.version)", "pbx": "freeswitch"])
            stage = .call(ESLSession(call: call, settings: settings))
            step(context: context) { session, now in session.connected(message, at: now) }
        case .call:
            step(context: context) { session, now in
                let before = session.call.phase
                let outputs = session.receive(message, at: now)
                if before == .notStarted, session.call.phase != .notStarted { runtime.began(session.call) }
                return outputs
            }
        case .staffLine:
            staffLine(context: context) { session in session.receive(message, at: runtime.now()) }
        case .finished:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        lost(context: context)
        stage = .finished
        if let registration { runtime.calls.remove(registration) }
        registration = nil
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ControllerStopping else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        // Closing the socket hands the call back to the dialplan after `socket` (09d, 09e).
        logger.warning("ending the call: the controller stopped before it ended; FreeSWITCH's dialplan takes the caller on")
        abandon("the controller stopped before the call ended", context: context)
        context.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Only errors whose text is known to carry no received bytes are logged in full.
        let reason: String
        switch error {
        case let framing as ESLFrameParser.Failure: reason = framing.description
        case let io as IOError: reason = "\(io)"
        default: reason = "connection error (\(type(of: error)))"
        }
        logger.warning("ending the call: \(reason)")
        abandon(reason, context: context)
        context.close(promise: nil)
    }

    /// The controller gives the call up (it stops, or the connection cannot be trusted): an
    /// error, not the caller's hang-up; FreeSWITCH's dialplan takes the caller on.
    private func abandon(_ reason: String, context: ChannelHandlerContext) {
        if case .call = stage {
            step(context: context) { session, now in session.abandon(reason, at: now) }
        }
        lost(context: context)
    }

    /// The connection is gone or cannot be trusted: the session ends what it was doing.
    private func lost(context: ChannelHandlerContext) {
        switch stage {
        case .call: step(context: context) { session, now in session.connectionLost(at: now) }
        case .staffLine: staffLine(context: context) { $0.connectionLost() }
        case .connecting, .finished: break
        }
        stage = .finished
    }

    /// Runs one session step and carries out what it asks.
    private func step(context: ChannelHandlerContext, _ body: (inout ESLSession, Date) -> [ESLOutput]) {
        guard case .call(var current) = stage else { return }
        let outputs = body(&current, runtime.now())
        stage = .call(current)
        perform(outputs, context: context)
        if case .call(let session) = stage, !session.waitsForFreeSWITCH { stopTimer() }
    }

    /// Runs one staff-line step and carries out what it asks.
    func staffLine(context: ChannelHandlerContext, _ body: (inout ESLStaffLineSession) -> [ESLOutput]) {
        guard case .staffLine(var current) = stage else { return }
        let outputs = body(&current)
        stage = .staffLine(current)
        perform(outputs, context: context)
        if case .staffLine(let session) = stage, !session.waitsForFreeSWITCH { stopTimer() }
    }

    func stopTimer() {
        timer?.cancel()
        timer = nil
    }

    func perform(_ outputs: [ESLOutput], context: ChannelHandlerContext) {
        for output in outputs {
            switch output {
            case .send(let text, let timeout):
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
                startTimer(timeout, context: context)
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
                stopTimer()
                stage = .finished
                context.close(promise: nil)
            }
        }
    }

    func startTimer(_ seconds: Double, context: ChannelHandlerContext) {
        timer?.cancel()
        let delay: TimeAmount = seconds.isFinite && seconds > 0 ? .milliseconds(Int64(min(seconds, 30 * 86_400) * 1000)) : .zero
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
            timer = nil
            switch stage {
            case .connecting:
                logger.warning("closing a connection: FreeSWITCH sent no channel data within \(settings.commandTimeoutSeconds) s")
                stage = .finished
                context.close(promise: nil)
            case .call: step(context: context) { session, now in session.timerFired(at: now) }
            case .staffLine: staffLine(context: context) { $0.connectionLost() }
            case .finished: break
            }
        }
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
        guard let context else { return }
        step(context: context) { session, now in session.queueSignal(signal, at: now) }
    }
}
