import Yams

/// The `hours:` section: named weekly schedules with closure dates.
extension PlanParser {
    static let dayGroups: [String: [Weekday]] = [
        "monday": [.monday], "tuesday": [.tuesday], "wednesday": [.wednesday], "thursday": [.thursday],
        "friday": [.friday], "saturday": [.saturday], "sunday": [.sunday],
        "weekdays": [.monday, .tuesday, .wednesday, .thursday, .friday],
        "weekend": [.saturday, .sunday],
        "daily": Weekday.allCases,
    ]

    mutating func parseHours(_ node: Node) -> [HoursDefinition] {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(source.location(of: node), "'hours' maps a name to a weekly schedule, e.g. `office: {weekdays: \"09:00-17:00\"}`"))
            return []
        }
        let reader = MappingReader(mapping, context: "'hours'", source: source, diagnostics: &diagnostics)
        return reader.pairs.compactMap { pair in
            guard let schedule = pair.value.mapping else {
                diagnostics.append(.error(source.location(of: pair.value), "hours '\(pair.key)' is a mapping of days to times, e.g. `weekdays: \"09:00-17:00\"`"))
                return nil
            }
            return parseSchedule(Located(pair.key, at: pair.keyLocation), schedule)
        }
    }

    private mutating func parseSchedule(_ name: Located<String>, _ mapping: Node.Mapping) -> HoursDefinition {
        let reader = MappingReader(mapping, context: "hours '\(name.value)'", source: source, diagnostics: &diagnostics)
        let dayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekdays", "weekend", "daily"]
        reader.reportUnknownFields(allowed: dayNames + ["closures"], diagnostics: &diagnostics)
        var ranges: [HoursDefinition.DayRange] = []
        for pair in reader.pairs {
            guard let days = Self.dayGroups[pair.key] else { continue }
            for range in clockRanges(pair.value) {
                ranges += days.map { HoursDefinition.DayRange(weekday: $0, range: range.value, location: range.location) }
            }
        }
        let closures = reader["closures"].map { self.parseClosures($0, hours: name.value) } ?? []
        return HoursDefinition(name: name, ranges: ranges, closures: closures)
    }

    /// `"09:00-17:00"`, `"09:00-12:00, 13:00-17:00"`, a list of those, or `closed`.
    private mutating func clockRanges(_ node: Node) -> [Located<ClockRange>] {
        var result: [Located<ClockRange>] = []
        for item in textList(node, "opening times") {
            if item.value.trimmingSpaces == "closed" { continue }
            for part in item.value.split(separator: ",") {
                let text = String(part).trimmingSpaces
                guard let range = Self.clockRange(text) else {
                    diagnostics.append(.error(item.location, "'\(text)' is not a time range: write HH:MM-HH:MM in 24-hour time, e.g. 09:00-17:00 (or 'closed')"))
                    continue
                }
                guard range.start < range.end else {
                    diagnostics.append(.error(item.location, "'\(text)' ends before it starts; for overnight hours write 22:00-24:00 on one day and 00:00-06:00 on the next"))
                    continue
                }
                result.append(Located(range, at: item.location))
            }
        }
        return result
    }

    static func clockRange(_ text: String) -> ClockRange? {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        guard ends.count == 2, let start = minutes(ends[0]), let end = minutes(ends[1]) else { return nil }
        return ClockRange(start: start, end: end)
    }

    /// `HH:MM` as minutes from midnight; 24:00 is allowed as an end.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...59).contains(minutes), (0...23).contains(hours) || (hours == 24 && minutes == 0)
        else { return nil }
        return hours * 60 + minutes
    }

    private mutating func parseClosures(_ node: Node, hours: String) -> [Located<Closure>] {
        guard let sequence = node.sequence else {
            diagnostics.append(.error(source.location(of: node), "'closures' is a list of dates: `- 2026-12-25` or `- {date: 2026-12-25, name: Christmas Day}`"))
            return []
        }
        return sequence.compactMap { item in
            var dateNode = item
            var name: String?
            if let mapping = item.mapping {
                let reader = MappingReader(mapping, context: "a closure of hours '\(hours)'", source: source, diagnostics: &diagnostics)
                reader.reportUnknownFields(allowed: ["date", "name"], diagnostics: &diagnostics)
                guard let date = reader["date"] else {
                    diagnostics.append(.error(reader.location, "a closure needs 'date: YYYY-MM-DD'"))
                    return nil
                }
                dateNode = date
                name = text(reader["name"], "the closure's name")?.value
            }
            guard let text = text(dateNode, "a closure date") else { return nil }
            guard let date = CalendarDate(parsing: text.value) else {
                diagnostics.append(.error(text.location, "'\(text.value)' is not a date: write YYYY-MM-DD, e.g. 2026-12-25"))
                return nil
            }
            return Located(Closure(date: date, name: name ?? "closure \(date)"), at: text.location)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
        while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
