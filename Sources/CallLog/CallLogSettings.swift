/// How the call log stores calls.
public struct CallLogSettings: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// One anonymous row per call (no caller identifier, coarse start time).
        case perCall = "per-call"
        /// No per-call rows at all: only counters and histograms per time bucket × entry number ×
        /// language × outcome, for privacy officers who accept no per-call record.
        case statisticsOnly = "statistics-only"
    }

    public var mode: Mode = .perCall
    /// Start times are cut down to this many seconds (default one hour), so a row cannot be
    /// matched to a carrier's record by its start time.
    public var granularitySeconds: Int64 = 3600
    /// How often pending outcomes are written: the most a crash can lose.
    public var flushIntervalSeconds: Double = 1
    /// Rows older than this are deleted (0 keeps everything).
    public var retentionDays: Int = 730
    /// Outcomes kept in memory while the disk refuses writes, before the oldest are dropped.
    public var maximumPending: Int = 200_000
    /// The largest the database file may grow (nil: as large as the disk allows). Past it,
    /// writes fail as on a full disk and outcomes wait.
    public var maximumDatabaseBytes: Int64?

    public init() {}
}
