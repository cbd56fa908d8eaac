import Foundation
import TestSupport

/// Runs a program to completion in the repository root, capturing stdout and stderr together.
struct ProcessRun {
    var status: Int32
    var output: String
    var lines: [String] { output.split(separator: "\n").map(String.init) }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the program on a thread of its own: waiting for a child process on one of the
    /// cooperative pool's threads (two on this machine) starved every other test's async code
    /// (transcript replays timed out waiting for bytes already sent).
    static func run(_ executable: URL, _ arguments: [String], in folder: URL = root, input: String? = nil) async throws -> ProcessRun {
        try await onOwnThread { try ProcessRun(executable, arguments, in: folder, input: input) }
    }

    /// Blocks the calling thread until the program exits: use `run` from async code.
    init(_ executable: URL, _ arguments: [String], in folder: URL = root, input: String? = nil) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try SerialLaunch.run(process)
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        output = String(decoding: data, as: UTF8.self)
    }
}
