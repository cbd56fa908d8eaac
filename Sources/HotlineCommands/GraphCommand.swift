import ArgumentParser
import Dialplan
import Foundation

/// `hotline graph`: the call flow as a picture (DOT, or SVG and PNG through Graphviz's `dot`),
/// cut into parts that each fit a screen or an A4 page at a size its labels can be read at.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a dialplan's call flow as Graphviz DOT, SVG or PNG.",
        discussion: "SVG and PNG are cut into parts that fit --fit (a 1280 × 800 screen by default): --output flow.svg writes flow-1.svg, flow-2.svg, … when one picture would not fit."
    )

    @Argument(help: "The dialplan file.")
    var plan: String = "Dialplans/hotline.yaml"

    @Option(name: .long, help: "dot, svg or png (svg and png need Graphviz's dot; make deps installs it).")
    var format: String = "dot"

    @Option(name: .long, help: "screen (1280 × 800), a4 (landscape) or none (one picture, however large). Default: screen for svg and png, none for dot.")
    var fit: String?

    @Option(name: .long, help: "Write to this file instead of standard output (with several parts: its name with -1, -2, … before the extension).")
    var output: String?

    /// The largest part, in points (Graphviz's unit; a browser shows 1 pt as 4/3 px).
    static let limits: [String: (width: Double, height: Double)] = ["screen": (960, 600), "a4": (800, 560)]

    func run() throws {
        guard ["dot", "svg", "png"].contains(format) else { throw ValidationError("--format '\(format)': use dot, svg or png") }
        let fit = fit ?? (format == "dot" ? "none" : "screen")
        guard fit == "none" || Self.limits[fit] != nil else { throw ValidationError("--fit '\(fit)': use screen, a4 or none") }
        let files = try PlanFiles(planPath: plan, options: PlanOptions.parse(["--no-prompts"]))
        guard let compiled = files.compilation.plan else {
            for diagnostic in files.compilation.diagnostics { print(diagnostic) }
            print("\(plan): has errors; fix them (hotline check \(plan)) before drawing it")
            throw ExitCode(1)
        }
        let pages = try Self.parts(compiled, fit: Self.limits[fit], format: format)
        if pages.count > 1 && output == nil {
            throw ValidationError("the flow takes \(pages.count) parts to fit --fit \(fit): give --output (flow.\(format) writes flow-1.\(format) … flow-\(pages.count).\(format)), or --fit none for one picture")
        }
        for (i, dot) in pages.enumerated() {
            let data = format == "dot" ? Data(dot.utf8) : try Self.render(Data(dot.utf8), format)
            guard let output else {
                FileHandle.standardOutput.write(data)
                return
            }
            let path = pages.count == 1 ? output : Self.numbered(output, i + 1)
            try data.write(to: URL(fileURLWithPath: path))
            print("wrote \(path)")
        }
    }

    /// The flow's sections packed into parts, in order, as many sections to a part as fit
    /// `limit` drawn left to right or, when that is too wide, top to bottom (a section that fits
    /// neither way alone is a part of its own, drawn the smaller way).
    static func parts(_ plan: Plan, fit limit: (width: Double, height: Double)?, format: String) throws -> [String] {
        guard let limit else { return [FlowDiagram.dot(plan)] }
        /// The way `part` fits (true: left to right), or nil when it fits neither way.
        func way(_ partOf: [Int], _ part: Int) throws -> (fits: Bool, across: Bool) {
            var best: (area: Double, across: Bool) = (.infinity, true)
            for across in [true, false] {
                let flags = [Bool](repeating: true, count: part) + [across]
                let size = size(try render(Data(FlowDiagram.pages(plan, partOf: partOf, acrossParts: flags, measuring: true)[part].utf8), "svg", measuringFor: format))
                if size.width <= limit.width && size.height <= limit.height { return (true, across) }
                if size.width * size.height < best.area { best = (size.width * size.height, across) }
            }
            return (false, best.across)
        }
        // -1: not placed yet (drawn, while measuring, as an arrow to another part).
        var partOf = [Int](repeating: -1, count: plan.states.count)
        var across: [Bool] = []
        var part = 0, filled = false
        var pending = FlowDiagram.sections(plan)
        while !pending.isEmpty {
            let section = pending.removeFirst()
            func placed(in part: Int) -> [Int] {
                var trial = partOf
                for state in section { trial[state] = part }
                return trial
            }
            var trial = placed(in: part)
            var drawn = try way(trial, part)
            if filled && !drawn.fits {
                part += 1
                filled = false
                trial = placed(in: part)
                drawn = try way(trial, part)
            }
            // Too large even alone: its first half, then its second (in the order calls reach them).
            if !filled && !drawn.fits && section.count > 1 {
                pending.insert(contentsOf: [Array(section.prefix(section.count / 2)), Array(section.dropFirst(section.count / 2))], at: 0)
                continue
            }
            partOf = trial
            filled = true
            if part < across.count { across[part] = drawn.across } else { across.append(drawn.across) }
        }
        return FlowDiagram.pages(plan, partOf: partOf, acrossParts: across)
    }

    /// The width and height an SVG of Graphviz's declares, in points.
    static func size(_ svg: Data) -> (width: Double, height: Double) {
        let text = String(decoding: svg.prefix(2000), as: UTF8.self)
        func value(_ name: String) -> Double {
            guard let range = text.range(of: "\(name)=\"") else { return .infinity }
            return Double(text[range.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? .infinity
        }
        return (value("width"), value("height"))
    }

    static func numbered(_ path: String, _ part: Int) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let stem = url.deletingPathExtension().path
        return ext.isEmpty ? "\(stem)-\(part)" : "\(stem)-\(part).\(ext)"
    }

    /// `measuringFor`: the format a measured SVG stands in for (a PNG is drawn with other fonts).
    static func render(_ dot: Data, _ format: String, measuringFor: String? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // A PNG is drawn here, with the fonts this machine has: measure with the one it draws with
        // (an SVG names Helvetica and is drawn by the viewer's sans-serif).
        let font = format == "png" || measuringFor == "png" ? ["-Gfontname=DejaVu Sans", "-Nfontname=DejaVu Sans", "-Efontname=DejaVu Sans"] : []
        process.arguments = ["dot", "-T\(format)"] + font
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw ValidationError("cannot run dot: install Graphviz (make deps does), or use --format dot") }
        input.fileHandleForWriting.write(dot)
        try input.fileHandleForWriting.close()
        let picture = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("dot failed (exit \(process.terminationStatus)); is Graphviz installed?") }
        return picture
    }
}
