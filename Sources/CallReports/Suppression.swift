/// Small-count suppression: a count below k (but above 0) is shown as "<k", and a rate or
/// average whose numerator or denominator is such a count is hidden too, so that a report
/// cannot single out a caller.
public struct Suppression: Sendable {
    public let k: Int

    public init(k: Int) {
        self.k = k
    }

    public func isSuppressed(_ count: Int) -> Bool {
        count > 0 && count < k
    }

    public func count(_ value: Int) -> String {
        isSuppressed(value) ? "<\(k)" : String(value)
    }

    /// A percentage, or "<k" when a part it is built on is suppressed, or "–" when undefined.
    public func percent(_ value: Double?, parts: Int...) -> String {
        guard let value else { return "–" }
        if parts.contains(where: isSuppressed) { return "<\(k)" }
        return String(format: "%.1f %%", value * 100)
    }

    /// Seconds, or "<k" when fewer than k calls are averaged.
    public func seconds(_ value: Double?, over calls: Int) -> String {
        guard let value else { return "–" }
        return isSuppressed(calls) ? "<\(k)" : String(format: "%.0f s", value)
    }
}
