/// The three matrix products of a dense layer's forward and backward pass, on
/// row-major float64 memory.
///
/// The work is done in tiles of 4 × 4 outputs held in registers while the
/// inner index runs, reading 4 consecutive values of a row of b at a time:
/// every load feeds 8 multiply-adds, where a loop that adds into a row of the
/// output in memory spends most of its time loading and storing it (measured
/// here). Each output element is still summed in the plain order — its start
/// value (0, or the output's own value when accumulating), then the inner index
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
                var c0 = accumulate ? load(o0 + j) : .zero
                var c1 = accumulate ? load(o1 + j) : .zero
                var c2 = accumulate ? load(o2 + j) : .zero
                var c3 = accumulate ? load(o3 + j) : .zero
                var bp = b + j
                var offset = 0
                for _ in 0..<k {
                    let row = load(bp)
                    c0 += a0[offset] * row
                    c1 += a1[offset] * row
                    c2 += a2[offset] * row
                    c3 += a3[offset] * row
                    bp += m
                    offset &+= innerStride
                }
                store(c0, o0 + j)
                store(c1, o1 + j)
                store(c2, o2 + j)
                store(c3, o3 + j)
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

    @inline(__always)
    private static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }
}
