@testable import FastAGIServer
import NIOCore
import NIOPosix

/// Plays the PBX side of FastAGI over a real loopback TCP connection.
struct FakePBX {
    struct Closed: Error {}

    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>

    static func connect(port: Int) async throws -> FakePBX {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(AGILineDecoder(maximumLineLength: 1 << 20)))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return FakePBX(channel: channel)
    }

    /// Runs `body` with the connection's line reader and writer, then closes it.
    func run<T: Sendable>(_ body: (inout Lines, Writer) async throws -> T) async throws -> T {
        try await channel.executeThenClose { inbound, outbound in
            var lines = Lines(iterator: inbound.makeAsyncIterator())
            return try await body(&lines, Writer(outbound: outbound))
        }
    }

    struct Lines {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator

        /// The next line the controller sent, or nil when it closed (or reset) the connection.
        mutating func next() async throws -> String? {
            do {
                guard let buffer = try await iterator.next() else { return nil }
                return String(buffer: buffer)
            } catch {
                return nil
            }
        }
    }

    struct Writer {
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

        /// Writes; a connection the controller already closed swallows the bytes, as a
        /// socket would.
        func send(_ text: String) async throws {
            try? await outbound.write(ByteBuffer(string: text))
        }

        func send(bytes: [UInt8]) async throws {
            try? await outbound.write(ByteBuffer(bytes: bytes))
        }
    }

    static let environment = """
    agi_network: yes
    agi_network_script: hotline?campaign=tollfree
    agi_request: agi://127.0.0.1:4573/hotline?campaign=tollfree
    agi_channel: PJSIP/canary-trunk-0000002a
    agi_language: en
    agi_type: PJSIP
    agi_uniqueid: 1795931071.11
    agi_version: 22.10.1
    agi_callerid: 5551234567
    agi_calleridname: WIRELESS CALLER
    agi_callingpres: 0
    agi_callingani2: 0
    agi_callington: 0
    agi_callingtns: 0
    agi_dnid: 8883737888
    agi_rdnis: unknown
    agi_context: hotline
    agi_extension: 8883737888
    agi_priority: 1
    agi_enhanced: 0.0
    agi_accountcode: \n
    """.replacingOccurrences(of: "\\n", with: "") + "agi_threadid: 139665937467072\n\n"
}

/// Answers commands the way Asterisk does, pressing the scripted keys at WAIT FOR DIGIT.
struct ScriptedCaller {
    var keys: [Character]
    var hangUpAfterCommands: Int?
    var commands: [String] = []

    init(keys: String, hangUpAfterCommands: Int? = nil) {
        self.keys = Array(keys)
        self.hangUpAfterCommands = hangUpAfterCommands
    }

    /// The reply lines for one command line.
    mutating func reply(to command: String) -> [String] {
        commands.append(command)
        if let limit = hangUpAfterCommands, commands.count >= limit {
            return command.hasPrefix("STREAM FILE") ? ["200 result=-1 endpos=4000", "HANGUP"] : ["HANGUP"]
        }
        switch command.split(separator: " ").first ?? "" {
        case "ANSWER", "SET": return ["200 result=0"]
        case "STREAM": return ["200 result=0 endpos=16000"]
        case "WAIT":
            guard !keys.isEmpty else { return ["200 result=0"] }
            return ["200 result=\(keys.removeFirst().asciiValue!)"]
        case "GET":
            if command.hasPrefix("GET VARIABLE DIALSTATUS") { return ["200 result=1 (ANSWER)"] }
            return ["200 result= (timeout)"]
        case "EXEC": return ["200 result=0"]
        case "RECORD": return ["200 result=0 (timeout) endpos=160000"]
        case "HANGUP": return ["200 result=1", "HANGUP"]
        default: return ["510 Invalid or unknown command"]
        }
    }

    /// Plays a whole call on `pbx`: environment, then a reply to each command until the
    /// controller closes. Returns the commands it received.
    static func call(port: Int, keys: String, hangUpAfterCommands: Int? = nil) async throws -> [String] {
        let pbx = try await FakePBX.connect(port: port)
        return try await pbx.run { lines, writer in
            var caller = ScriptedCaller(keys: keys, hangUpAfterCommands: hangUpAfterCommands)
            try await writer.send(FakePBX.environment)
            while let command = try await lines.next() {
                for line in caller.reply(to: command) { try await writer.send(line + "\n") }
            }
            return caller.commands
        }
    }
}
