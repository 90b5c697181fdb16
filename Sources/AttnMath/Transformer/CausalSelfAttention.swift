// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Causal multi-head scaled dot-product attention over windows of tokens, from
/// queries, keys and values already projected (q = x·W_Q, …).
///
/// Rows are tokens (window after window, `length` each), columns the d_model
/// features; head h owns columns h·d_k ..< (h+1)·d_k. In each window, query i
/// attends to keys j ≤ i only: its scores are sᵢⱼ = qᵢ·kⱼ / √d_k for j ≤ i and
/// −∞ above the diagonal, so the weights wᵢⱼ = softmax(sᵢ)ⱼ are exactly 0 there
/// and each row sums to 1 (within a few ulps); the output is Σⱼ wᵢⱼ vⱼ.
/// Softmax subtracts the row's largest score first, so no exp overflows.
/// A switched-off head's output is 0 (its weights are still computed, to show).
enum CausalSelfAttention {
    /// Writes `weights` (windows × heads × length × length, zeros above the
    /// diagonal) and `output` (the heads' outputs side by side, rows × d_model).
    /// `headEnabled`, when given, has one flag per head; `scores`, when given,
    /// receives sᵢⱼ laid out as the weights (−∞ above the diagonal).
    static func forward(
        queries q: UnsafePointer<Double>, keys k: UnsafePointer<Double>, values v: UnsafePointer<Double>,
        weights: UnsafeMutablePointer<Double>, output: UnsafeMutablePointer<Double>,
        windows: Int, length: Int, heads: Int, headWidth: Int, headEnabled: [Bool]? = nil,
        scores: UnsafeMutablePointer<Double>? = nil
    ) {
        let width = heads * headWidth
        let scale = 1 / Double(headWidth).squareRoot()
        output.update(repeating: 0, count: windows * length * width)
        for b in 0..<windows {
            let base = b * length
            for h in 0..<heads {
                let column = h * headWidth
                let enabled = headEnabled?[h] ?? true
                for i in 0..<length {
                    let w = weights + ((b * heads + h) * length + i) * length
                    let qi = q + (base + i) * width + column
                    var largest = -Double.infinity
                    for j in 0...i {
                        let kj = k + (base + j) * width + column
                        var score = 0.0
                        for c in 0..<headWidth { score += qi[c] * kj[c] }
                        w[j] = score * scale
                        largest = max(largest, w[j])
                    }
                    if let scores {
                        let s = scores + ((b * heads + h) * length + i) * length
                        for j in 0..<length { s[j] = j <= i ? w[j] : -.infinity }
                    }
                    var sum = 0.0
                    for j in 0...i {
                        w[j] = exp(w[j] - largest)
                        sum += w[j]
                    }
                    let inverse = 1 / sum
                    for j in 0...i { w[j] *= inverse }
                    for j in (i + 1)..<length { w[j] = 0 }
                    guard enabled else { continue }
                    let oi = output + (base + i) * width + column
                    for j in 0...i {
                        let vj = v + (base + j) * width + column
                        let wij = w[j]
                        for c in 0..<headWidth { oi[c] += wij * vj[c] }
                    }
                }
            }
        }
    }

    /// Writes dq, dk and dv (rows × d_model each) from the output gradient and
    /// the forward pass's weights: dvⱼ = Σᵢ wᵢⱼ doᵢ; dsᵢⱼ = wᵢⱼ (doᵢ·vⱼ − Σₗ wᵢₗ doᵢ·vₗ);
    /// dqᵢ = Σⱼ dsᵢⱼ kⱼ / √d_k; dkⱼ = Σᵢ dsᵢⱼ qᵢ / √d_k. `scratch` holds `length` values.
    static func backward(
        outputGradient dOut: UnsafePointer<Double>, queries q: UnsafePointer<Double>, keys k: UnsafePointer<Double>,
        values v: UnsafePointer<Double>, weights: UnsafePointer<Double>,
        queryGradient dq: UnsafeMutablePointer<Double>, keyGradient dk: UnsafeMutablePointer<Double>,
        valueGradient dv: UnsafeMutablePointer<Double>,
        windows: Int, length: Int, heads: Int, headWidth: Int, headEnabled: [Bool]? = nil,
        scratch dWeight: UnsafeMutablePointer<Double>
    ) {
        let width = heads * headWidth
        let scale = 1 / Double(headWidth).squareRoot()
        let count = windows * length * width
        dq.update(repeating: 0, count: count)
        dk.update(repeating: 0, count: count)
        dv.update(repeating: 0, count: count)
        for b in 0..<windows {
            let base = b * length
            for h in 0..<heads where headEnabled?[h] ?? true {
                let column = h * headWidth
                for i in 0..<length {
                    let w = weights + ((b * heads + h) * length + i) * length
                    let doi = dOut + (base + i) * width + column
                    var weighted = 0.0
                    for j in 0...i {
                        let vj = v + (base + j) * width + column
                        let dvj = dv + (base + j) * width + column
                        let wij = w[j]
                        var dot = 0.0
                        for c in 0..<headWidth {
                            dot += doi[c] * vj[c]
                            dvj[c] += wij * doi[c]
                        }
                        dWeight[j] = dot
                        weighted += wij * dot
                    }
                    let qi = q + (base + i) * width + column
                    let dqi = dq + (base + i) * width + column
                    for j in 0...i {
                        let dScore = w[j] * (dWeight[j] - weighted) * scale
                        let kj = k + (base + j) * width + column
                        let dkj = dk + (base + j) * width + column
                        for c in 0..<headWidth {
                            dqi[c] += dScore * kj[c]
                            dkj[c] += dScore * qi[c]
                        }
                    }
                }
            }
        }
    }
}
