// SPDX-License-Identifier: Apache-2.0

/// The block's small MLP on each row: m = ReLU(h·W₁ + b₁)·W₂ + b₂, with W₁
/// d × hidden and W₂ hidden × d. ReLU's derivative is taken as 0 at exactly 0.
enum FeedForward {
    /// Writes the hidden activations r = ReLU(h·W₁ + b₁) (rows × hidden) and
    /// adds m to `output` when `accumulate` (the residual stream), else writes it.
    static func forward(
        _ h: UnsafePointer<Double>, hiddenWeights w1: UnsafePointer<Double>, hiddenBias b1: UnsafePointer<Double>,
        outputWeights w2: UnsafePointer<Double>, outputBias b2: UnsafePointer<Double>,
        hidden r: UnsafeMutablePointer<Double>, output: UnsafeMutablePointer<Double>,
        rows: Int, width: Int, hiddenWidth: Int, accumulate: Bool
    ) {
        DenseKernels.multiply(h, w1, into: r, rows: rows, inner: width, columns: hiddenWidth)
        for i in 0..<rows {
            let ri = r + i * hiddenWidth
            for j in 0..<hiddenWidth { ri[j] = max(0, ri[j] + b1[j]) }
        }
        DenseKernels.multiply(UnsafePointer(r), w2, into: output, rows: rows, inner: hiddenWidth, columns: width, accumulate: accumulate)
        DenseKernels.addRowVector(b2, to: output, rows: rows, columns: width)
    }

    /// Writes dh and adds to the weights' and biases' gradients what dm sends
    /// back. `hiddenGradient` holds rows × hidden values, `scratch` width × hidden.
    static func backward(
        outputGradient dm: UnsafePointer<Double>, input h: UnsafePointer<Double>, hidden r: UnsafePointer<Double>,
        hiddenWeights w1: UnsafePointer<Double>, outputWeights w2: UnsafePointer<Double>,
        inputGradient dh: UnsafeMutablePointer<Double>,
        hiddenWeightsGradient dw1: UnsafeMutablePointer<Double>, hiddenBiasGradient db1: UnsafeMutablePointer<Double>,
        outputWeightsGradient dw2: UnsafeMutablePointer<Double>, outputBiasGradient db2: UnsafeMutablePointer<Double>,
        rows: Int, width: Int, hiddenWidth: Int,
        hiddenGradient dr: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) {
        DenseKernels.accumulateTransposedProduct(r, dm, into: dw2, rows: rows, inner: hiddenWidth, columns: width)
        DenseKernels.accumulateColumnSums(dm, rows: rows, columns: width, into: db2)
        DenseKernels.multiplyTransposed(dm, w2, into: dr, rows: rows, inner: width, columns: hiddenWidth, scratch: scratch)
        for i in 0..<(rows * hiddenWidth) where r[i] <= 0 { dr[i] = 0 }
        DenseKernels.accumulateTransposedProduct(h, UnsafePointer(dr), into: dw1, rows: rows, inner: width, columns: hiddenWidth)
        DenseKernels.accumulateColumnSums(UnsafePointer(dr), rows: rows, columns: hiddenWidth, into: db1)
        DenseKernels.multiplyTransposed(UnsafePointer(dr), w1, into: dh, rows: rows, inner: hiddenWidth, columns: width, scratch: scratch)
    }
}
