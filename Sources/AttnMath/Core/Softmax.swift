import Foundation

/// Why a softmax could not be computed.
public enum SoftmaxError: Error, Equatable, CustomStringConvertible {
    /// Temperature must be a finite number greater than zero.
    case invalidTemperature(Double)
    /// A score was NaN, or every score was −∞.
    case invalidScores

    public var description: String {
        switch self {
        case .invalidTemperature(let t): "temperature must be a finite number > 0 (got \(t))"
        case .invalidScores: "scores must be numbers, not NaN, and not all −∞"
        }
    }
}

/// Softmax with temperature: wᵢ = exp(sᵢ/T) / Σⱼ exp(sⱼ/T).
///
/// Stable for any finite scores (including ±1e308 and T near zero): it
/// computes exp((sᵢ − max)/T), so the largest term is exactly 1 and nothing
/// overflows. The weights are ≥ 0 and sum to 1 within a few ulps; adding a
/// constant to every score leaves them unchanged. −∞ scores get weight 0.
/// An empty list gives an empty list.
public func softmax(_ scores: [Double], temperature: Double = 1) throws(SoftmaxError) -> [Double] {
    guard temperature > 0, temperature.isFinite else {
        throw .invalidTemperature(temperature)
    }
    guard !scores.isEmpty else { return [] }
    guard !scores.contains(where: \.isNaN), let top = scores.max(), top > -Double.infinity else {
        throw .invalidScores
    }
    let exponentials = softmaxExponentials(scores, temperature: temperature, max: top)
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
}

/// The shifted exponentials exp((sᵢ − max)/T) whose normalisation is the
/// softmax; shown on screen when a weight is opened.
public func softmaxExponentials(_ scores: [Double], temperature: Double, max top: Double) -> [Double] {
    scores.map { score in
        if top == .infinity { return score == .infinity ? 1 : 0 }
        return exp((score - top) / temperature)
    }
}
