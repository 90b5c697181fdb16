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
/// its entry of largest magnitude is positive — or, when `orientedLike` gives
/// the previous axes, so that it points the same way as the previous one
/// (positive dot product). Adding one word then moves points a little instead
/// of mirroring the whole map.
public struct PCA: Equatable, Sendable {
    /// The mean that was subtracted before projecting.
    public let mean: [Double]
    /// Unit axes in the original space (at most 2; zero vectors when the data has fewer dimensions).
    public let axes: [[Double]]
    /// Variance along each axis.
    public let variances: [Double]

    /// Fits the first two principal axes of `vectors` (n ≥ 0 rows, all of dimension `dimension`).
    ///
    /// Works on the smaller of the d×d covariance and the n×n Gram matrix, so
    /// 100 words of 300 dimensions cost a 100×100 eigenproblem.
    public init(vectors: [[Double]], dimension: Int, orientedLike previous: [[Double]]? = nil) {
        let n = vectors.count
        var mean = [Double](repeating: 0, count: dimension)
        for vector in vectors { for k in 0..<dimension { mean[k] += vector[k] } }
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
                for pair in symmetricEigen(gram).prefix(2) {
                    // Xᵀu is the covariance eigenvector belonging to Gram eigenvector u.
                    let axis = weightedSum(weights: pair.vector, vectors: centred, dimension: dimension)
                    let length = norm(axis)
                    axes.append(length > 1e-12 ? scale(axis, by: 1 / length) : [Double](repeating: 0, count: dimension))
                    variances.append(max(0, pair.value / denominator))
                }
            }
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

    /// Where `vector` lands on the map: its centred coordinates along the two axes.
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

    public func project(_ vector: [Double]) -> Point2D {
        Point2D(
            x: dot(subtract(vector, origins[0]), directions[0]),
            y: dot(subtract(vector, origins[1]), directions[1]))
    }
}
