// SPDX-License-Identifier: Apache-2.0

/// A way of scoring how alike two vectors are.
public enum Metric: String, CaseIterable, Sendable, Codable {
    /// a·b / (|a||b|): the angle only; undefined for a zero vector.
    case cosine
    /// a·b: angle and lengths.
    case dot
    /// a·b / √d: the form attention uses.
    case scaledDot = "scaled-dot"

    /// The score of `a` against `b`, or nil where it is undefined (cosine with a zero vector).
    public func score(_ a: [Double], _ b: [Double]) -> Double? {
        switch self {
        case .cosine: cosineSimilarity(a, b)
        case .dot: AttnMath.dot(a, b)
        case .scaledDot: AttnMath.scaledDot(a, b)
        }
    }

    /// Human name shown on screen.
    public var title: String {
        switch self {
        case .cosine: "cosine"
        case .dot: "dot product"
        case .scaledDot: "scaled dot"
        }
    }
}
