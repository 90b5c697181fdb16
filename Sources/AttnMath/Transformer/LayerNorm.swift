// SPDX-License-Identifier: Apache-2.0

/// LayerNorm of each row: y = γ ⊙ (x − μ) / √(σ² + ε) + β, with μ and σ² the
/// row's mean and population variance (numpy's `var`, ddof 0).
///
/// A constant row gives x̂ = 0 and y = β (ε keeps the division finite). The
/// variance is computed in two passes (mean first), so a large common offset
/// does not cancel away the spread. float64 throughout; the backward pass is
/// exact up to rounding (checked against finite differences).
enum LayerNorm {
    /// Writes y, and keeps x̂ and 1/√(σ² + ε) per row for the backward pass.
    static func forward(
        _ x: UnsafePointer<Double>, gain: UnsafePointer<Double>, bias: UnsafePointer<Double>,
        output y: UnsafeMutablePointer<Double>, normalized: UnsafeMutablePointer<Double>,
        inverseDeviation: UnsafeMutablePointer<Double>, rows: Int, width: Int, epsilon: Double
    ) {
        let n = Double(width)
        for i in 0..<rows {
            let xi = x + i * width
            var sum = 0.0
            for j in 0..<width { sum += xi[j] }
            let mean = sum / n
            var squares = 0.0
            for j in 0..<width {
                let centred = xi[j] - mean
                squares += centred * centred
            }
            let inverse = 1 / (squares / n + epsilon).squareRoot()
            inverseDeviation[i] = inverse
            let hat = normalized + i * width
            let yi = y + i * width
            for j in 0..<width {
                hat[j] = (xi[j] - mean) * inverse
                yi[j] = hat[j] * gain[j] + bias[j]
            }
        }
    }

    /// Adds to dx, dγ and dβ what dy sends back:
    /// dx = (1/√(σ² + ε)) · (g − mean(g) − x̂ · mean(g ⊙ x̂)), with g = dy ⊙ γ.
    /// `scratch` holds at least `width` values.
    static func backward(
        outputGradient dy: UnsafePointer<Double>, normalized: UnsafePointer<Double>, inverseDeviation: UnsafePointer<Double>,
        gain: UnsafePointer<Double>, inputGradient dx: UnsafeMutablePointer<Double>,
        gainGradient: UnsafeMutablePointer<Double>, biasGradient: UnsafeMutablePointer<Double>,
        rows: Int, width: Int, scratch g: UnsafeMutablePointer<Double>
    ) {
        let n = Double(width)
        for i in 0..<rows {
            let dyi = dy + i * width
            let hat = normalized + i * width
            var meanG = 0.0
            var meanGHat = 0.0
            for j in 0..<width {
                gainGradient[j] += dyi[j] * hat[j]
                biasGradient[j] += dyi[j]
                g[j] = dyi[j] * gain[j]
                meanG += g[j]
                meanGHat += g[j] * hat[j]
            }
            meanG /= n
            meanGHat /= n
            let inverse = inverseDeviation[i]
            let dxi = dx + i * width
            for j in 0..<width { dxi[j] += inverse * (g[j] - meanG - hat[j] * meanGHat) }
        }
    }
}
