import CallEngine
import Dialplan
import Foundation

/// Events per second through the pure call engine on a plan, with no IO.
enum EngineBenchmark {
    static func run(plan path: String, events targetEvents: Int) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            print("hotline-bench: error: cannot read \(path)")
            exit(1)
        }
        let compilation = Dialplan.compile(text, file: path, prompts: nil)
        guard let plan = compilation.plan else {
            compilation.diagnostics.forEach { print($0) }
            exit(1)
        }
        // One advocate call through the default plan: greeting, language, notice, hours, main
        // menu, queue, an advocate offered, the conversation over.
        let script: [CallEvent] = [
            .callStarted(CallContext(dialedNumber: "8883737888")),
            .promptFinished(interruptedBy: nil), .digitsReceived("2"), .promptFinished(interruptedBy: nil),
            .digitsReceived("1"), .advocateOffered(QueueOffer(endpoint: "PJSIP/desk-1", ringSeconds: 20, language: "en", interpreter: false)),
            .offerFinished(.answered(talkSeconds: 1)),
        ]
        // Monday 2026-11-30 10:00 New York: open.
        let start = Date(timeIntervalSince1970: 1_796_050_800)
        func runCalls(_ calls: Int) -> (events: Int, actions: Int) {
            var events = 0, actions = 0
            for n in 0..<calls {
                var call = Call(id: CallID(UInt64(n)), plan: plan)
                var now = start
                for event in script {
                    now += 1
                    actions &+= call.handle(event, at: now).count
                    events += 1
                }
            }
            return (events, actions)
        }
        _ = runCalls(1_000)
        let calls = targetEvents / script.count
        var result = (events: 0, actions: 0)
        let elapsed = ContinuousClock().measure { result = runCalls(calls) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("engine: \(result.events) events (\(calls) calls through \(path)) in \(String(format: "%.3f", seconds)) s = \(Int(Double(result.events) / seconds)) events/s, \(String(format: "%.0f", seconds / Double(result.events) * 1e9)) ns/event")
    }
}
