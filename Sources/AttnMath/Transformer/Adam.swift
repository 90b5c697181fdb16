/// Adam (Kingma & Ba) over one flat array of parameters, with the gradient
/// first clipped to a global L2 norm.
///
/// Step t (counted from 1): g ← g · min(1, clip / ‖g‖); m ← β₁m + (1 − β₁)g;
/// v ← β₂v + (1 − β₂)g²; θ ← θ − η · m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁ᵗ),
/// v̂ = v / (1 − β₂ᵗ). A zero gradient leaves m̂ and v̂ at 0 on the first step,
/// so θ does not move (ε keeps the division finite). No weight decay.
public struct Adam: Equatable, Sendable {
    public let settings: TrainingSettings
    /// Steps taken so far.
    public private(set) var step: Int = 0
    private var firstMoment: [Double]
    private var secondMoment: [Double]

    public init(parameterCount: Int, settings: TrainingSettings) {
        self.settings = settings
        firstMoment = Array(repeating: 0, count: parameterCount)
        secondMoment = Array(repeating: 0, count: parameterCount)
    }

    /// The gradient's L2 norm before clipping: √Σ gᵢ².
    public static func norm(_ gradient: UnsafeBufferPointer<Double>) -> Double {
        var squares = 0.0
        for g in gradient { squares += g * g }
        return squares.squareRoot()
    }

    /// One step of Adam on `parameters` with `gradient` (left unchanged), at
    /// the warm-up's learning rate for this step. Returns the gradient's norm before clipping.
    @discardableResult
    public mutating func update(_ parameters: inout [Double], gradient: UnsafeBufferPointer<Double>) -> Double {
        precondition(parameters.count == firstMoment.count && gradient.count == firstMoment.count, "Adam: sizes differ")
        step += 1
        let norm = Self.norm(gradient)
        let clip = norm > settings.gradientClipNorm ? settings.gradientClipNorm / norm : 1
        let beta1 = settings.beta1
        let beta2 = settings.beta2
        let eta = settings.learningRate(atStep: step)
        let firstCorrection = 1 / (1 - integerPower(beta1, step))
        let secondCorrection = 1 / (1 - integerPower(beta2, step))
        let epsilon = settings.epsilon
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                parameters.withUnsafeMutableBufferPointer { theta in
                    for i in 0..<theta.count {
                        let g = gradient[i] * clip
                        m[i] = beta1 * m[i] + (1 - beta1) * g
                        v[i] = beta2 * v[i] + (1 - beta2) * g * g
                        let mHat = m[i] * firstCorrection
                        let vHat = v[i] * secondCorrection
                        theta[i] -= eta * mHat / (vHat.squareRoot() + epsilon)
                    }
                }
            }
        }
        return norm
    }
}

/// xⁿ for a whole n ≥ 0 by repeated squaring: exact operations, the same bits everywhere (unlike a C library's pow).
private func integerPower(_ x: Double, _ n: Int) -> Double {
    var result = 1.0
    var base = x
    var exponent = n
    while exponent > 0 {
        if exponent & 1 == 1 { result *= base }
        base *= base
        exponent >>= 1
    }
    return result
}
