// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import AttnMath

/// The dense products give the textbook loop's bits, whichever kernel runs: the AVX-512 one
/// (`CDenseKernels`, on a CPU that has it) and the portable Swift one alike, for every shape the
/// tiles split unevenly (rows not a multiple of 4, columns not of 16 or 8) and both strides.
@Suite("Dense kernels: the same bits as the textbook loop")
struct DenseKernelTests {
    /// out[r][j] = start, then + a(r, p) · b[p][j] for p ascending: one rounding per operation.
    static func textbook(
        _ a: [Double], rowStride: Int, innerStride: Int, _ b: [Double], start: [Double], rows n: Int, inner k: Int, columns m: Int
    ) -> [Double] {
        var out = start
        for r in 0..<n {
            for j in 0..<m {
                var sum = out[r * m + j]
                for p in 0..<k { sum = sum + a[r * rowStride + p * innerStride] * b[p * m + j] }
                out[r * m + j] = sum
            }
        }
        return out
    }

    @Test(arguments: [(1, 1, 1), (3, 5, 7), (4, 8, 16), (5, 9, 17), (7, 32, 117), (16, 128, 32), (9, 3, 40), (4, 0, 5)])
    func everyShapeGivesTheTextbookBits(shape: (Int, Int, Int)) {
        let (n, k, m) = shape
        var generator = SeededGenerator(seed: UInt64(n * 10_000 + k * 100 + m))
        let a = (0..<(n * k)).map { _ in generator.nextGaussian() }
        let b = (0..<(k * m)).map { _ in generator.nextGaussian() }
        let start = (0..<(n * m)).map { _ in generator.nextGaussian() }
        // Row-major A (n × k), and A read through a transpose (k × n stored), as the weight gradient does.
        let aTransposed = (0..<(k * n)).map { a[($0 % n) * k + $0 / n] }
        for (matrix, rowStride, innerStride) in [(a, k, 1), (aTransposed, 1, n)] {
            for accumulate in [false, true] {
                let from = accumulate ? start : [Double](repeating: 0, count: n * m)
                let expected = Self.textbook(
                    matrix, rowStride: rowStride, innerStride: innerStride, b, start: from, rows: n, inner: k, columns: m)
                var portable = start
                var chosen = start
                matrix.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        portable.withUnsafeMutableBufferPointer { out in
                            DenseKernels.portableProduct(
                                a.baseAddress!, rowStride: rowStride, innerStride: innerStride, b.baseAddress!, into: out.baseAddress!,
                                rows: n, inner: k, columns: m, accumulate: accumulate)
                        }
                        chosen.withUnsafeMutableBufferPointer { out in
                            if rowStride == 1 {
                                DenseKernels.accumulateTransposedProduct(
                                    a.baseAddress!, b.baseAddress!, into: out.baseAddress!, rows: k, inner: n, columns: m)
                            } else {
                                DenseKernels.multiply(
                                    a.baseAddress!, b.baseAddress!, into: out.baseAddress!, rows: n, inner: k, columns: m,
                                    accumulate: accumulate)
                            }
                        }
                    }
                }
                #expect(portable.map(\.bitPattern) == expected.map(\.bitPattern), "Swift kernel, \(n)×\(k)×\(m)")
                // The transposed form always accumulates (a gradient adds up over the batch).
                if rowStride != 1 || accumulate {
                    #expect(
                        chosen.map(\.bitPattern) == expected.map(\.bitPattern),
                        "\(DenseKernels.runsWide ? "AVX-512" : "Swift") kernel, \(n)×\(k)×\(m), stride \(rowStride)")
                }
            }
        }
    }
}
