// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Testing

/// |actual − expected| ≤ tolerance · max(1, |expected|): absolute near zero, relative for large values.
/// Equal values (including equal infinities) are always close.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    actual == expected || abs(actual - expected) <= tolerance * max(1, abs(expected))
}

/// |actual − expected| ≤ tolerance · |expected|, for values far from 1 in size.
func isRelativelyClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-14) -> Bool {
    actual == expected || abs(actual - expected) <= tolerance * abs(expected)
}

func expectClose(
    _ actual: Double?, _ expected: Double, tolerance: Double = 1e-12, _ what: String = "value",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual else {
        Issue.record("\(what): nil, expected \(expected)", sourceLocation: sourceLocation)
        return
    }
    #expect(isClose(actual, expected, tolerance: tolerance), "\(what): \(actual), expected \(expected)", sourceLocation: sourceLocation)
}

func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12, _ what: String = "vector",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.count == expected.count else {
        Issue.record("\(what): \(actual.count) entries, expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        expectClose(a, e, tolerance: tolerance, "\(what)[\(index)]", sourceLocation: sourceLocation)
    }
}

func expectClose(
    _ actual: [[Double]], _ expected: [[Double]], tolerance: Double = 1e-12, _ what: String = "matrix",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.count == expected.count else {
        Issue.record("\(what): \(actual.count) rows, expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        expectClose(a, e, tolerance: tolerance, "\(what)[\(index)]", sourceLocation: sourceLocation)
    }
}

func expectClose(
    _ actual: Matrix, _ expected: [[Double]], tolerance: Double = 1e-12, _ what: String = "matrix",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose(actual.rowVectors, expected, tolerance: tolerance, what, sourceLocation: sourceLocation)
}

/// Reproducible vectors with entries uniform in [-1, 1).
func randomVectors(count: Int, dimension: Int, seed: UInt64) -> [[Double]] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in (0..<dimension).map { _ in generator.nextUnit() * 2 - 1 } }
}

/// Reproducible scores with entries uniform in [-spread, spread).
func randomScores(count: Int, spread: Double, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in (generator.nextUnit() * 2 - 1) * spread }
}
