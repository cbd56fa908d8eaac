import Dialplan
import Foundation
import NIOConcurrencyHelpers

/// The positions of the plan's run-time switches (`switches:`), which staff flip in the console
/// or through the API. Kept in a small JSON file (`{"on": [...]}`, written through a rename) so
/// a restart keeps them; a call takes the positions of the moment it starts. Without a file
/// (tests, tools) the positions live in memory.
public final class SwitchBoard: Sendable {
    public struct Problem: Error, CustomStringConvertible {
        public enum Kind: Sendable { case unknownSwitch, unreadable, notKept }
        public var kind: Kind
        public var description: String
    }

    struct Stored: Codable { var on: [String] }

    public let path: String?
    let positions: NIOLockedValueBox<Set<String>>

    /// Positions in memory only: every switch starts off.
    public init() {
        path = nil
        positions = NIOLockedValueBox([])
    }

    /// Positions kept in `path` (read now when it exists).
    public init(path: String) throws(Problem) {
        self.path = path
        var on: Set<String> = []
        if FileManager.default.fileExists(atPath: path) {
            do {
                on = Set(try JSONDecoder().decode(Stored.self, from: Data(contentsOf: URL(fileURLWithPath: path))).on)
            } catch {
                throw Problem(kind: .unreadable, description: "\(path): cannot read the switches' positions (\(error.localizedDescription)); fix or remove the file (every switch is then off)")
            }
        }
        positions = NIOLockedValueBox(on)
    }

    /// The switches that are on now.
    public var on: Set<String> { positions.withLockedValue { $0 } }

    /// Turns a switch on or off and keeps the new positions on disk before it counts.
    public func set(_ name: String, on turnOn: Bool) throws(Problem) {
        let failure: Problem? = positions.withLockedValue { positions in
            var next = positions
            if turnOn { next.insert(name) } else { next.remove(name) }
            if let path {
                do throws(Problem) { try Self.write(next, to: path) } catch { return error }
            }
            positions = next
            return nil
        }
        if let failure { throw failure }
    }

    /// Flips a switch the plan in force declares; what was flipped. An unknown name is refused
    /// with the plan's switches named.
    @discardableResult
    public func flip(_ name: String, on turnOn: Bool, in plan: Plan) throws(Problem) -> PlanSwitch {
        guard let declared = plan.switches.first(where: { $0.name == name }) else {
            let known = plan.switches.map(\.name)
            throw Problem(kind: .unknownSwitch, description: "plan \(plan.version) has no switch '\(name)'" + (known.isEmpty ? "; declare it under 'switches:'" : "; its switches: \(known.joined(separator: ", "))"))
        }
        try set(name, on: turnOn)
        return declared
    }

    static func write(_ on: Set<String>, to path: String) throws(Problem) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JSONEncoder().encode(Stored(on: on.sorted())).write(to: temporary)
            guard rename(temporary.path, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            throw Problem(kind: .notKept, description: "\(path): cannot keep the switches' positions (\(error.localizedDescription)); the switch was not flipped")
        }
    }
}
