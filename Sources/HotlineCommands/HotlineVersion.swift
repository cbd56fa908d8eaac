import CallLog
import Dialplan

/// What `hotline --version` prints: the release, and the two formats an operator must match
/// when upgrading (plans it reads, the call-log schema it writes).
enum HotlineVersion {
    /// Bumped with each release; `make dist` names its tarball after it.
    static let release = "0.13.0"

    static var description: String {
        "hotline \(release) (dialplan format \(Plan.format), call-log schema \(CallLogDatabase.schemaVersion))"
    }
}
