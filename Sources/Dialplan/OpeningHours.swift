import Foundation

/// Days as Foundation's Gregorian calendar numbers them (Sunday = 1).
public enum Weekday: Int, Sendable, CaseIterable, Hashable {
    case sunday = 1, monday, tuesday, wednesday, thursday, friday, saturday

    public var name: String {
        switch self {
        case .sunday: "sunday"
        case .monday: "monday"
        case .tuesday: "tuesday"
        case .wednesday: "wednesday"
        case .thursday: "thursday"
        case .friday: "friday"
        case .saturday: "saturday"
        }
    }
}

/// A range of wall-clock time within one day, in minutes from midnight: `start..<end`.
public struct ClockRange: Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public func overlaps(_ other: ClockRange) -> Bool {
        start < other.end && other.start < end
    }

    public func contains(minute: Int) -> Bool {
        start <= minute && minute < end
    }

    public var description: String { "\(Self.format(start))-\(Self.format(end))" }

    static func format(_ minutes: Int) -> String {
        let hours = minutes / 60, mins = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (mins < 10 ? "0" : "") + "\(mins)"
    }
}

/// A calendar date in the plan's time zone.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, rejecting dates that do not exist.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= CalendarDate.days(inMonth: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}

/// A day the hotline is closed whatever the weekly hours say.
public struct Closure: Hashable, Sendable {
    public var date: CalendarDate
    public var name: String

    public init(date: CalendarDate, name: String) {
        self.date = date
        self.name = name
    }
}

/// Compiled opening hours: answers "open, closed or holiday?" for an instant.
public struct OpeningHours: Sendable {
    public enum Status: Hashable, Sendable {
        case open
        case closed
        case holiday(String)
    }

    public let name: String
    /// Ranges per weekday, indexed by `Weekday.rawValue - 1`.
    let weekly: [[ClockRange]]
    let closures: [CalendarDate: String]

    public init(name: String, ranges: [(Weekday, ClockRange)], closures: [Closure]) {
        self.name = name
        var weekly = [[ClockRange]](repeating: [], count: 7)
        for (day, range) in ranges { weekly[day.rawValue - 1].append(range) }
        self.weekly = weekly
        self.closures = Dictionary(closures.map { ($0.date, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// The status at `instant`, read on the wall clock of `calendar`'s time zone.
    public func status(at instant: Date, calendar: Calendar) -> Status {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: instant)
        let date = CalendarDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        if let holiday = closures[date] { return .holiday(holiday) }
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let day = (parts.weekday ?? 1) - 1
        return weekly[day].contains { $0.contains(minute: minute) } ? .open : .closed
    }
}
