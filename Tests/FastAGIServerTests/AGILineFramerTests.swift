import FastAGIServer
import NIOCore
import Testing

/// The controller's connections frame the PBX's lines themselves: however the bytes are cut
/// into reads, the same lines come out, and a line that never ends is bounded.
@Suite struct AGILineFramerTests {
    func lines(_ reads: [String], limit: Int = 64) throws(AGILineFramer.LineTooLong) -> [String] {
        var framer = AGILineFramer(maximumLineLength: limit)
        var found: [String] = []
        for read in reads { try framer.lines(in: ByteBuffer(string: read)) { found.append(String(buffer: $0)) } }
        return found
    }

    @Test func linesCutAnywhereComeOutWhole() throws {
        let stream = "agi_network: yes\nagi_request: agi://x/hotline\n\n200 result=0\r\nHANGUP\n200 result=1 (timeout)\n"
        let expected = ["agi_network: yes", "agi_request: agi://x/hotline", "", "200 result=0", "HANGUP", "200 result=1 (timeout)"]
        #expect(try lines([stream]) == expected)
        for size in 1...9 {
            let reads = stride(from: 0, to: stream.utf8.count, by: size).map { start in
                String(decoding: Array(stream.utf8)[start..<min(start + size, stream.utf8.count)], as: UTF8.self)
            }
            #expect(try lines(reads) == expected, "reads of \(size) bytes")
        }
    }

    @Test func anUnendedLineWaitsForItsEnd() throws {
        #expect(try lines(["200 res"]) == [])
        #expect(try lines(["200 res", "ult=0", "\n"]) == ["200 result=0"])
    }

    @Test func aLineLongerThanTheLimitIsRefusedEvenBeforeItEnds() {
        #expect(throws: AGILineFramer.LineTooLong.self) { try lines([String(repeating: "x", count: 65)]) }
        #expect(throws: AGILineFramer.LineTooLong.self) { try lines([String(repeating: "x", count: 40), String(repeating: "x", count: 40) + "\n"]) }
        #expect((try? lines([String(repeating: "x", count: 64) + "\n"])) == [String(repeating: "x", count: 64)])
    }
}
