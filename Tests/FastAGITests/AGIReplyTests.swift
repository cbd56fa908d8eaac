import FastAGI
import Testing
import TestSupport

@Suite struct AGIReplyTests {
    @Test(arguments: [
        ("200 result=0", AGIReply(code: 200, result: "0")),
        ("200 result=0 endpos=24000", AGIReply(code: 200, result: "0", endpos: 24000)),
        ("200 result=50 endpos=22400", AGIReply(code: 200, result: "50", endpos: 22400)),
        ("200 result=-1 endpos=0", AGIReply(code: 200, result: "-1", endpos: 0)),
        ("200 result= (timeout)", AGIReply(code: 200, result: "", detail: "timeout")),
        ("200 result=7 (timeout)", AGIReply(code: 200, result: "7", detail: "timeout")),
        ("200 result=*9", AGIReply(code: 200, result: "*9")),
        ("200 result=1 (a (b) c)", AGIReply(code: 200, result: "1", detail: "a (b) c")),
        ("200 result=1 ()", AGIReply(code: 200, result: "1", detail: "")),
        ("200 result=1 (say \"hi\" twice)", AGIReply(code: 200, result: "1", detail: "say \"hi\" twice")),
        ("200 result=16000 (timeout) endpos=24160", AGIReply(code: 200, result: "16000", detail: "timeout", endpos: 24160)),
        ("200 result=35 (dtmf) endpos=0", AGIReply(code: 200, result: "35", detail: "dtmf", endpos: 0)),
        ("200 result=-1 (hangup) endpos=63978", AGIReply(code: 200, result: "-1", detail: "hangup", endpos: 63978)),
        ("200 result=-1 (writefile)", AGIReply(code: 200, result: "-1", detail: "writefile")),
        ("200 result=1 (a endpos=5) endpos=7", AGIReply(code: 200, result: "1", detail: "a endpos=5", endpos: 7)),
        ("200 result=1 (endpos=5)", AGIReply(code: 200, result: "1", detail: "endpos=5")),
        ("510 Invalid or unknown command", AGIReply(code: 510, result: "")),
        ("511 Command Not Permitted on a dead channel or intercept routine", AGIReply(code: 511, result: "")),
    ])
    func replyFormsFromTheTranscripts(line: String, expected: AGIReply) {
        // The same line as a slice of a longer string: `endpos` is found by byte offset.
        #expect(AGIReply(parsing: ("<<" + line + ">>").dropFirst(2).dropLast(2)) == expected)
        #expect(AGIReply(parsing: Substring(line)) == expected)
    }

    @Test func notReplies() {
        for line in ["HANGUP", "", "20", "abc result=1", "200result=1", "200 x=1", "999999"] {
            #expect(AGIReply(parsing: Substring(line)) == nil, "\(line)")
        }
    }

    /// Every line a real Asterisk sent after the environment block is a reply, a HANGUP, or
    /// part of a 520 usage block.
    @Test(arguments: try AsteriskTranscript.all().map(\.name))
    func everyPBXLineIsUnderstood(name: String) throws {
        var inUsage = false
        for line in try AsteriskTranscript(name: name).pbxAfterEnvironment {
            if inUsage {
                if line.text.hasPrefix("520 ") { inUsage = false }
                continue
            }
            if line.text == "HANGUP" { continue }
            if line.text.hasPrefix("520-") { inUsage = true; continue }
            #expect(AGIReply(parsing: Substring(line.text)) != nil, "\(name): \(line.text.prefix(60))")
        }
    }
}
