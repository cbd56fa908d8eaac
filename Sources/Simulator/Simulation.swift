import CallEngine
import Dialplan
import Foundation

/// Runs one call through the engine with a scripted caller: how admins try a flow without a
/// phone, and how tests pin flows down. Pure: the clock is simulated from `timing`.
public struct Simulation {
    public struct StepMismatch: Error, CustomStringConvertible {
        public let description: String
    }

    public let plan: Plan
    public var timing: SimulationTiming
    /// Words of each prompt, shown as subtitles when known.
    public var promptTexts: [Prompt: String]

    public init(plan: Plan, timing: SimulationTiming = SimulationTiming(), promptTexts: [Prompt: String] = [:]) {
        self.plan = plan
        self.timing = timing
        self.promptTexts = promptTexts
    }

    /// `switchesOn`: the run-time switches that are on for this call.
    public func run(_ script: CallScript, startingAt start: Date, context: CallContext, callID: CallID = CallID(0x5157_1a7e),
                    switchesOn: Set<String> = []) throws(StepMismatch) -> Transcript {
        var run = Run(simulation: self, start: start, steps: script.steps, call: Call(id: callID, plan: plan, switchesOn: switchesOn))
        try run.drive(context)
        let format = Date.ISO8601FormatStyle(timeZone: plan.timeZone).year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon)
        return Transcript(plan: plan.name, planVersion: plan.version, dialedNumber: plan.declaredNumber(among: context.dialedNumbers),
                          localStart: "\(start.formatted(format).prefix(16)) \(plan.timeZone.identifier)",
                          lines: run.lines, outcome: run.outcome!, unusedSteps: run.steps[run.nextStep...].map(\.description))
    }
}

