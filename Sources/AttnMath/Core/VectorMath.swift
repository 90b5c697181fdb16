// SPDX-License-Identifier: Apache-2.0

// Vector arithmetic on plain `[Double]`. Everything is float64 and accumulates
// left to right, so a result differs from numpy's float64 (whose BLAS sums in
// another order) by a few ulps of Σ|terms| — relative to the result itself
// only when there is no cancellation.

/// The dot product Σ aᵢ·bᵢ, summed left to right.
///
/// Empty vectors give 0. The sum overflows to ±∞ (or NaN, for ∞ − ∞) when it
/// exceeds `Double.greatestFiniteMagnitude`; that is the true value out of range.
///
/// - Precondition: `a.count == b.count`.
public func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot: dimensions differ (\(a.count) vs \(b.count))")
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}

/// The element-wise products aᵢ·bᵢ whose left-to-right sum is `dot(a, b)`
/// (the dot-product lesson shows them).
///
/// - Precondition: `a.count == b.count`.
public func elementwiseProducts(_ a: [Double], _ b: [Double]) -> [Double] {
    precondition(a.count == b.count, "elementwiseProducts: dimensions differ")
    return zip(a, b).map { $0 * $1 }
}

/// The Euclidean length √(Σ aᵢ²), within a few ulps.
///
/// Zero exactly for the zero vector and the empty vector. Tiny and huge
/// entries are rescaled before squaring, so `norm([3e-200, 4e-200])` is
/// 5e-200 and `norm([3e200, 4e200])` is 5e200 (no underflow to 0, no overflow
/// to ∞); only a length above `Double.greatestFiniteMagnitude` is ∞. An ∞
/// entry gives ∞, a NaN entry NaN.
public func norm(_ a: [Double]) -> Double {
    let squares = dot(a, a)
    if squares.isFinite && squares >= safeSumOfSquares { return squares.squareRoot() }
    return rescaledLength(a)
}

/// The cosine of the angle between `a` and `b`: a·b / (|a|·|b|), clamped to
/// [-1, 1] so rounding can never push it outside; within a few ulps of the
/// exact value (absolute).
///
/// Returns nil when either vector is zero (the angle is undefined there, and
/// NaN would poison every sum it enters) or has a NaN or infinite entry.
/// Invariant under positive scaling of either argument, up to rounding —
/// also for very small or very large vectors (e.g. scaled by 1e-200 or
/// 1e200), which are rescaled by powers of two before the arithmetic.
///
/// - Precondition: `a.count == b.count`.
public func cosineSimilarity(_ a: [Double], _ b: [Double]) -> Double? {
    let product = dot(a, b)
    let squaresA = dot(a, a)
    let squaresB = dot(b, b)
    if product.isFinite, squaresA.isFinite, squaresB.isFinite, squaresA >= safeSumOfSquares, squaresB >= safeSumOfSquares {
        return clampedCosine(product / (squaresA.squareRoot() * squaresB.squareRoot()))
    }
    // Out of the safe range: bring each vector's largest entry into [1, 2).
    guard let x = rescaledToUnitExponent(a), let y = rescaledToUnitExponent(b) else { return nil }
    return clampedCosine(dot(x, y) / (dot(x, x).squareRoot() * dot(y, y).squareRoot()))
}

/// The scaled dot product a·b / √d used by attention, d = `a.count`.
///
/// Dividing by √d keeps the spread of scores roughly independent of the
/// dimension, so softmax neither saturates nor flattens. Empty vectors give 0.
/// Precision and overflow as for `dot`, plus one rounding for the division.
///
/// - Precondition: `a.count == b.count`.
public func scaledDot(_ a: [Double], _ b: [Double]) -> Double {
    a.isEmpty ? 0 : dot(a, b) / Double(a.count).squareRoot()
}

/// The Euclidean distance |a − b|, within a few ulps; zero for equal vectors.
///
/// Like `norm`, safe from underflow and from overflow of the squares; ∞ only
/// when a difference or the distance itself exceeds the float64 range.
///
/// - Precondition: `a.count == b.count`.
public func euclideanDistance(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "euclideanDistance: dimensions differ")
    var sum = 0.0
    for i in a.indices {
        let difference = a[i] - b[i]
        sum += difference * difference
    }
    if sum.isFinite && sum >= safeSumOfSquares { return sum.squareRoot() }
    return rescaledLength(subtract(a, b))
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

// A sum of squares at least this large (2⁻⁹⁰⁰ ≈ 1e-271) lost nothing that
// matters to squares that underflowed: each lost term is below 2⁻¹⁰²².
let safeSumOfSquares = 0x1p-900

func clampedCosine(_ value: Double) -> Double { min(1, max(-1, value)) }

/// `a` times the power of two that brings its largest |entry| into [1, 2)
/// (exact, so every ratio is kept); nil for a zero vector or a non-finite entry.
private func rescaledToUnitExponent(_ a: [Double]) -> [Double]? {
    var largest = 0.0
    for value in a {
        guard value.isFinite else { return nil }
        largest = max(largest, abs(value))
    }
    guard largest > 0 else { return nil }
    let exponent = largest.exponent
    return a.map { Double(sign: .plus, exponent: -exponent, significand: $0) }
}

/// √(Σ aᵢ²) computed on `a` rescaled by a power of two, then scaled back.
private func rescaledLength(_ a: [Double]) -> Double {
    if a.contains(where: \.isNaN) { return .nan }
    if a.contains(where: \.isInfinite) { return .infinity }
    guard let unit = rescaledToUnitExponent(a) else { return 0 }
    let exponent = a.map(abs).max()!.exponent
    return Double(sign: .plus, exponent: exponent, significand: dot(unit, unit).squareRoot())
}
