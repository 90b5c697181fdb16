// SPDX-License-Identifier: Apache-2.0

/// `count` vectors of `dimension` random features, each drawn independently and uniformly
/// from [−√3, √3): mean 0 and variance 1, the assumption under which a dot product of two
/// such vectors has mean 0 and standard deviation √dimension.
///
/// Deterministic: the same seed gives the same vectors on every machine (SplitMix64, one
/// draw per feature, vector after vector). Vector i's features are draws
/// i·dimension ..< (i+1)·dimension of the stream.
public func unitVarianceVectors(count: Int, dimension: Int, seed: UInt64) -> [[Double]] {
    var generator = SeededGenerator(seed: seed)
    let halfWidth = Double(3).squareRoot()
    return (0..<max(0, count)).map { _ in
        (0..<max(0, dimension)).map { _ in (2 * generator.nextUnit() - 1) * halfWidth }
    }
}
