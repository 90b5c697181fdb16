// SPDX-License-Identifier: Apache-2.0

/// Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi
/// rotations, O(n³) per sweep, until the off-diagonal squares sum to less than
/// 1e-30 of all squares (a handful of sweeps; at most 100). Eigenvalues are
/// then accurate to about 1e-15 of the largest |eigenvalue|, and the
/// eigenvectors are orthonormal to rounding, at any scale of the entries
/// (the matrix is rescaled by a power of two first). Meant for n up to a few hundred.
///
/// Returns pairs sorted by eigenvalue, largest first; ties keep index order,
/// so the result is deterministic. Eigenvectors have unit length; their sign
/// is whatever the rotations give (callers fix a convention).
func symmetricEigen(_ matrix: Matrix) -> [(value: Double, vector: [Double])] {
    precondition(matrix.rows == matrix.columns, "symmetricEigen: square matrix required")
    let n = matrix.rows
    // Work on the matrix scaled by a power of two (exact) so its largest entry is about 1:
    // the sums of squares below can then neither overflow nor underflow.
    let largest = matrix.values.reduce(0) { max($0, abs($1)) }
    let exponent = largest > 0 && largest.isFinite ? largest.exponent : 0
    var a = Matrix(
        rows: n, columns: n, values: matrix.values.map { Double(sign: .plus, exponent: -exponent, significand: $0) })
    var v = Matrix.identity(n)
    for _ in 0..<100 {
        var off = 0.0
        for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off += a[p, q] * a[p, q] } }
        // Relative to the matrix's own size, so data measured in tiny units is diagonalised too.
        if off == 0 || off < 1e-30 * a.values.reduce(0, { $0 + $1 * $1 }) { break }
        for p in 0..<n {
            for q in (p + 1)..<max(p + 1, n) where a[p, q] != 0 {
                // Rotation that zeroes a[p, q] (Golub & Van Loan, symmetric Schur).
                let theta = (a[q, q] - a[p, p]) / (2 * a[p, q])
                let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot()
                let s = t * c
                for k in 0..<n {
                    let akp = a[k, p]
                    let akq = a[k, q]
                    a[k, p] = c * akp - s * akq
                    a[k, q] = s * akp + c * akq
                }
                for k in 0..<n {
                    let apk = a[p, k]
                    let aqk = a[q, k]
                    a[p, k] = c * apk - s * aqk
                    a[q, k] = s * apk + c * aqk
                }
                // The rotation was chosen to zero this pair; do not keep its rounding residue.
                a[p, q] = 0
                a[q, p] = 0
                for k in 0..<n {
                    let vkp = v[k, p]
                    let vkq = v[k, q]
                    v[k, p] = c * vkp - s * vkq
                    v[k, q] = s * vkp + c * vkq
                }
            }
        }
    }
    let pairs = (0..<n).map { i in
        (value: Double(sign: .plus, exponent: exponent, significand: a[i, i]), vector: (0..<n).map { v[$0, i] }, index: i)
    }
    return pairs.sorted { $0.value != $1.value ? $0.value > $1.value : $0.index < $1.index }
        .map { (value: $0.value, vector: $0.vector) }
}
