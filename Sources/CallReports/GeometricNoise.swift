import Foundation

/// The two-sided geometric mechanism (the discrete Laplace): integer noise with
/// P(n) = (1 − α) ÷ (1 + α) × α^|n|, α = e^(−ε). Added to counts that one call changes by at most
/// one in all, it makes the publication ε-differentially private: whether any one call is in the
/// data changes the probability of any output by a factor of at most e^ε (Ghosh, Roughgarden and
/// Sundararajan, "Universally utility-maximizing privacy mechanisms", 2009). Integer noise, so not
/// the weakness of a rounded continuous Laplace; the draws still come from doubles, whose 2⁻⁵³
/// steps cap a draw near 37/ε and quantize the far tails (δ about 2⁻⁵²: docs/reports.md).
public struct GeometricNoise: Sendable {
    public let epsilon: Double

    public init(epsilon: Double) {
        self.epsilon = epsilon
    }

    public var alpha: Double { exp(-epsilon) }

    /// The difference of two geometric draws (failures before a success of probability 1 − α).
    public func sample(using random: inout some RandomNumberGenerator) -> Int {
        geometric(&random) - geometric(&random)
    }

    func geometric(_ random: inout some RandomNumberGenerator) -> Int {
        // 1 − U is in (0, 1]: its logarithm is finite. Inverse of the geometric distribution function.
        let u = 1 - Double.random(in: 0..<1, using: &random)
        let draws = (log(u) / log(alpha)).rounded(.down)
        return draws < Double(Int.max / 4) ? Int(draws) : Int.max / 4
    }

    public func probability(_ n: Int) -> Double {
        (1 - alpha) / (1 + alpha) * pow(alpha, Double(abs(n)))
    }

    public var variance: Double { 2 * alpha / ((1 - alpha) * (1 - alpha)) }

    /// The smallest m with P(|noise| ≤ m) ≥ `confidence`: "within ±m, 95 times in 100".
    public func margin(confidence: Double = 0.95) -> Int {
        // P(|noise| > m) = 2 α^(m+1) ÷ (1 + α).
        let m = log((1 - confidence) * (1 + alpha) / 2) / log(alpha) - 1
        return max(0, Int(m.rounded(.up)))
    }
}
