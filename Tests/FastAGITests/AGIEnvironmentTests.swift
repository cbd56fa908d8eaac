import FastAGI
import Testing
import TestSupport

@Suite struct AGIEnvironmentTests {
    func parse(_ transcript: AsteriskTranscript) -> AGIEnvironmentParser.Progress {
        var parser = AGIEnvironmentParser()
        for line in transcript.environment {
            if case .invalid(let reason) = parser.consume(Substring(line.text)) { return .invalid(reason) }
        }
        return parser.consume("")
    }

    @Test func environmentBlockKeepsOnlyWhatIsAllowed() throws {
        guard case .complete(let environment) = parse(try AsteriskTranscript(name: "01-env-block")) else {
            Issue.record("the block did not complete")
            return
        }
        #expect(environment.networkScript == "hotline?campaign=tollfree")
        #expect(environment.scriptName == "hotline")
        #expect(environment.scriptParameters == ["campaign": "tollfree"])
        #expect(environment.arguments == ["tollfree", "8885550100", "two words"])
        #expect(environment.language == "en")
        #expect(environment.extensionName == "8885550100")
        #expect(environment.dialedNumber == nil)
        #expect(environment.hotlineNumberCandidates.first == "8885550100")
        #expect(environment.context == "hotline")
    }

    /// The identifiers the PBX sent appear nowhere in what the parser keeps.
    @Test(arguments: try AsteriskTranscript.all().map(\.name))
    func noCallerIdentifierSurvivesTheParser(name: String) throws {
        let transcript = try AsteriskTranscript(name: name)
        guard !transcript.environment.isEmpty else { return }
        guard case .complete(let environment) = parse(transcript) else {
            Issue.record("\(name): the block did not complete")
            return
        }
        let kept = String(reflecting: environment)
        for line in transcript.environment {
            let parts = line.text.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0], value = parts[1].dropFirst()
            let identifying = ["agi_callerid", "agi_calleridname", "agi_channel", "agi_uniqueid", "agi_threadid", "agi_rdnis"]
            if identifying.contains(String(key)), !value.isEmpty, value != "unknown" {
                #expect(!kept.contains(value), "\(name): \(key) survived")
            }
        }
        #expect(!kept.contains("5551234567"))
        #expect(!kept.contains("WIRELESS"))
    }

    @Test func sExtensionWithoutArgumentsHasNoHotlineNumber() throws {
        guard case .complete(let environment) = parse(try AsteriskTranscript(name: "02-env-block-s-extension")) else {
            Issue.record("the block did not complete")
            return
        }
        #expect(environment.extensionName == "s")
        #expect(environment.arguments.isEmpty)
        #expect(environment.hotlineNumberCandidates.isEmpty)
    }

    @Test func garbageIsRefusedWithoutQuotingIt() {
        var parser = AGIEnvironmentParser()
        #expect(parser.consume("agi_network: yes") == .needMore)
        #expect(parser.consume("GET / HTTP/1.1 5551234567") == .invalid("line 2 of the environment block is not 'agi_name: value'"))
        var long = AGIEnvironmentParser(maximumLines: 3)
        for _ in 0..<3 { _ = long.consume("agi_x: y") }
        #expect(long.consume("agi_x: y") == .invalid("the environment block is longer than 3 lines"))
        var shuffled = AGIEnvironmentParser()
        #expect(shuffled.consume("agi_arg_2: x") == .invalid("line 1 of the environment block has an argument out of order"))
    }
}

@Suite struct TranscriptFolderTests {
    /// The protocol truth must be there: a missing ../shared would otherwise skip every replay.
    @Test func everyRecordedConversationIsPresent() throws {
        let names = try #require(try? AsteriskTranscript.all().map(\.name), "\(InteropFolder.missing)")
        #expect(names.count >= 24, "expected the Asterisk transcripts in \(AsteriskTranscript.folder.path)")
        #expect(names.contains("01-env-block"))
        // FreeSWITCH's replays loop over whatever is found, so an empty folder must fail here.
        let freeSWITCH = FreeSWITCHTranscript.all().map(\.name)
        #expect(freeSWITCH.count >= 46, "expected both runs of the FreeSWITCH transcripts in \(FreeSWITCHTranscript.folder.path)")
        #expect(freeSWITCH.contains("01-connect-channel-data.txt"))
    }
}

/// Issue 11, item 8: bytes are checked only in the fields the controller keeps.
@Suite struct AGIEnvironmentBytesTests {
    func consume(_ blocks: [[UInt8]]) -> AGIEnvironmentParser.Progress {
        var parser = AGIEnvironmentParser()
        var progress = AGIEnvironmentParser.Progress.needMore
        for line in blocks {
            progress = parser.consume(bytes: line)
            if progress != .needMore { break }
        }
        return progress
    }

    @Test func aLatin1CallerNameIsThrownAwayNotRefused() {
        let progress = consume([Array("agi_network: yes".utf8), Array("agi_calleridname: Jos".utf8) + [0xE9], Array("agi_x: a\0b".utf8),
                                Array("agi_extension: 8883737888".utf8), []])
        guard case .complete(let environment) = progress else {
            Issue.record("refused: \(progress)")
            return
        }
        #expect(environment.extensionName == "8883737888")
        #expect(!String(reflecting: environment).contains("Jos"))
    }

    /// The names are matched as bytes: each kept field is read, a name that only starts or ends
    /// like one is dropped unread, and the space after the colon is optional.
    @Test func keptFieldsAreMatchedByTheirWholeName() {
        let progress = consume([Array("agi_network_script:hotline?number=8885550100".utf8), Array("agi_language: es".utf8),
                                Array("agi_type: PJSIP".utf8), Array("agi_version: 22.10.1".utf8), Array("agi_dnid: 8885550199".utf8),
                                Array("agi_context: hotline".utf8), Array("agi_extension: s".utf8), Array("agi_priority: 2".utf8),
                                Array("agi_languages: xx".utf8), Array("agi_dni: 5551234567".utf8), Array("agi_arg_1: one".utf8), []])
        guard case .complete(let environment) = progress else {
            Issue.record("refused: \(progress)")
            return
        }
        #expect(environment.networkScript == "hotline?number=8885550100")
        #expect(environment.language == "es")
        #expect(environment.channelType == "PJSIP")
        #expect(environment.version == "22.10.1")
        #expect(environment.dialedNumber == "8885550199")
        #expect(environment.context == "hotline")
        #expect(environment.extensionName == "s")
        #expect(environment.priority == "2")
        #expect(environment.arguments == ["one"])
        #expect(!String(reflecting: environment).contains("5551234567"))
        #expect(!String(reflecting: environment).contains("xx"))
        #expect(consume([Array("agi_arg_x: one".utf8), []]) == .invalid("line 1 of the environment block has an argument out of order"))
        #expect(consume([Array("agi_arg_: one".utf8), []]) == .invalid("line 1 of the environment block has an argument out of order"))
        #expect(consume([Array("agi_arg_1".utf8), []]) == .invalid("line 1 of the environment block is not 'agi_name: value'"))
        #expect(consume([Array("agi_dnid: unknown".utf8), []]) == .complete(AGIEnvironment()))
    }

    @Test func invalidBytesInAKeptFieldRefuseTheBlock() {
        #expect(consume([Array("agi_language: ".utf8) + [0xC3, 0x28], []]) == .invalid("line 1 of the environment block (agi_language) holds a NUL byte or invalid UTF-8"))
        #expect(consume([Array("agi_arg_1: a\0".utf8), []]) == .invalid("line 1 of the environment block (agi_arg_1) holds a NUL byte or invalid UTF-8"))
        #expect(consume([[0x61, 0x67, 0x69, 0x5F, 0xFF] + Array(": x".utf8), []]) == .invalid("line 1 of the environment block has a field name that is not plain ASCII"))
        #expect(consume([[0xFF, 0xFE], []]) == .invalid("line 1 of the environment block is not 'agi_name: value'"))
    }
}
