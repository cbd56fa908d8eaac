// Engine benchmark: how many events per second the pure call engine handles on the default
// plan, with no IO. Run with `make bench` (release build). Not a test: the machine is shared.
import CallEngine
import Dialplan
import Foundation

let arguments = CommandLine.arguments
let planPath = arguments.count > 1 ? arguments[1] : "Dialplans/hotline.yaml"
let targetEvents = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000

guard let text = try? String(contentsOfFile: planPath, encoding: .utf8) else {
    print("hotline-bench: error: cannot read \(planPath)")
    exit(1)
}
let compilation = Dialplan.compile(text, file: planPath, prompts: nil)
guard let plan = compilation.plan else {
    compilation.diagnostics.forEach { print($0) }
    exit(1)
}

/// One advocate call through the default plan: greeting, language, notice, hours, main menu,
/// queue, answered, conversation over. 8 events.
let script: [CallEvent] = [
    .callStarted(CallContext(dialedNumber: "8883737888")),
    .promptFinished(interruptedBy: nil), .digitsReceived("2"), .promptFinished(interruptedBy: nil),
    .digitsReceived("1"), .queueResult(.answered), .conversationEnded,
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

_ = runCalls(1_000) // warm up
let calls = targetEvents / script.count
let clock = ContinuousClock()
var result = (events: 0, actions: 0)
let elapsed = clock.measure { result = runCalls(calls) }
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("engine: \(result.events) events (\(calls) calls through \(planPath)) in \(String(format: "%.3f", seconds)) s = \(Int(Double(result.events) / seconds)) events/s, \(String(format: "%.2f", seconds / Double(result.events) * 1e9)) ns/event, \(result.actions) actions")
