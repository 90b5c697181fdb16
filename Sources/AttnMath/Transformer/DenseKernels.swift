// SPDX-License-Identifier: Apache-2.0

import CDenseKernels

/// The three matrix products of a dense layer's forward and backward pass, on
/// row-major float64 memory.
///
/// The work is done in tiles of 4 × 4 outputs kept in local variables (so in
/// registers) while the inner index runs, reading 4 consecutive values of a
/// row of b at a time: every value loaded feeds 4 multiply-adds, where a loop
/// that adds into a row of the output in memory spends most of its time
/// loading and storing it (measured here: 1.5× faster over a training step).
/// The tile's 4 values of a are first copied out in pairs (x x), so the
/// compiler loads a pair as one vector instead of shuffling a value into both
/// halves of one (another 9 %). Plain scalar code: as fast as SIMD types in a
/// release build, and far faster in a debug build, where SIMD operations are
/// generic calls. Each output element is still summed in the plain order — its
/// start value (0, or the output's own value when accumulating), then the
/// inner index ascending — so the same inputs give the same bits as the
/// textbook loop, on every IEEE-754 machine (Swift never fuses a multiply and an add).
enum DenseKernels {
    /// out (n × m) = a (n × k) · b (k × m), or out += a · b when `accumulate`.
    static func multiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>,
        rows n: Int, inner k: Int, columns m: Int, accumulate: Bool = false
    ) {
        product(a, rowStride: k, innerStride: 1, b, into: out, rows: n, inner: k, columns: m, accumulate: accumulate)
    }

    /// out (k × m) += aᵀ · b, with a (n × k) and b (n × m): a weight's gradient
    /// from its layer's inputs a and output gradients b.
    static func accumulateTransposedProduct(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>,
        rows n: Int, inner k: Int, columns m: Int
    ) {
        product(a, rowStride: 1, innerStride: k, b, into: out, rows: k, inner: n, columns: m, accumulate: true)
    }

    /// out (n × k) = a (n × m) · bᵀ, or += when `accumulate`, with b (k × m): an
    /// input's gradient from the output gradients a and the weight b.
    /// `scratch` holds at least k · m values.
    static func multiplyTransposed(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>,
        rows n: Int, inner m: Int, columns k: Int, accumulate: Bool = false, scratch: UnsafeMutablePointer<Double>
    ) {
        transpose(b, rows: k, columns: m, into: scratch)
        multiply(a, UnsafePointer(scratch), into: out, rows: n, inner: m, columns: k, accumulate: accumulate)
    }

    /// out (columns × rows) = mᵀ.
    static func transpose(_ m: UnsafePointer<Double>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Double>) {
        for i in 0..<rows {
            for j in 0..<columns { out[j * rows + i] = m[i * columns + j] }
        }
    }

    /// out[i, :] += bias for every row.
    static func addRowVector(_ bias: UnsafePointer<Double>, to out: UnsafeMutablePointer<Double>, rows: Int, columns: Int) {
        for i in 0..<rows {
            let o = out + i * columns
            for j in 0..<columns { o[j] += bias[j] }
        }
    }

    /// out += the sum of the rows of m: a bias's gradient.
    static func accumulateColumnSums(_ m: UnsafePointer<Double>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Double>) {
        for i in 0..<rows {
            let r = m + i * columns
            for j in 0..<columns { out[j] += r[j] }
        }
    }

    /// Whether the products run the AVX-512 kernel (`CDenseKernels`): eight doubles a vector where
    /// the Swift code below, compiled for any x86-64, has two. Same bits either way.
    static let runsWide = attn_dense_has_avx512()

    /// out (n × m) (+)= A · b, where A's element (r, p) is a[r · rowStride + p · innerStride].
    private static func product(
        _ a: UnsafePointer<Double>, rowStride: Int, innerStride: Int, _ b: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>, rows n: Int, inner k: Int, columns m: Int, accumulate: Bool
    ) {
        if runsWide {
            attn_dense_product_avx512(a, rowStride, innerStride, b, out, n, k, m, accumulate)
        } else {
            portableProduct(
                a, rowStride: rowStride, innerStride: innerStride, b, into: out, rows: n, inner: k, columns: m, accumulate: accumulate)
        }
    }

    /// `product` in Swift, for any CPU.
    static func portableProduct(
        _ a: UnsafePointer<Double>, rowStride: Int, innerStride: Int, _ b: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>, rows n: Int, inner k: Int, columns m: Int, accumulate: Bool
    ) {
        guard k > 0 else {
            if !accumulate { out.update(repeating: 0, count: n * m) }
            return
        }
        // Four rows of a, each value written twice (x0 x0 x1 x1 x2 x2 x3 x3 for each inner index):
        // a pair then loads as one vector that multiplies two columns of b, with no shuffle.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 8 * k) { packed in
            let pairs = packed.baseAddress!
            var i = 0
            while i + 4 <= n {
                let a0 = a + i * rowStride
                var offset = 0
                for p in 0..<k {
                    let q = pairs + 8 * p
                    for r in 0..<4 {
                        let x = a0[r * rowStride + offset]
                        q[2 * r] = x
                        q[2 * r + 1] = x
                    }
                    offset &+= innerStride
                }
                let o0 = out + i * m
                let o1 = o0 + m
                let o2 = o1 + m
                let o3 = o2 + m
                var j = 0
                while j + 4 <= m {
                    var c00 = 0.0, c01 = 0.0, c02 = 0.0, c03 = 0.0
                    var c10 = 0.0, c11 = 0.0, c12 = 0.0, c13 = 0.0
                    var c20 = 0.0, c21 = 0.0, c22 = 0.0, c23 = 0.0
                    var c30 = 0.0, c31 = 0.0, c32 = 0.0, c33 = 0.0
                    if accumulate {
                        (c00, c01, c02, c03) = (o0[j], o0[j + 1], o0[j + 2], o0[j + 3])
                        (c10, c11, c12, c13) = (o1[j], o1[j + 1], o1[j + 2], o1[j + 3])
                        (c20, c21, c22, c23) = (o2[j], o2[j + 1], o2[j + 2], o2[j + 3])
                        (c30, c31, c32, c33) = (o3[j], o3[j + 1], o3[j + 2], o3[j + 3])
                    }
                    var bp = b + j
                    var q = UnsafePointer(pairs)
                    for _ in 0..<k {
                        let (b0, b1, b2, b3) = (bp[0], bp[1], bp[2], bp[3])
                        c00 += q[0] * b0
                        c01 += q[1] * b1
                        c02 += q[0] * b2
                        c03 += q[1] * b3
                        c10 += q[2] * b0
                        c11 += q[3] * b1
                        c12 += q[2] * b2
                        c13 += q[3] * b3
                        c20 += q[4] * b0
                        c21 += q[5] * b1
                        c22 += q[4] * b2
                        c23 += q[5] * b3
                        c30 += q[6] * b0
                        c31 += q[7] * b1
                        c32 += q[6] * b2
                        c33 += q[7] * b3
                        bp += m
                        q += 8
                    }
                    (o0[j], o0[j + 1], o0[j + 2], o0[j + 3]) = (c00, c01, c02, c03)
                    (o1[j], o1[j + 1], o1[j + 2], o1[j + 3]) = (c10, c11, c12, c13)
                    (o2[j], o2[j + 1], o2[j + 2], o2[j + 3]) = (c20, c21, c22, c23)
                    (o3[j], o3[j + 1], o3[j + 2], o3[j + 3]) = (c30, c31, c32, c33)
                    j += 4
                }
                if j < m {
                    for r in 0..<4 {
                        rowTail(
                            a0 + r * rowStride, innerStride: innerStride, b, into: o0 + r * m, from: j, inner: k, columns: m,
                            accumulate: accumulate)
                    }
                }
                i += 4
            }
            while i < n {
                rowTail(
                    a + i * rowStride, innerStride: innerStride, b, into: out + i * m, from: 0, inner: k, columns: m,
                    accumulate: accumulate)
                i += 1
            }
        }
    }

    /// One output row from column `from` on, in the same order as the tiles.
    private static func rowTail(
        _ a: UnsafePointer<Double>, innerStride: Int, _ b: UnsafePointer<Double>, into o: UnsafeMutablePointer<Double>,
        from: Int, inner k: Int, columns m: Int, accumulate: Bool
    ) {
        if !accumulate { (o + from).update(repeating: 0, count: m - from) }
        for p in 0..<k {
            let s = a[p * innerStride]
            let bp = b + p * m
            for j in from..<m { o[j] += s * bp[j] }
        }
    }
}
