import Dialplan

/// How long simulated things take, so a transcript's clock and the outcome's durations are
/// plausible. Prompt lengths come from the audio files when the caller of the simulation knows them.
public struct SimulationTiming: Sendable {
    public var promptDurations: [Prompt: Double]
    public var defaultPromptSeconds: Double = 3
    public var keySeconds: Double = 2
    public var queueWaitSeconds: Double = 45
    public var conversationSeconds: Double = 300
    public var transferSeconds: Double = 120
    public var recordingSeconds: Double = 30

    public init(promptDurations: [Prompt: Double] = [:]) {
        self.promptDurations = promptDurations
    }

    func seconds(_ prompts: [Prompt]) -> Double {
        prompts.reduce(0) { $0 + (promptDurations[$1] ?? defaultPromptSeconds) }
    }
}
