/// Where the console plays prompt audio. `play` returns early, with the key, when `interrupt`
/// reports one of the escape keys; it is called between chunks of about 100 ms.
public protocol AudioOutput: AnyObject {
    func play(samples: [Int16], sampleRate: Int, interrupt: () -> Character?) throws -> Character?
}

/// No sound (a machine without a sound card, or `--audio none`): prompts show as subtitles only.
public final class SilentOutput: AudioOutput {
    public init() {}

    public func play(samples: [Int16], sampleRate: Int, interrupt: () -> Character?) throws -> Character? {
        interrupt()
    }
}
