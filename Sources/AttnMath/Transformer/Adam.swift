// SPDX-License-Identifier: Apache-2.0

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

    /// The two fixed halves of the parameters that `norm` sums separately and
    /// `update` may run on two threads: fixed, so the bits never depend on the threads.
    static func pieces(_ count: Int) -> [Range<Int>] { ParallelWork.ranges(total: count, parts: 2) }

    /// The gradient's L2 norm before clipping, √Σ gᵢ², summed in order within each of the two `pieces`.
    public static func norm(_ gradient: UnsafeBufferPointer<Double>) -> Double {
        pieces(gradient.count).map { range in sumOfSquares(gradient.baseAddress!, range) }.reduce(0, +).squareRoot()
    }

    static func sumOfSquares(_ values: UnsafePointer<Double>, _ range: Range<Int>) -> Double {
        var squares = 0.0
        for i in range { squares += values[i] * values[i] }
        return squares
    }

    /// One step of Adam on `parameters` with `gradient` (left unchanged), at
    /// the warm-up's learning rate for this step; `norm` when the caller has
    /// computed `Adam.norm(gradient)` already. `concurrent` runs the two halves of
    /// the parameters on two threads (the same numbers). Returns the gradient's norm before clipping.
    @discardableResult
    public mutating func update(
        _ parameters: inout [Double], gradient: UnsafeBufferPointer<Double>, norm: Double? = nil, concurrent: Bool = false
    ) -> Double {
        precondition(parameters.count == firstMoment.count && gradient.count == firstMoment.count, "Adam: sizes differ")
        step += 1
        let norm = norm ?? Self.norm(gradient)
        let clip = norm > settings.gradientClipNorm ? settings.gradientClipNorm / norm : 1
        let beta1 = settings.beta1
        let beta2 = settings.beta2
        let eta = settings.learningRate(atStep: step)
        let firstCorrection = 1 / (1 - integerPower(beta1, step))
        let secondCorrection = 1 / (1 - integerPower(beta2, step))
        let epsilon = settings.epsilon
        let pieces = Self.pieces(parameters.count)
        firstMoment.withUnsafeMutableBufferPointer { first in
            secondMoment.withUnsafeMutableBufferPointer { second in
                parameters.withUnsafeMutableBufferPointer { values in
                    let m = SharedPointer(first.baseAddress!)
                    let v = SharedPointer(second.baseAddress!)
                    let theta = SharedPointer(values.baseAddress!)
                    let g = SharedPointer(UnsafeMutablePointer(mutating: gradient.baseAddress!))
                    let body: @Sendable (Int) -> Void = { piece in
                        for i in pieces[piece] {
                            let gi = g[i] * clip
                            m[i] = beta1 * m[i] + (1 - beta1) * gi
                            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
                            let mHat = m[i] * firstCorrection
                            let vHat = v[i] * secondCorrection
                            theta[i] -= eta * mHat / (vHat.squareRoot() + epsilon)
                        }
                    }
                    if concurrent {
                        ParallelWork.run(pieces.count, body)
                    } else {
                        for piece in pieces.indices { body(piece) }
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
