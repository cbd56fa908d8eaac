import FastAGI
import Testing

@Suite struct AGICommandTests {
    /// Lines our commands produce, byte for byte as the controller in the transcripts sent them.
    @Test(arguments: [
        (AGICommand.answer, "ANSWER\n"),
        (.exec(application: "Dial", arguments: "Local/busy@agents/n,10"), "EXEC Dial \"Local/busy@agents/n,10\"\n"),
        (.exec(application: "Queue", arguments: "advocates,c,,,30"), "EXEC Queue \"advocates,c,,,30\"\n"),
        (.getVariable("DIALSTATUS"), "GET VARIABLE DIALSTATUS\n"),
        (.setVariable("HOTLINE_CASE", "case 42"), "SET VARIABLE HOTLINE_CASE \"case 42\"\n"),
        (.setVariable("QUOTED", "say \"hi\" twice"), "SET VARIABLE QUOTED \"say \\\"hi\\\" twice\"\n"),
        (.setVariable("EMPTY_ONE", ""), "SET VARIABLE EMPTY_ONE \"\"\n"),
        (.recordFile("/var/spool/asterisk/hotline/msg-beep", format: "wav", escapeDigits: "#", milliseconds: 2000, beep: true, silenceSeconds: nil),
         "RECORD FILE /var/spool/asterisk/hotline/msg-beep wav \"#\" 2000 0 BEEP\n"),
        (.recordFile("/var/spool/asterisk/hotline/msg-silence", format: "wav", escapeDigits: "#", milliseconds: 20000, beep: false, silenceSeconds: 2),
         "RECORD FILE /var/spool/asterisk/hotline/msg-silence wav \"#\" 20000 0 s=2\n"),
        (.getData("hotline-menu", milliseconds: 5000, maxDigits: 4), "GET DATA hotline-menu 5000 4\n"),
        (.waitForDigit(milliseconds: 5000), "WAIT FOR DIGIT 5000\n"),
        (.streamFile("hotline/es/welcome", escapeDigits: "0"), "STREAM FILE hotline/es/welcome \"0\"\n"),
        (.setMusic(on: true, musicClass: "default"), "SET MUSIC ON default\n"),
        (.setMusic(on: false, musicClass: nil), "SET MUSIC OFF\n"),
        (.hangup, "HANGUP\n"),
    ])
    func wireLines(command: AGICommand, line: String) throws {
        #expect(try command.wireLine() == line)
    }

    @Test func lineBreaksAndNULsCannotInjectACommand() {
        #expect(throws: AGICommand.InvalidArgument.self) { try AGICommand.exec(application: "Dial", arguments: "x\nHANGUP").wireLine() }
        #expect(throws: AGICommand.InvalidArgument.self) { try AGICommand.setVariable("A", "b\r").wireLine() }
        #expect(throws: AGICommand.InvalidArgument.self) { try AGICommand.streamFile("a\0b", escapeDigits: "").wireLine() }
        #expect(throws: AGICommand.InvalidArgument.self) { try AGICommand.streamFile("two words", escapeDigits: "").wireLine() }
    }

    /// Asterisk splits arguments on bytes: a quote or a space with a combining mark after it
    /// (one Character in Swift) is still a quote or a space there.
    @Test func quotesAndSpacesAreFoundByteByByteAsAsteriskReadsThem() throws {
        #expect(try AGICommand.setVariable("V", "a\"\u{301}b\\").wireLine() == "SET VARIABLE V \"a\\\"\u{301}b\\\\\"\n")
        #expect(throws: AGICommand.InvalidArgument.self) { try AGICommand.streamFile("a\"\u{301}", escapeDigits: "").wireLine() }
        #expect(throws: AGICommand.InvalidArgument.self) { try AGICommand.streamFile("a \u{301}b", escapeDigits: "").wireLine() }
        #expect(try AGICommand.streamFile("hotline/zh/欢迎", escapeDigits: "0").wireLine() == "STREAM FILE hotline/zh/欢迎 \"0\"\n")
    }

    @Test func onlyHarmlessCommandsRunOnADeadChannel() {
        #expect(AGICommand.getVariable("DIALSTATUS").allowedOnDeadChannel)
        #expect(!AGICommand.streamFile("x", escapeDigits: "").allowedOnDeadChannel)
        #expect(!AGICommand.hangup.allowedOnDeadChannel)
    }
}
