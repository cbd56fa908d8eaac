import Dialplan
import Foundation
import Testing

@Suite struct OpeningHoursTests {
    let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/New_York")!
        return calendar
    }()
    let hours = OpeningHours(name: "office",
                             ranges: [(.sunday, ClockRange(start: 2 * 60, end: 4 * 60)), (.monday, ClockRange(start: 9 * 60, end: 17 * 60))],
                             closures: [Closure(date: CalendarDate(year: 2026, month: 12, day: 28), name: "Staff day")])

    func utc(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    @Test func wallClockRangesAreHalfOpen() {
        #expect(hours.status(at: utc("2026-11-30T13:59:00Z"), calendar: calendar) == .closed)   // Mon 08:59 EST
        #expect(hours.status(at: utc("2026-11-30T14:00:00Z"), calendar: calendar) == .open)     // Mon 09:00 EST
        #expect(hours.status(at: utc("2026-11-30T21:59:00Z"), calendar: calendar) == .open)     // Mon 16:59 EST
        #expect(hours.status(at: utc("2026-11-30T22:00:00Z"), calendar: calendar) == .closed)   // Mon 17:00 EST
    }

    @Test func closuresWinOverWeeklyHours() {
        #expect(hours.status(at: utc("2026-12-28T15:00:00Z"), calendar: calendar) == .holiday("Staff day"))
        // 2026-12-29 00:30 UTC is still the 28th in New York.
        #expect(hours.status(at: utc("2026-12-29T00:30:00Z"), calendar: calendar) == .holiday("Staff day"))
    }

    @Test func springForwardSkipsTheMissingHour() {
        // 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT. 06:59Z = 01:59 EST, 07:00Z = 03:00 EDT.
        #expect(hours.status(at: utc("2026-03-08T06:59:00Z"), calendar: calendar) == .closed)
        #expect(hours.status(at: utc("2026-03-08T07:00:00Z"), calendar: calendar) == .open)
        // 03:59 EDT is 07:59Z; 04:00 EDT is 08:00Z.
        #expect(hours.status(at: utc("2026-03-08T07:59:00Z"), calendar: calendar) == .open)
        #expect(hours.status(at: utc("2026-03-08T08:00:00Z"), calendar: calendar) == .closed)
    }

    @Test func fallBackOpensOnTheWallClockBothTimes() {
        // 2026-11-01: 01:00-02:00 happens twice; 02:00-04:00 is open once, at the EST offset.
        #expect(hours.status(at: utc("2026-11-01T06:30:00Z"), calendar: calendar) == .closed) // 01:30 EDT
        #expect(hours.status(at: utc("2026-11-01T07:30:00Z"), calendar: calendar) == .open)   // 02:30 EST
        #expect(hours.status(at: utc("2026-11-01T09:00:00Z"), calendar: calendar) == .closed) // 04:00 EST
    }

    @Test func datesMustExist() {
        #expect(CalendarDate(parsing: "2028-02-29") != nil)
        #expect(CalendarDate(parsing: "2027-02-29") == nil)
        #expect(CalendarDate(parsing: "2026-13-01") == nil)
        #expect(CalendarDate(parsing: "26-12-01") == nil)
    }
}
