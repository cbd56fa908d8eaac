@testable import FastAGIServer
import NIOCore
import Testing

/// A PBX line becomes text only when it is UTF-8 without NUL bytes; ASCII takes the short way.
@Suite struct LineTextTests {
    @Test func onlyUTF8WithoutNULBecomesText() {
        #expect(CallSessionHandler.text(of: ByteBuffer(string: "200 result=0 endpos=8000")) == "200 result=0 endpos=8000")
        #expect(CallSessionHandler.text(of: ByteBuffer(string: "")) == "")
        #expect(CallSessionHandler.text(of: ByteBuffer(string: "200 result=1 (José)")) == "200 result=1 (José)")
        #expect(CallSessionHandler.text(of: ByteBuffer(bytes: Array("200 result=1 (a".utf8) + [0] + Array(")".utf8))) == nil)
        #expect(CallSessionHandler.text(of: ByteBuffer(bytes: Array("200 result=1 (Jos".utf8) + [0xE9, 0x29])) == nil)
        #expect(CallSessionHandler.text(of: ByteBuffer(bytes: Array("200 result=1 (é".utf8) + [0, 0x29])) == nil)
    }
}
