import CallEngine
import Foundation

/// What happened on a simulated call, line by line, and its outcome.
public struct Transcript: Sendable, Codable {
    public struct Line: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable {
            /// The call entered a state.
            case state
            /// The engine asked the channel to do something.
            case action
            /// The caller (or the PBX on their behalf) did something.
            case caller
            /// Words of a prompt, as a subtitle.
            case subtitle
        }

        /// Seconds since the call started.
        public var at: Double
        public var kind: Kind
        /// The state the call was in.
        public var state: String
        public var text: String
    }

    public var plan: String
    public var planVersion: String
    public var dialedNumber: String?
    /// The local start time in the plan's time zone, e.g. "2026-12-25T23:00 America/New_York".
    public var localStart: String
    public var lines: [Line]
    public var outcome: CallOutcome
    /// Script steps left over when the call ended.
    public var unusedSteps: [String]
}
