// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
/// computes exp((sᵢ − max)/T), so the largest term is exactly 1, the sum is
/// at least 1, and nothing overflows — also when sᵢ − max itself would
/// overflow (e.g. scores ±1e308 at T = 1e308). The weights are ≥ 0 and sum to
/// 1 within about n ulps; weight i has a relative error of about
/// (2 + |sᵢ − max|/T) ulps, from rounding the exponent. Adding a constant to
/// every score leaves the weights unchanged up to that rounding. As
/// T → 0 the weights become one-hot on the largest score, split equally among
/// tied largest scores. −∞ scores get weight 0; +∞ scores share the whole
/// weight equally. An empty list gives an empty list.
///
/// - Throws: `SoftmaxError.invalidTemperature` unless T is finite and > 0
///   (0, negative, NaN and ∞ all throw, even for an empty list);
///   `SoftmaxError.invalidScores` for a NaN score or when every score is −∞.
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
/// softmax; shown on screen when a weight is opened. Each lies in [0, 1] and
/// the largest score's is exactly 1.
///
/// - Precondition: `top` is the largest of `scores` and T > 0 (not checked:
///   `softmax` validates both).
public func softmaxExponentials(_ scores: [Double], temperature: Double, max top: Double) -> [Double] {
    scores.map { score in
        if top == .infinity { return score == .infinity ? 1 : 0 }
        let shifted = score - top
        // Two finite scores of opposite sign can be more than the float64 range apart;
        // dividing each by T first keeps a finite exponent when one exists.
        let exponent = shifted.isInfinite && score.isFinite ? score / temperature - top / temperature : shifted / temperature
        return exp(exponent)
    }
}
