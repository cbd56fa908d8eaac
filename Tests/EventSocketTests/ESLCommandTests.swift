import EventSocket
import Foundation
import TestSupport
import Testing

/// Issue 16: what the controller sends is what FreeSWITCH took in the transcripts, and an
/// argument cannot smuggle in a header or a command.
struct ESLCommandTests {
    @Test func anExecuteIsTheBytesTheRecorderSentAndItsCompletionCarriesItsUUID() throws {
        let transcript = try #require(FreeSWITCHTranscript.all().first { $0.name == "02-answer-playback.txt" }, "the FreeSWITCH transcripts (../shared)")
        let sent = String(decoding: transcript.appChunks.joined(), as: UTF8.self)
        let execute = try ESLCommand.execute(application: "playback", argument: "/tmp/fsrig/sounds/beep.wav", uuid: "hotline-prompt-0001").wireText()
        #expect(sent.contains(execute), "\(execute)")
        #expect(sent.hasPrefix(try ESLCommand.connect.wireText() + ESLCommand.myEvents.wireText() + ESLCommand.linger(seconds: 5).wireText()))
        var parser = ESLFrameParser()
        let completions = try parser.consume(transcript.chunks.joined()).compactMap(ESLEvent.init).filter { $0.name == "CHANNEL_EXECUTE_COMPLETE" }
        #expect(completions.contains { $0["Application-UUID"] == "hotline-prompt-0001" && $0["Application"] == "playback" && $0["Application-Response"] == "FILE PLAYED" })
    }

    @Test func anArgumentCannotStartALineOfItsOwn() {
        for argument in ["a.wav\nEvent-UUID: x", "a.wav\r\n\nexit", "bell\u{07}"] {
            #expect(throws: ESLCommand.InvalidArgument.self, "\(argument.debugDescription)") {
                try ESLCommand.execute(application: "playback", argument: argument, uuid: "u1").wireText()
            }
        }
        #expect(throws: ESLCommand.InvalidArgument.self) { try ESLCommand.execute(application: "play back", argument: "", uuid: "u1").wireText() }
        #expect(throws: ESLCommand.InvalidArgument.self) { try ESLCommand.execute(application: "playback", argument: String(repeating: "a", count: 5000), uuid: "u").wireText() }
        #expect((try? ESLCommand.execute(application: "answer", argument: "", uuid: "u1").wireText()) == "sendmsg\ncall-command: execute\nexecute-app-name: answer\nevent-lock: true\nEvent-UUID: u1\n\n")
    }
}
