import Foundation

/// Skip-gram with negative sampling (word2vec), small enough to animate.
///
/// Each word has an input vector (its embedding, `embeddings`) and an output
/// vector (`contexts`). A training pair (centre, context) pulls the centre's
/// embedding towards the context's output vector; a few sampled other words
/// are pushed away. Everything is float64 and deterministic for a seed.
public struct SkipGram: Sendable {
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

    /// One SGD step on the pair (centre, context) with `negativeSamples` words
    /// drawn uniformly from the others (never the centre or the context).
    /// Returns the pair's loss before the step: −log σ(u_c·v) − Σ log σ(−u_n·v).
    @discardableResult
    public mutating func step(center: Int, context: Int) -> Double {
        let n = embeddings.rows
        var negatives: [Int] = []
        if n > 2 {
            while negatives.count < negativeSamples {
                let candidate = Int(generator.next() % UInt64(n))
                if candidate != center && candidate != context { negatives.append(candidate) }
            }
        }
        return step(center: center, context: context, negatives: negatives)
    }

    /// One SGD step with the negatives given, for tests and for showing which words were pushed.
    @discardableResult
    public mutating func step(center: Int, context: Int, negatives: [Int]) -> Double {
        let d = embeddings.columns
        let v = embeddings.row(center)
        var gradientForCenter = [Double](repeating: 0, count: d)
        var loss = 0.0
        for (target, label) in [(context, 1.0)] + negatives.map({ ($0, 0.0) }) {
            let u = contexts.row(target)
            let p = Self.sigmoid(dot(u, v))
            loss -= label == 1 ? log(max(p, .leastNormalMagnitude)) : log(max(1 - p, .leastNormalMagnitude))
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

    /// One pass over `pairs` in order; returns the mean loss.
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
