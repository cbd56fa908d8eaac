import CallEngine
import CallRuntime
import FastAGI
import NIOCore

/// The staff line on a FastAGI connection: the session translates, the desk (the console's
/// accounts and the queue) answers off the event loop, and the answer comes back on it.
extension CallSessionHandler {
    func startStaffLine(context: ChannelHandlerContext) {
        logger.info("staff line call started")
        var session = AGIStaffLineSession(settings: configuration.settings)
        let outputs = session.start()
        stage = .staffLine(session)
        perform(outputs, context: context)
    }

    /// Runs `body` on the staff line's session and carries out what it asks.
    func staffLine(context: ChannelHandlerContext, _ body: (inout AGIStaffLineSession) -> [AGIOutput]) {
        guard case .staffLine(var session) = stage else { return }
        let outputs = body(&session)
        stage = .staffLine(session)
        perform(outputs, context: context)
    }

    func askDesk(_ request: StaffLineDeskRequest, context: ChannelHandlerContext) {
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loop = context.eventLoop
        guard let desk = runtime.staffDesk else {
            staffLine(context: context) { $0.deskAnswered(.unavailable) }
            return
        }
        Task {
            let answer = await desk.answer(request)
            loop.execute {
                let handler = handler.value
                guard let context = handler.context else { return }
                handler.staffLine(context: context) { $0.deskAnswered(answer) }
            }
        }
    }
}
