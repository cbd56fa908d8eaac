import CallEngine
import CallRuntime
import EventSocket
import NIOCore

/// The staff line on an Event Socket connection: the session translates, the desk (the
/// console's accounts and the queue) answers off the event loop, and the answer comes back on it.
extension ESLCallHandler {
    func askDesk(_ request: StaffLineDeskRequest, context: ChannelHandlerContext) {
        guard let desk = runtime.staffDesk else {
            staffLine(context: context) { $0.deskAnswered(.unavailable) }
            return
        }
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loop = context.eventLoop
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
