// SPDX-License-Identifier: Apache-2.0

/// A 2D point of the map.
public struct Point2D: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Principal component analysis down to two dimensions.
///
/// Sign convention (so the map does not flip): each axis is oriented so that
/// its entry of largest magnitude is positive (the first such entry on a tie)
/// — or, when `orientedLike` gives the previous axes, so that it points the
/// same way as the previous one (positive dot product). Adding one word then
/// moves points a little instead of mirroring the whole map.
public struct PCA: Equatable, Sendable {
    /// The mean that was subtracted before projecting.
    public let mean: [Double]
    /// Two axes in the original space, orthonormal to rounding whenever
    /// `dimension ≥ 2`. Where the data spans fewer than two directions (one
    /// word, identical words, collinear words, no words) the missing axis is
    /// still a unit vector orthogonal to the first, chosen deterministically,
    /// and its variance is 0. With `dimension` 1 the second axis is `[0]`;
    /// with `dimension` 0 both are empty.
    public let axes: [[Double]]
    /// Variance along each axis (sample variance, ÷ (n − 1); ÷ 1 when n = 1), largest first, ≥ 0.
    public let variances: [Double]

    /// Fits the first two principal axes of `vectors` (n ≥ 0 rows, all of dimension `dimension`).
    ///
    /// Works on the smaller of the d×d covariance and the n×n Gram matrix, so
    /// 100 words of 300 dimensions cost a 100×100 eigenproblem. Variances and
    /// projections agree with a float64 SVD/eigh reference within about 1e-12
    /// relative to the largest variance (projections up to each axis's sign);
    /// axes whose variances (nearly) tie are not unique, and any orthonormal
    /// pair in their plane is a correct answer. Entries are squared, so they
    /// should lie within about 1e±150 (the covariance must stay in float64 range).
    ///
    /// - Precondition: every vector has `dimension` entries.
    public init(vectors: [[Double]], dimension: Int, orientedLike previous: [[Double]]? = nil) {
        let n = vectors.count
        var mean = [Double](repeating: 0, count: dimension)
        for vector in vectors {
            precondition(vector.count == dimension, "PCA: vector of dimension \(vector.count), expected \(dimension)")
            for k in 0..<dimension { mean[k] += vector[k] }
        }
        if n > 0 { mean = mean.map { $0 / Double(n) } }
        let centred = vectors.map { subtract($0, mean) }
        var axes: [[Double]] = []
        var variances: [Double] = []
        if n > 0 && dimension > 0 {
            let denominator = Double(max(n - 1, 1))
            if dimension <= n {
                var covariance = Matrix(rows: dimension, columns: dimension)
                for row in centred {
                    for i in 0..<dimension { for j in i..<dimension { covariance[i, j] += row[i] * row[j] } }
                }
                for i in 0..<dimension {
                    for j in i..<dimension {
                        covariance[i, j] /= denominator
                        covariance[j, i] = covariance[i, j]
                    }
                }
                for pair in symmetricEigen(covariance).prefix(2) {
                    axes.append(pair.vector)
                    variances.append(max(0, pair.value))
                }
            } else {
                var gram = Matrix(rows: n, columns: n)
                for i in 0..<n {
                    for j in i..<n {
                        gram[i, j] = dot(centred[i], centred[j])
                        gram[j, i] = gram[i, j]
                    }
                }
                let pairs = symmetricEigen(gram)
                // |Xᵀu| = √λ; rounding leaves noise of about 1e-16·√λ₁ in every Xᵀu, so a
                // direction much shorter than √λ₁ is noise, not an axis.
                let noise = 1e-9 * max(0, pairs.first?.value ?? 0).squareRoot()
                for pair in pairs.prefix(2) {
                    // Xᵀu is the covariance eigenvector belonging to Gram eigenvector u.
                    var axis = weightedSum(weights: pair.vector, vectors: centred, dimension: dimension)
                    // The Gram route squares the condition number: take out what leaked from the first axis.
                    for earlier in axes { axis = subtract(axis, scale(earlier, by: dot(axis, earlier))) }
                    let length = norm(axis)
                    guard length > noise, length > 0 else { break }
                    axes.append(scale(axis, by: 1 / length))
                    variances.append(max(0, pair.value / denominator))
                }
            }
        }
        while axes.count < min(2, dimension) {
            axes.append(Self.completion(of: axes, dimension: dimension))
            variances.append(0)
        }
        while axes.count < 2 {
            axes.append([Double](repeating: 0, count: dimension))
            variances.append(0)
        }
        for index in 0..<2 {
            let reference = previous.flatMap { $0.count > index && $0[index].count == dimension ? $0[index] : nil }
            let sign: Double
            if let reference, dot(reference, axes[index]) != 0 {
                sign = dot(reference, axes[index]) > 0 ? 1 : -1
            } else {
                let largest = axes[index].indices.max { abs(axes[index][$0]) < abs(axes[index][$1]) }
                sign = largest.map { axes[index][$0] < 0 ? -1 : 1 } ?? 1
            }
            axes[index] = scale(axes[index], by: sign)
        }
        self.mean = mean
        self.axes = axes
        self.variances = variances
    }

    /// A unit vector orthogonal to `axes` (orthonormal, fewer than `dimension`):
    /// the standard basis vector that keeps the most length once they are
    /// projected out (the first on a tie), so the choice is deterministic.
    ///
    /// O(d · axes): eₖ keeps length √(1 − Σ aₖ²) (the axes are orthonormal), so one
    /// pass over the entries finds k, and only that eₖ is projected. (Building every
    /// eₖ cost O(d²): 78 s a frame at 100,000 dimensions with 3 words in play.)
    static func completion(of axes: [[Double]], dimension: Int) -> [Double] {
        var bestIndex = 0
        var bestLength = -1.0
        for k in 0..<dimension {
            var left = 1.0
            for axis in axes { left -= axis[k] * axis[k] }
            let length = max(0, left).squareRoot()
            if length > bestLength + 1e-12 {
                bestIndex = k
                bestLength = length
            }
        }
        var candidate = [Double](repeating: 0, count: dimension)
        candidate[bestIndex] = 1
        for axis in axes { candidate = subtract(candidate, scale(axis, by: dot(candidate, axis))) }
        return scale(candidate, by: 1 / norm(candidate))
    }

    /// Where `vector` lands on the map: its centred coordinates along the two
    /// axes (the mean lands exactly on the origin).
    public func project(_ vector: [Double]) -> Point2D {
        let centred = subtract(vector, mean)
        return Point2D(x: dot(centred, axes[0]), y: dot(centred, axes[1]))
    }
}

/// A map whose axes are chosen by words, e.g. x from "banana" to "laptop".
///
/// Each axis is the unit direction from one word's vector to another's; a
/// point's coordinate is its offset from the pair's midpoint along that
/// direction, so the two defining words sit at ±|b − a|/2. The axes are not
/// orthogonalised: they mean what the user chose.
public struct AxisProjection: Equatable, Sendable {
    public let origins: [[Double]]
    public let directions: [[Double]]

    /// Returns nil when a pair's two vectors coincide (no direction).
    ///
    /// - Precondition: all four vectors have the same dimension.
    public init?(x: (from: [Double], to: [Double]), y: (from: [Double], to: [Double])) {
        var origins: [[Double]] = []
        var directions: [[Double]] = []
        for pair in [x, y] {
            let direction = subtract(pair.to, pair.from)
            let length = norm(direction)
            guard length > 0 else { return nil }
            directions.append(scale(direction, by: 1 / length))
            origins.append(scale(add(pair.from, pair.to), by: 0.5))
        }
        self.origins = origins
        self.directions = directions
    }

    /// (x, y) = ((v − midₓ)·x̂, (v − mid_y)·ŷ), within a few ulps.
    public func project(_ vector: [Double]) -> Point2D {
        Point2D(
            x: dot(subtract(vector, origins[0]), directions[0]),
            y: dot(subtract(vector, origins[1]), directions[1]))
    }
}
