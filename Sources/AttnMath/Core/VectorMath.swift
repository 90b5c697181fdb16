// Vector arithmetic on plain `[Double]`. All functions compute in float64 and
// accumulate left to right, so results match a straightforward numpy float64
// computation to within a few ulps.

/// The dot product Σ aᵢ·bᵢ.
///
/// - Precondition: `a.count == b.count`. Empty vectors give 0.
public func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot: dimensions differ (\(a.count) vs \(b.count))")
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}

/// The element-wise products aᵢ·bᵢ whose sum is the dot product (lesson 3 shows them).
public func elementwiseProducts(_ a: [Double], _ b: [Double]) -> [Double] {
    precondition(a.count == b.count, "elementwiseProducts: dimensions differ")
    return zip(a, b).map { $0 * $1 }
}

/// The Euclidean length √(Σ aᵢ²). Zero for the zero vector and for an empty vector.
public func norm(_ a: [Double]) -> Double {
    dot(a, a).squareRoot()
}

/// The cosine of the angle between `a` and `b`: a·b / (|a|·|b|), clamped to [-1, 1]
/// so rounding can never push it outside.
///
/// Returns nil when either vector has length zero: the angle is undefined
/// there, and returning NaN would poison every sum it enters.
/// Invariant under positive scaling of either argument.
public func cosineSimilarity(_ a: [Double], _ b: [Double]) -> Double? {
    let lengths = norm(a) * norm(b)
    guard lengths > 0, lengths.isFinite else { return nil }
    return min(1, max(-1, dot(a, b) / lengths))
}

/// The scaled dot product a·b / √d used by attention, d = `a.count`.
///
/// Dividing by √d keeps the spread of scores roughly independent of the
/// dimension, so softmax neither saturates nor flattens. Empty vectors give 0.
public func scaledDot(_ a: [Double], _ b: [Double]) -> Double {
    a.isEmpty ? 0 : dot(a, b) / Double(a.count).squareRoot()
}

/// The Euclidean distance |a − b|.
public func euclideanDistance(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "euclideanDistance: dimensions differ")
    var sum = 0.0
    for i in a.indices {
        let difference = a[i] - b[i]
        sum += difference * difference
    }
    return sum.squareRoot()
}

/// a + b, element-wise.
public func add(_ a: [Double], _ b: [Double]) -> [Double] {
    precondition(a.count == b.count, "add: dimensions differ")
    return zip(a, b).map { $0 + $1 }
}

/// a − b, element-wise.
public func subtract(_ a: [Double], _ b: [Double]) -> [Double] {
    precondition(a.count == b.count, "subtract: dimensions differ")
    return zip(a, b).map { $0 - $1 }
}

/// s·a.
public func scale(_ a: [Double], by s: Double) -> [Double] {
    a.map { $0 * s }
}
