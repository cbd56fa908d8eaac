// Benchmarks (`make bench`, release build). Not tests: the machine is shared, so figures go in
// docs/performance.md with the command that produced them.
//   hotline-bench engine [PLAN] [EVENTS]   events/s through the pure engine on a plan
//   hotline-bench calllog [CALLS]          sustained call-log writes (batched, WAL) in calls/s
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "calllog":
    await CallLogBenchmark.run(calls: arguments.count > 1 ? Int(arguments[1]) ?? 200_000 : 200_000)
case "engine", nil:
    EngineBenchmark.run(plan: arguments.count > 1 ? arguments[1] : "Dialplans/hotline.yaml",
                        events: arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000)
default:
    print("usage: hotline-bench engine [PLAN] [EVENTS] | hotline-bench calllog [CALLS]")
    exit(2)
}
