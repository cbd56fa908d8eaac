import CallEngine
import Dialplan
import Foundation

/// Builds a report from statistics cells. Pure: the same whether the cells come from per-call
/// rows or from the statistics-only store.
public enum ReportBuilder {
    /// `staff`: each advocate's figures over the same period, shown under the same suppression.
    public static func build(_ cells: [CallCellKey: CallCell], options: ReportOptions, staff: [StaffActivity] = []) -> CallReport {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = options.timeZone
        let from = options.from.map { Int64($0.timeIntervalSince1970) }
        let to = options.to.map { Int64($0.timeIntervalSince1970) }
        let selected = cells.filter { key, _ in
            (from.map { key.bucket >= $0 } ?? true) && (to.map { key.bucket < $0 } ?? true)
        }

        var total = Measures()
        var groups: [String: Measures] = [:]
        var languages: [String: Int] = [:]
        var hours = [Int](repeating: 0, count: 24)
        var days: [String: Measures] = [:]
        for (key, cell) in selected {
            total.add(key, cell, options: options)
            let start = Date(timeIntervalSince1970: TimeInterval(key.bucket))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: start)
            let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            languages[key.language, default: 0] += cell.count
            hours[parts.hour ?? 0] += cell.count
            days[day, default: Measures()].add(key, cell, options: options)
            if let grouping = options.grouping {
                let label = switch grouping {
                case .day: day
                case .hour: String(format: "%02d:00", parts.hour ?? 0)
                case .interval: String(format: "%02d:%02d", parts.hour ?? 0, (parts.minute ?? 0) - (parts.minute ?? 0) % options.intervalMinutes)
                case .language: key.language
                case .campaign: key.campaign
                case .outcome: key.ending.rawValue
                }
                groups[label, default: Measures()].add(key, cell, options: options)
            }
        }
        let buckets = selected.keys.map(\.bucket)
        // Every day of the period and every group a grouping can have, with calls or without:
        // a row that appears only when someone called would say so (issue 12 review).
        let first = options.from ?? buckets.min().map { Date(timeIntervalSince1970: TimeInterval($0)) }
        let end = options.to ?? buckets.max().map { calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval($0))) }.flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
        let everyDay = first.flatMap { first in end.map { Self.days(from: first, to: $0, calendar) } } ?? []
        for day in everyDay where days[day] == nil { days[day] = Measures() }
        if let grouping = options.grouping, grouping != .language, grouping != .campaign {
            for label in Publication.groups(options, days: everyDay, declared: []) where groups[label] == nil { groups[label] = Measures() }
        }
        var report = CallReport(
            options: options,
            firstBucket: buckets.min().map { Date(timeIntervalSince1970: TimeInterval($0)) },
            lastBucket: buckets.max().map { Date(timeIntervalSince1970: TimeInterval($0)) },
            rows: groups.sorted { $0.key < $1.key }.map { CallReport.Row(label: $0.key, measures: $0.value) },
            days: days.sorted { $0.key < $1.key }.map { CallReport.Row(label: $0.key, measures: $0.value) },
            total: total,
            languageMix: languages.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) },
            volumeByHour: hours,
            disclosure: Disclosure(k: options.k),
            previous: nil,
            advocates: staff.sorted { $0.advocate < $1.advocate }
        )
        report.disclosure = ComplementarySuppression.decide(report.counts, relations: report.relations, k: options.k,
                                                            atLeastOne: report.presentOnlyWithCalls, neverPartners: report.structuralZeros)
        return report
    }

    /// Every local day from `first` to before `end`, "YYYY-MM-DD" (at most ten years).
    public static func days(from first: Date, to end: Date, _ calendar: Calendar) -> [String] {
        localDays(from: first, to: end, calendar).map(\.name)
    }

    /// The same days with the instants each covers, [start, end).
    public static func localDays(from first: Date, to end: Date, _ calendar: Calendar) -> [(name: String, start: Date, end: Date)] {
        var days: [(name: String, start: Date, end: Date)] = []
        var day = calendar.startOfDay(for: first)
        while day < end, days.count < 3_660 {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            days.append((String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0), day, next))
            day = next
        }
        return days
    }
}
