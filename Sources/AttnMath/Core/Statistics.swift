// SPDX-License-Identifier: Apache-2.0

/// The population standard deviation √(Σ(xᵢ − x̄)² / n), numpy's `np.std` (ddof = 0):
/// how widely scores spread around their mean. 0 for an empty list or a single value.
/// Two passes (mean first), so a large common offset does not cancel away the spread.
public func standardDeviation(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(values.count)).squareRoot()
}
