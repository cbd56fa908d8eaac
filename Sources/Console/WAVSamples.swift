import Dialplan
import Foundation

/// The PCM samples of a prompt's WAV file (16-bit mono, as the checker requires).
public struct WAVSamples {
    public let samples: [Int16]
    public let sampleRate: Int

    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable(description: "\(path): cannot read it") }
        let bytes = [UInt8](data)
        guard let format = WAVFormat(header: bytes.prefix(4096)), format.audioFormat == 1, format.bitsPerSample == 16, format.channels == 1 else {
            throw Unreadable(description: "\(path): not 16-bit mono PCM WAV")
        }
        var offset = 12
        var body: ArraySlice<UInt8> = []
        while offset + 8 <= bytes.count {
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            if bytes[offset..<offset + 4].elementsEqual("data".utf8) {
                body = bytes[(offset + 8)..<min(bytes.count, offset + 8 + size)]
                break
            }
            offset += 8 + size + (size & 1)
        }
        var samples = [Int16](repeating: 0, count: body.count / 2)
        var index = body.startIndex
        for i in samples.indices {
            samples[i] = Int16(bitPattern: UInt16(body[index]) | UInt16(body[index + 1]) << 8)
            index += 2
        }
        self.samples = samples
        sampleRate = Int(format.sampleRate)
    }
}
