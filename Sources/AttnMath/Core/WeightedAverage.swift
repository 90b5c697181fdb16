// SPDX-License-Identifier: Apache-2.0

/// What goes wrong when weights are normalised by dividing by their sum.
public enum SumNormalizationIssue: Equatable, Sendable {
    /// The weights add up to zero: the division is undefined.
    case zeroSum
    /// A weight is negative: the "average" may leave the span of the words.
    case negativeWeight(index: Int)
}

/// The course's first attempt at normalising weights: wᵢ / Σⱼ wⱼ.
///
/// Lesson 7 shows why it fails, so the failure is data, not an exception:
/// `weights` is nil when the sum is zero (or the list empty), and every
/// negative weight is listed in `issues`, in index order, even when the
/// division succeeds; `.zeroSum` comes first when present.
///
/// `sum` is the left-to-right float64 sum and only an exact 0 counts as zero:
/// weights such as [0.1, 0.2, −0.3] sum to about 5.6e-17 and divide into
/// enormous "weights" — which is the lesson's point. Each weight is
/// rawᵢ / sum, correctly rounded, so they sum to 1 within about n ulps.
public struct SumNormalization: Equatable, Sendable {
    public let sum: Double
    public let weights: [Double]?
    public let issues: [SumNormalizationIssue]

    public init(_ raw: [Double]) {
        sum = raw.reduce(0, +)
        var issues: [SumNormalizationIssue] = raw.indices.compactMap {
            raw[$0] < 0 ? .negativeWeight(index: $0) : nil
        }
        if sum == 0 || raw.isEmpty {
            issues.insert(.zeroSum, at: 0)
            weights = nil
        } else {
            let total = sum
            weights = raw.map { $0 / total }
        }
        self.issues = issues
    }
}

/// Σⱼ wⱼ·vⱼ: the context vector attention builds from weights that already
/// sum to 1. With n = 0 it is the zero vector of dimension `dimension`.
/// Each coordinate is summed left to right (j = 0, 1, …), so it matches a
/// float64 reference within a few ulps of Σⱼ |wⱼ·vⱼₖ|.
///
/// - Precondition: `weights.count == vectors.count`; every vector has `dimension` entries.
public func weightedSum(weights: [Double], vectors: [[Double]], dimension: Int) -> [Double] {
    precondition(weights.count == vectors.count, "weightedSum: \(weights.count) weights for \(vectors.count) vectors")
    var result = [Double](repeating: 0, count: dimension)
    for (weight, vector) in zip(weights, vectors) {
        precondition(vector.count == dimension, "weightedSum: vector of dimension \(vector.count), expected \(dimension)")
        for k in 0..<dimension { result[k] += weight * vector[k] }
    }
    return result
}

/// The weighted average Σ wⱼ·vⱼ / Σ wⱼ, or nil where the sum of the weights is
/// exactly zero (including no weights at all). Negative weights are allowed
/// and may put the result outside the span of the vectors.
///
/// - Precondition: as for `weightedSum`.
public func weightedAverage(weights: [Double], vectors: [[Double]], dimension: Int) -> [Double]? {
    let sum = weights.reduce(0, +)
    guard sum != 0 else { return nil }
    return scale(weightedSum(weights: weights, vectors: vectors, dimension: dimension), by: 1 / sum)
}
