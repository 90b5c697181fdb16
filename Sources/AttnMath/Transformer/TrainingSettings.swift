// SPDX-License-Identifier: Apache-2.0

/// How a `TransformerTrainer` learns: Adam with a linear warm-up, gradient
/// clipping by global norm, and batches of windows drawn from the corpus.
///
/// The defaults are the ones measured to fall smoothly on the built-in corpus:
/// 1e-2 gave loss spikes, 3e-3 with clipping at 1 did not.
public struct TrainingSettings: Equatable, Hashable, Sendable {
    /// Windows (of `contextLength` next-word predictions each) per step.
    public var batchSize: Int
    /// Adam's step size once warmed up.
    public var learningRate: Double
    /// Step t (counted from 1) uses learningRate · min(1, t / warmupSteps); 0 means no warm-up.
    public var warmupSteps: Int
    /// The gradient is scaled down to this global L2 norm when longer; `.infinity` turns clipping off.
    public var gradientClipNorm: Double
    public var beta1: Double
    public var beta2: Double
    /// Adam's ε in m̂ / (√v̂ + ε).
    public var epsilon: Double

    public init(
        batchSize: Int = 16, learningRate: Double = 3e-3, warmupSteps: Int = 50, gradientClipNorm: Double = 1,
        beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8
    ) {
        precondition(batchSize > 0 && learningRate > 0 && warmupSteps >= 0 && gradientClipNorm > 0, "TrainingSettings: invalid")
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.warmupSteps = warmupSteps
        self.gradientClipNorm = gradientClipNorm
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// The step size of step `step` (counted from 1): the linear warm-up, then constant.
    public func learningRate(atStep step: Int) -> Double {
        guard warmupSteps > 0, step < warmupSteps else { return learningRate }
        return learningRate * Double(max(step, 1)) / Double(warmupSteps)
    }
}
