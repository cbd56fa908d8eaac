/// The audio format of a RIFF/WAVE file, read from its header bytes.
public struct WAVFormat: Hashable, Sendable, CustomStringConvertible {
    public var audioFormat: UInt16
    public var channels: UInt16
    public var sampleRate: UInt32
    public var bitsPerSample: UInt16
    /// Length of the sample data in bytes, when the header says it.
    public var dataBytes: UInt32?

    /// What Asterisk plays natively without transcoding: 8 kHz, 16-bit, mono PCM.
    public static let telephone = WAVFormat(audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: nil)

    public var isTelephoneQuality: Bool {
        audioFormat == 1 && channels == 1 && sampleRate == 8000 && bitsPerSample == 16
    }

    /// Seconds of audio, when the data length is known.
    public var duration: Double? {
        guard let dataBytes, sampleRate > 0, channels > 0, bitsPerSample > 0 else { return nil }
        return Double(dataBytes) / Double(sampleRate * UInt32(channels) * UInt32(bitsPerSample / 8))
    }

    public var description: String {
        let kind = audioFormat == 1 ? "PCM" : "format \(audioFormat)"
        return "\(sampleRate) Hz \(bitsPerSample)-bit \(channels == 1 ? "mono" : "\(channels)-channel") \(kind)"
    }

    public init(audioFormat: UInt16, channels: UInt16, sampleRate: UInt32, bitsPerSample: UInt16, dataBytes: UInt32?) {
        self.audioFormat = audioFormat
        self.channels = channels
        self.sampleRate = sampleRate
        self.bitsPerSample = bitsPerSample
        self.dataBytes = dataBytes
    }

    /// Reads the `fmt ` chunk (and the `data` length) from the first bytes of a file.
    /// Returns nil when the bytes are not a WAVE file with a format chunk.
    public init?(header bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        func u32(_ at: Int) -> UInt32 { UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24 }
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else { return nil }
        var offset = 12
        var format: (UInt16, UInt16, UInt32, UInt16)?
        var data: UInt32?
        while offset + 8 <= bytes.count {
            let size = Int(u32(offset + 4))
            let body = offset + 8
            if bytes[offset..<offset + 4].elementsEqual("fmt ".utf8), size >= 16, body + 16 <= bytes.count {
                format = (u16(body), u16(body + 2), u32(body + 4), u16(body + 14))
            } else if bytes[offset..<offset + 4].elementsEqual("data".utf8) {
                data = UInt32(size)
                break
            }
            offset = body + size + (size & 1)
        }
        guard let (audioFormat, channels, sampleRate, bits) = format else { return nil }
        self.init(audioFormat: audioFormat, channels: channels, sampleRate: sampleRate, bitsPerSample: bits, dataBytes: data)
    }
}
