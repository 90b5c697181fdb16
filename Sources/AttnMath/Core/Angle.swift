// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The angle between `a` and `b` in degrees: acos of `cosineSimilarity(a, b)`, so 0 for
/// the same direction, 90 at a right angle and 180 for opposite directions.
///
/// Returns nil exactly where the cosine is undefined (a zero vector, a NaN or infinite
/// entry). The cosine is clamped to [-1, 1] first, so the result is always in [0, 180].
/// acos is ill-conditioned near ±1: a cosine a few ulps below 1 (a vector with itself
/// after rounding) reads as up to about 1e-6°, not exactly 0.
///
/// - Precondition: `a.count == b.count`.
public func angleInDegrees(_ a: [Double], _ b: [Double]) -> Double? {
    guard let cosine = cosineSimilarity(a, b) else { return nil }
    return acos(cosine) * 180 / Double.pi
}
