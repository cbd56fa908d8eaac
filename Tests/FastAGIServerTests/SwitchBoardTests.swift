import CallRuntime
import Dialplan
import Foundation
import Testing

/// Issue 14: what goes wrong with a switch says which kind of wrong it is, so the API answers
/// 404 for a switch the plan lacks and 500 for positions that cannot be kept, without reading text.
struct SwitchBoardTests {
    static let plan = Dialplan.compile("""
        languages: [en]
        time_zone: UTC
        entries: [{default: true, start: start}]
        switches: {outage: {label: Outage, flip: supervisor}}
        states:
          start: {switch: switch.outage, cases: {"on": down}, default: up}
          up: {hangup: , prompt: goodbye}
          down: {hangup: , prompt: goodbye}
        """, file: "s.yaml", prompts: nil).plan!

    @Test func eachProblemSaysItsKind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switches-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let board = SwitchBoard()
        #expect(throws: SwitchBoard.Problem.self) { try board.flip("storm", on: true, in: Self.plan) }
        do { try board.flip("storm", on: true, in: Self.plan) } catch { #expect(error.kind == .unknownSwitch && error.description.contains("its switches: outage")) }

        // Its folder is a file: the position cannot be kept, and does not change.
        let file = folder.appendingPathComponent("a-file")
        try "not a folder".write(to: file, atomically: true, encoding: .utf8)
        let unkept = try SwitchBoard(path: file.appendingPathComponent("switches.json").path)
        do { try unkept.flip("outage", on: true, in: Self.plan); Issue.record("flipped without keeping it") } catch {
            #expect(error.kind == .notKept && error.description.contains("the switch was not flipped"), "\(error)")
        }
        #expect(unkept.on.isEmpty)

        let garbled = folder.appendingPathComponent("garbled.json")
        try "{on: [".write(to: garbled, atomically: true, encoding: .utf8)
        do { _ = try SwitchBoard(path: garbled.path); Issue.record("read a garbled file") } catch {
            #expect(error.kind == .unreadable && error.description.contains("fix or remove the file"))
        }
    }
}
