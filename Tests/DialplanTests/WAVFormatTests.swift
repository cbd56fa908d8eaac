import Dialplan
import Testing

@Suite struct WAVFormatTests {
    /// A canonical 44-byte header, as sox writes it.
    func header(rate: UInt32, channels: UInt16, bits: UInt16, dataBytes: UInt32, extraChunk: Bool = false) -> [UInt8] {
        func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24)] }
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
        var bytes = Array("RIFF".utf8) + le32(36 + dataBytes) + Array("WAVE".utf8)
        bytes += Array("fmt ".utf8) + le32(16) + le16(1) + le16(channels) + le32(rate)
        bytes += le32(rate * UInt32(channels) * UInt32(bits / 8)) + le16(channels * bits / 8) + le16(bits)
        if extraChunk { bytes += Array("LIST".utf8) + le32(3) + [1, 2, 3, 0] }
        return bytes + Array("data".utf8) + le32(dataBytes)
    }

    @Test func telephoneAudioIsRecognised() throws {
        let format = try #require(WAVFormat(header: header(rate: 8000, channels: 1, bits: 16, dataBytes: 32000)))
        #expect(format.isTelephoneQuality)
        #expect(format.duration == 2)
    }

    @Test func otherFormatsAreNamed() throws {
        let format = try #require(WAVFormat(header: header(rate: 44100, channels: 2, bits: 16, dataBytes: 0, extraChunk: true)))
        #expect(!format.isTelephoneQuality)
        #expect(format.description == "44100 Hz 16-bit 2-channel PCM")
        #expect(format.dataBytes == 0)
    }

    @Test func nonWaveBytesAreRejected() {
        #expect(WAVFormat(header: Array("ID3\u{3}not audio".utf8)) == nil)
        #expect(WAVFormat(header: [UInt8]()) == nil)
        #expect(WAVFormat(header: Array(header(rate: 8000, channels: 1, bits: 16, dataBytes: 0).prefix(20))) == nil)
    }
}
