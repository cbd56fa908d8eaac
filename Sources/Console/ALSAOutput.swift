import CALSA

/// Plays 16-bit mono PCM through an ALSA device (`default`, `plughw:0`, or `null`, which
/// accepts and discards audio: the playback code still runs on a machine without sound).
public final class ALSAOutput: AudioOutput {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private var pcm: OpaquePointer?
    private var rate = 0
    public let device: String

    public init(device: String) throws {
        self.device = device
        var handle: OpaquePointer?
        hotline_alsa_quiet()
        let opened = snd_pcm_open(&handle, device, SND_PCM_STREAM_PLAYBACK, 0)
        guard opened >= 0, let handle else {
            let others = ["default", "null"].filter { $0 != device }.map { "--device \($0)" } + ["--audio none"]
            throw Failure(description: "cannot open ALSA device '\(device)': \(String(cString: snd_strerror(opened))) (no sound card here?); try \(others.joined(separator: ", ")) to hear nothing but see the call")
        }
        pcm = handle
    }

    deinit {
        if let pcm {
            snd_pcm_drain(pcm)
            snd_pcm_close(pcm)
        }
    }

    public func play(samples: [Int16], sampleRate: Int, interrupt: () -> Character?) throws -> Character? {
        guard let pcm else { return interrupt() }
        if rate != sampleRate {
            let set = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1, UInt32(sampleRate), 1, 200_000)
            guard set >= 0 else { throw Failure(description: "ALSA device '\(device)' refuses \(sampleRate) Hz mono 16-bit: \(String(cString: snd_strerror(set)))") }
            rate = sampleRate
        }
        let chunk = max(1, sampleRate / 10)
        var offset = 0
        while offset < samples.count {
            if let key = interrupt() {
                snd_pcm_drop(pcm)
                snd_pcm_prepare(pcm)
                return key
            }
            let count = min(chunk, samples.count - offset)
            let written = samples.withUnsafeBufferPointer { buffer in
                snd_pcm_writei(pcm, buffer.baseAddress! + offset, snd_pcm_uframes_t(count))
            }
            if written < 0 {
                let recovered = snd_pcm_recover(pcm, Int32(written), 1)
                guard recovered >= 0 else { throw Failure(description: "ALSA playback failed: \(String(cString: snd_strerror(recovered)))") }
                continue
            }
            offset += Int(written)
        }
        snd_pcm_drain(pcm)
        snd_pcm_prepare(pcm)
        return interrupt()
    }
}
