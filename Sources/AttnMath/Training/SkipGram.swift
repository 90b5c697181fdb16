// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Skip-gram with negative sampling (word2vec), small enough to animate.
///
/// Each word has an input vector (its embedding, `embeddings`) and an output
/// vector (`contexts`). A training pair (centre, context) pulls the centre's
/// embedding towards the context's output vector; a few sampled other words
/// are pushed away. Everything is float64 and deterministic for a seed.
public struct SkipGram: Equatable, Sendable {
    public private(set) var embeddings: Matrix
    public private(set) var contexts: Matrix
    public let learningRate: Double
    public let negativeSamples: Int
    private var generator: SeededGenerator

    /// Small random embeddings in [-0.5, 0.5)/d, zero output vectors (as word2vec starts).
    public init(vocabularySize: Int, dimension: Int, learningRate: Double = 0.05, negativeSamples: Int = 3, seed: UInt64) {
        precondition(vocabularySize > 0 && dimension > 0, "SkipGram: empty model")
        var generator = SeededGenerator(seed: seed)
        let values = (0..<(vocabularySize * dimension)).map { _ in (generator.nextUnit() - 0.5) / Double(dimension) }
        embeddings = Matrix(rows: vocabularySize, columns: dimension, values: values)
        contexts = Matrix(rows: vocabularySize, columns: dimension)
        self.learningRate = learningRate
        self.negativeSamples = negativeSamples
        self.generator = generator
    }

    /// The logistic function 1/(1 + e⁻ˣ), written to avoid overflow for large |x|.
    static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }

    /// log σ(x) = −log(1 + e⁻ˣ), accurate for every x: never log(0), even where
    /// σ(x) rounds to 0 or 1 − σ(x) rounds to 0 (|x| ≳ 37).
    static func logSigmoid(_ x: Double) -> Double {
        x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x))
    }

    /// One SGD step on the pair (centre, context) with `negativeSamples` words
    /// drawn uniformly, with repeats, from the others (never the centre or the
    /// context; none when the vocabulary has only those). The draws come from
    /// the seeded generator, so the same seed and calls give the same numbers.
    /// Returns the pair's loss before the step: −log σ(u_c·v) − Σ log σ(−u_n·v).
    ///
    /// - Precondition: `center` and `context` are rows of the model.
    @discardableResult
    public mutating func step(center: Int, context: Int) -> Double {
        step(center: center, context: context, negatives: drawNegatives(center: center, context: context))
    }

    /// The `negativeSamples` words `step(center:context:)` would push for this pair:
    /// drawn uniformly, with repeats, from the rows other than the centre and the
    /// context (none when the vocabulary has only those), advancing the seeded generator.
    public mutating func drawNegatives(center: Int, context: Int) -> [Int] {
        let n = embeddings.rows
        var negatives: [Int] = []
        if n > 2 {
            while negatives.count < negativeSamples {
                let candidate = Int(generator.next() % UInt64(n))
                if candidate != center && candidate != context { negatives.append(candidate) }
            }
        }
        return negatives
    }

    /// One SGD step with the negatives given, for tests and for showing which words were pushed.
    ///
    /// With v the centre's embedding, u the output vectors, η the learning
    /// rate and g = η·(σ(u·v) − label) for each target (label 1 for the
    /// context, 0 for a negative): u −= g·v for each target, then v −= Σ g·u
    /// (each u as it was before its own update). That is a step down the pair's loss
    /// gradient: u_c moves towards v and each u_n away from it, so for a small
    /// enough η the pair's loss falls; from zero output vectors (a fresh
    /// model) u_c·v always rises and each u_n·v falls.
    /// Returns the loss before the step, −log σ(u_c·v) − Σ log σ(−u_n·v),
    /// accurate to a few ulps even when a σ rounds to 0 or 1.
    @discardableResult
    public mutating func step(center: Int, context: Int, negatives: [Int]) -> Double {
        let d = embeddings.columns
        let v = embeddings.row(center)
        var gradientForCenter = [Double](repeating: 0, count: d)
        var loss = 0.0
        for (target, label) in [(context, 1.0)] + negatives.map({ ($0, 0.0) }) {
            let u = contexts.row(target)
            let score = dot(u, v)
            let p = Self.sigmoid(score)
            loss -= label == 1 ? Self.logSigmoid(score) : Self.logSigmoid(-score)
            // d(loss)/d(u·v) = p − label: pulls when label is 1, pushes when 0.
            let g = (p - label) * learningRate
            for k in 0..<d {
                gradientForCenter[k] += g * u[k]
                contexts[target, k] -= g * v[k]
            }
        }
        for k in 0..<d { embeddings[center, k] -= gradientForCenter[k] }
        return loss
    }

    /// One pass over `pairs` in order; returns the mean of the losses before each step (0 for no pairs).
    @discardableResult
    public mutating func epoch(pairs: [(center: Int, context: Int)]) -> Double {
        guard !pairs.isEmpty else { return 0 }
        var total = 0.0
        for pair in pairs { total += step(center: pair.center, context: pair.context) }
        return total / Double(pairs.count)
    }

    /// (centre, context) pairs from sentences of word indices, within `window` words either side.
    public static func pairs(sentences: [[Int]], window: Int) -> [(center: Int, context: Int)] {
        var result: [(center: Int, context: Int)] = []
        for sentence in sentences {
            for (i, center) in sentence.enumerated() {
                let low = max(0, i - window)
                let high = min(sentence.count - 1, i + window)
                guard low <= high else { continue }
                for j in low...high where j != i { result.append((center, sentence[j])) }
            }
        }
        return result
    }
}
