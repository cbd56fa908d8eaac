import ArgumentParser
import Dialplan
import Foundation

/// `hotline graph`: the call flow as a picture (DOT, or SVG through Graphviz's `dot`).
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a dialplan's call flow as Graphviz DOT or SVG."
    )

    @Argument(help: "The dialplan file.")
    var plan: String = "Dialplans/hotline.yaml"

    @Option(name: .long, help: "dot or svg (svg needs Graphviz's dot; make deps installs it).")
    var format: String = "dot"

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        guard format == "dot" || format == "svg" else { throw ValidationError("--format '\(format)': use dot or svg") }
        let files = try PlanFiles(planPath: plan, options: PlanOptions.parse(["--no-prompts"]))
        guard let compiled = files.compilation.plan else {
            for diagnostic in files.compilation.diagnostics { print(diagnostic) }
            print("\(plan): has errors; fix them (hotline check \(plan)) before drawing it")
            throw ExitCode(1)
        }
        var data = Data(FlowDiagram.dot(compiled).utf8)
        if format == "svg" { data = try Self.render(data) }
        if let output {
            try data.write(to: URL(fileURLWithPath: output))
            print("wrote \(output)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    static func render(_ dot: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dot", "-Tsvg"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw ValidationError("cannot run dot: install Graphviz (make deps does), or use --format dot") }
        input.fileHandleForWriting.write(dot)
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("dot failed (exit \(process.terminationStatus)); is Graphviz installed?") }
        return svg
    }
}
