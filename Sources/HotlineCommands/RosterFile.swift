import AdvocateQueue
import Dialplan
import Foundation

/// Reads `roster.yaml` for a plan: the advocates the controller may ring, with every problem
/// found. Errors make the roster unusable (the start stops; a reload keeps the old one).
struct RosterFile {
    /// nil when the roster has errors or could not be read.
    var advocates: [AgentProfile]?
    /// Problems that make the roster unusable, and the rest, each with its file:line:column.
    var errors: [String] = []
    var warnings: [String] = []
    var exists: Bool

    init(_ path: String, plan: Plan) {
        let data: Data
        do {
            data = try RegularFile.read(path, limit: YAMLGuard.maximumBytes)
        } catch {
            exists = error != .missing
            advocates = nil
            errors = [RegularFile.message(error, path: path, what: "the roster")]
            return
        }
        exists = true
        guard let text = String(data: data, encoding: .utf8) else {
            advocates = nil
            errors = ["\(path):1:1: error: the roster is not UTF-8 text; save it as UTF-8"]
            return
        }
        let (roster, found) = Roster.parse(text, file: path, languages: plan.languages)
        errors = found.filter { $0.severity == .error }.map(\.description)
        warnings = found.filter { $0.severity == .warning }.map(\.description)
        guard errors.isEmpty else {
            advocates = nil
            return
        }
        let spoken = Set(roster.advocates.flatMap(\.languages))
        for language in plan.languages where !spoken.contains(language) {
            warnings.append("\(path):1:1: warning: nobody on the roster takes '\(language)', a language the plan offers; its callers can reach an advocate only through an interpreter, or the queue's no-advocates branch")
        }
        advocates = roster.advocates.map { AgentProfile(id: $0.id, endpoint: $0.endpoint, languages: Set($0.languages)) }
    }

    var diagnostics: [String] { errors + warnings }
}
