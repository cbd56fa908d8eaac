import ArgumentParser
import CallLog

/// Options of the commands that write or read the call log.
struct CallLogOptions: ParsableArguments {
    @Option(name: .long, help: "The call-log database (SQLite, WAL).")
    var database: String = "var/calllog.sqlite"

    @Option(name: .long, help: "per-call (one anonymous row per call) or statistics-only (counters per hour × number × language × outcome, no per-call rows).")
    var logMode: String = CallLogSettings.Mode.perCall.rawValue

    @Option(name: .long, help: "Seconds start times are cut down to (3600 = the hour).")
    var granularity: Int64 = 3600

    @Option(name: .long, help: "Delete calls older than this many days (0 keeps them).")
    var retentionDays: Int = 730

    @Option(name: .long, help: "Seconds between writes: the most a crash can lose.")
    var flushInterval: Double = 1

    func settings() throws -> CallLogSettings {
        guard let mode = CallLogSettings.Mode(rawValue: logMode) else {
            throw ValidationError("--log-mode '\(logMode)': use per-call or statistics-only")
        }
        guard granularity >= 60 else { throw ValidationError("--granularity must be at least 60 seconds") }
        guard flushInterval > 0, flushInterval <= 60 else { throw ValidationError("--flush-interval must be between 0 and 60 seconds") }
        var settings = CallLogSettings()
        settings.mode = mode
        settings.granularitySeconds = granularity
        settings.retentionDays = retentionDays
        settings.flushIntervalSeconds = flushInterval
        return settings
    }
}
