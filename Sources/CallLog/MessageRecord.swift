import CallReports
import Foundation

/// A message a caller left, as the call log keeps it: a random id (its sealed file's name), the
/// hour it was left, the language and campaign of the call, its length in whole seconds, and
/// whether it has been followed up. Nothing about the caller and nothing of its content.
public struct MessageRecord: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable { case new, done }

    public var id: String
    /// The start of the hour it was left in (seconds since 1970).
    public var hour: Int64
    public var language: String
    public var campaign: String
    public var seconds: Int
    public var state: State
    /// The start of the hour it was marked done.
    public var doneHour: Int64?

    public init(id: String, hour: Int64, language: String, campaign: String, seconds: Int, state: State = .new, doneHour: Int64? = nil) {
        self.id = id
        self.hour = hour
        self.language = language
        self.campaign = campaign
        self.seconds = seconds
        self.state = state
        self.doneHour = doneHour
    }

    /// The start of the hour `date` falls in.
    public static func hour(of date: Date) -> Int64 { CallCellKey.bucket(date, 3600) }

    /// The hour as people read it: `2026-12-02 13:00 UTC`.
    public static func hourText(_ hour: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:00 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(hour)))
    }

    /// A message id: 128 random bits as 32 hex digits, linkable to nothing.
    public static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    public static func isValidID(_ id: String) -> Bool {
        id.count == 32 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
