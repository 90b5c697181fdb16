/// The three matrix products of a dense layer's forward and backward pass, on
/// row-major float64 memory.
///
/// The work is done in tiles of 4 × 4 outputs kept in local variables (so in
/// registers) while the inner index runs, reading 4 consecutive values of a
/// row of b at a time: every value loaded feeds 4 multiply-adds, where a loop
/// that adds into a row of the output in memory spends most of its time
/// loading and storing it (measured here: 1.5× faster over a training step).
/// Plain scalar code: as fast as SIMD types in a release build, and far
/// faster in a debug build, where SIMD operations are generic calls.
/// Each output element is still summed in the plain order — its start value
/// (0, or the output's own value when accumulating), then the inner index
/// ascending — so the same inputs give the same bits as the textbook loop, on
/// every IEEE-754 machine (Swift never fuses a multiply and an add).
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

    /// out (n × m) (+)= A · b, where A's element (r, p) is a[r · rowStride + p · innerStride].
    private static func product(
        _ a: UnsafePointer<Double>, rowStride: Int, innerStride: Int, _ b: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>, rows n: Int, inner k: Int, columns m: Int, accumulate: Bool
    ) {
        var i = 0
        while i + 4 <= n {
            let a0 = a + i * rowStride
            let a1 = a0 + rowStride
            let a2 = a1 + rowStride
            let a3 = a2 + rowStride
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
                var offset = 0
                for _ in 0..<k {
                    let (b0, b1, b2, b3) = (bp[0], bp[1], bp[2], bp[3])
                    let (x0, x1, x2, x3) = (a0[offset], a1[offset], a2[offset], a3[offset])
                    c00 += x0 * b0
                    c01 += x0 * b1
                    c02 += x0 * b2
                    c03 += x0 * b3
                    c10 += x1 * b0
                    c11 += x1 * b1
                    c12 += x1 * b2
                    c13 += x1 * b3
                    c20 += x2 * b0
                    c21 += x2 * b1
                    c22 += x2 * b2
                    c23 += x2 * b3
                    c30 += x3 * b0
                    c31 += x3 * b1
                    c32 += x3 * b2
                    c33 += x3 * b3
                    bp += m
                    offset &+= innerStride
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
                a + i * rowStride, innerStride: innerStride, b, into: out + i * m, from: 0, inner: k, columns: m, accumulate: accumulate)
            i += 1
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
