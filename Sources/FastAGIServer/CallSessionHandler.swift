import CallEngine
import FastAGI
import Foundation
import Logging
import NIOCore

/// One FastAGI connection: reads the environment block, then feeds the call's pure
/// `AGISession` on the channel's event loop and carries out what it asks. All protocol and
/// call logic lives in the session; this class only does IO and timers.
final class CallSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Stage {
        case environment(AGIEnvironmentParser)
        case running(AGISession)
        case finished
    }

    let configuration: ServerConfiguration
    let registry: CallRegistry
    var stage: Stage
    var logger: Logger
    var callID: CallID?
    var waitingInQueue = false
    var environmentTimer: Scheduled<Void>?
    var commandTimer: Scheduled<Void>?
    var context: ChannelHandlerContext?

    init(configuration: ServerConfiguration, registry: CallRegistry) {
        self.configuration = configuration
        self.registry = registry
        stage = .environment(AGIEnvironmentParser(maximumLines: configuration.limits.maximumEnvironmentLines))
        logger = configuration.logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// The handler and its context hold each other: let go when the channel is torn down, or
    /// every call would stay in memory (the soak test found ~2 KiB a call).
    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        environmentTimer?.cancel()
        commandTimer?.cancel()
        environmentTimer = nil
        commandTimer = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        registry.add(context.channel)
        let seconds = configuration.limits.environmentTimeoutSeconds
        environmentTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(seconds * 1000))) { [self] in
            guard case .environment = stage else { return }
            logger.notice("closing a connection that sent no complete environment block within \(seconds) s")
            stage = .finished
            context.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard !buffer.readableBytesView.contains(0), let line = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            violation("a line from the PBX holds a NUL byte or invalid UTF-8", context: context)
            return
        }
        switch stage {
        case .environment(var parser):
            switch parser.consume(Substring(line)) {
            case .needMore:
                stage = .environment(parser)
            case .complete(let environment):
                environmentTimer?.cancel()
                startCall(environment, context: context)
            case .invalid(let reason):
                violation(reason, context: context)
            }
        case .running(var session):
            let outputs = session.receive(Substring(line), at: configuration.now())
            stage = .running(session)
            perform(outputs, context: context)
        case .finished:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        environmentTimer?.cancel()
        commandTimer?.cancel()
        if case .running(var session) = stage {
            let outputs = session.connectionClosed(at: configuration.now())
            stage = .finished
            perform(outputs, context: context)
        }
        stage = .finished
        if waitingInQueue, let callID {
            waitingInQueue = false
            configuration.queue.leave(call: callID)
        }
        registry.remove(context.channel)
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
        case let tooLong as AGILineDecoder.LineTooLong: reason = tooLong.description
        case let io as IOError: reason = "\(io)"
        default: reason = "connection error (\(type(of: error)))"
        }
        violation(reason, context: context)
    }

    private func startCall(_ environment: AGIEnvironment, context: ChannelHandlerContext) {
        let plan = configuration.plans.current
        let id = CallID.random()
        callID = id
        logger[metadataKey: "call"] = "\(id)"
        logger.info("call started", metadata: ["plan": "\(plan.version)"])
        var session = AGISession(call: Call(id: id, plan: plan), settings: configuration.settings)
        let outputs = session.start(environment, at: configuration.now())
        stage = .running(session)
        perform(outputs, context: context)
    }

    /// The peer broke the protocol: log why (never the line), end the call as an error, close.
    private func violation(_ reason: String, context: ChannelHandlerContext) {
        switch stage {
        case .environment:
            logger.warning("closing a connection: \(reason)")
            stage = .finished
            context.close(promise: nil)
        case .running(var session):
            logger.warning("ending the call: \(reason)")
            let outputs = session.abandon(reason, at: configuration.now())
            stage = .running(session)
            perform(outputs, context: context)
        case .finished:
            break
        }
    }

    private func perform(_ outputs: [AGIOutput], context: ChannelHandlerContext) {
        for output in outputs {
            switch output {
            case .send(let line, let timeout):
                commandTimer?.cancel()
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: line)), promise: nil)
                commandTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(timeout * 1000))) { [self] in
                    commandTimedOut(context: context)
                }
            case .enqueue(let request):
                enqueue(request, context: context)
            case .offerFinished(let status, let talkSeconds):
                if let callID { configuration.queue.offerFinished(call: callID, status: status, talkSeconds: talkSeconds) }
            case .leaveQueue:
                waitingInQueue = false
                if let callID { configuration.queue.leave(call: callID) }
            case .outcome(let outcome):
                configuration.outcomes?.record(outcome)
                logger.info("call ended", metadata: [
                    "ending": "\(outcome.ending.rawValue)", "state": "\(outcome.endedIn)", "language": "\(outcome.language)",
                    "seconds": "\(Int((outcome.secondsInIVR + outcome.secondsWaiting + outcome.secondsWithAdvocate).rounded()))",
                ])
            case .note(let note):
                logger.warning("\(note)")
            case .close:
                commandTimer?.cancel()
                if case .running = stage { stage = .finished }
                context.close(promise: nil)
            }
        }
    }

    private func commandTimedOut(context: ChannelHandlerContext) {
        guard case .running(var session) = stage else { return }
        let outputs = session.pbxTimedOut(at: configuration.now())
        stage = .running(session)
        perform(outputs, context: context)
    }

    private func enqueue(_ request: QueueRequest, context: ChannelHandlerContext) {
        guard let callID else { return }
        waitingInQueue = true
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loop = context.eventLoop
        configuration.queue.wait(request, call: callID) { signal in
            loop.execute { handler.value.queueSignal(signal) }
        }
    }

    private func queueSignal(_ signal: QueueSignal) {
        guard waitingInQueue, let context, case .running(var session) = stage else { return }
        if case .resolved = signal { waitingInQueue = false }
        let outputs = session.queueSignal(signal, at: configuration.now())
        stage = .running(session)
        perform(outputs, context: context)
    }
}
