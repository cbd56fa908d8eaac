/// Waiting times counted in fixed bins, so the statistics-only mode can compute service levels
/// and short abandons without keeping any per-call row. Bin `i` holds waits in
/// `[edges[i-1], edges[i])` (the first from 0, the last to infinity).
public enum WaitHistogram {
    /// Seconds. A service-level or short-abandon threshold must be one of these.
    public static let edges: [Double] = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600]

    public static var binCount: Int { edges.count + 1 }

    public static func bin(_ seconds: Double) -> Int {
        edges.firstIndex { seconds < $0 } ?? edges.count
    }

    /// How many waits in `histogram` were shorter than `threshold` (an edge).
    public static func count(below threshold: Double, in histogram: [Int]) -> Int {
        let bins = edges.firstIndex(of: threshold).map { $0 + 1 } ?? 0
        return histogram.prefix(bins).reduce(0, +)
    }

    /// "0-5 s", "5-10 s", …, "600 s+".
    public static func label(_ bin: Int) -> String {
        let lower = bin == 0 ? 0 : Int(edges[bin - 1])
        return bin < edges.count ? "\(lower)-\(Int(edges[bin])) s" : "\(lower) s+"
    }
}
