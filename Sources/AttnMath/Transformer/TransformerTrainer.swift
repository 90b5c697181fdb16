// SPDX-License-Identifier: Apache-2.0

/// Trains a `Transformer` on a `NextWordCorpus`, one step at a time: a value,
/// so a lesson can keep a copy (before training, at the best step) and step it
/// from the key loop; copies share memory until one of them steps.
///
/// Everything random comes from one `SeededGenerator`, first the initial
/// weights, then each batch: `batchSize` windows of contextLength + 1 tokens
/// at offsets drawn uniformly from the training stream. Step t computes the
/// batch's mean loss and gradient, clips the gradient, and takes Adam step t
/// (`TrainingSettings`). Every `evaluationInterval` steps (and at step 0) it
/// measures the loss on the whole training and held-out streams, and keeps
/// the model of the lowest held-out loss (`bestModel`). The same corpus,
/// configuration, settings and seed give the same numbers on every run and
/// machine (up to the C library's exp and log).
public struct TransformerTrainer: Sendable {
    public let corpus: NextWordCorpus
    public let settings: TrainingSettings
    public let seed: UInt64
    public let evaluationInterval: Int
    /// The reference lines for the held-out loss.
    public let baselines: Baselines
    public private(set) var model: Transformer
    /// The model at `history.best`'s step.
    public private(set) var bestModel: Transformer
    public private(set) var stepsTaken = 0
    public private(set) var history = TrainingHistory()
    private var optimizer: Adam
    private var generator: SeededGenerator
    private var engine: TrainingEngine

    /// A fresh model (`TransformerConfiguration` defaults unless given, sized
    /// to the corpus's vocabulary), measured once before any step.
    /// `concurrent` lets a step use two threads; the numbers are the same either way.
    public init(
        corpus: NextWordCorpus, configuration: TransformerConfiguration? = nil, settings: TrainingSettings = TrainingSettings(),
        seed: UInt64, evaluationInterval: Int = 20, concurrent: Bool = true
    ) {
        var generator = SeededGenerator(seed: seed)
        let model = Transformer(
            configuration: configuration ?? TransformerConfiguration(vocabularySize: corpus.vocabulary.count), generator: &generator)
        self.init(
            corpus: corpus, model: model, settings: settings, seed: seed, generator: generator, evaluationInterval: evaluationInterval,
            concurrent: concurrent)
    }

    /// Training that starts from a given model; the generator (seeded with
    /// `seed`) then draws only the batches.
    public init(
        corpus: NextWordCorpus, model: Transformer, settings: TrainingSettings = TrainingSettings(), seed: UInt64,
        evaluationInterval: Int = 20, concurrent: Bool = true
    ) {
        self.init(
            corpus: corpus, model: model, settings: settings, seed: seed, generator: SeededGenerator(seed: seed),
            evaluationInterval: evaluationInterval, concurrent: concurrent)
    }

    private init(
        corpus: NextWordCorpus, model: Transformer, settings: TrainingSettings, seed: UInt64, generator: SeededGenerator,
        evaluationInterval: Int, concurrent: Bool
    ) {
        let configuration = model.configuration
        precondition(configuration.vocabularySize == corpus.vocabulary.count, "TransformerTrainer: vocabulary size differs from the corpus")
        precondition(
            corpus.trainingStream.count > configuration.contextLength, "TransformerTrainer: the training text is shorter than a window")
        precondition(evaluationInterval > 0, "TransformerTrainer: evaluation interval \(evaluationInterval)")
        self.corpus = corpus
        self.settings = settings
        self.seed = seed
        self.evaluationInterval = evaluationInterval
        self.generator = generator
        self.model = model
        baselines = Baselines(corpus: corpus)
        bestModel = model
        optimizer = Adam(parameterCount: configuration.parameterCount, settings: settings)
        engine = TrainingEngine(configuration: configuration, concurrent: concurrent)
        evaluate()
    }

    public var configuration: TransformerConfiguration { model.configuration }

    /// One step on a batch drawn from the training stream; returns the batch's loss before the update.
    @discardableResult
    public mutating func step() -> Double {
        step(on: nextBatch())
    }

    /// One step on the given windows (each contextLength + 1 tokens or fewer,
    /// all of one length), not drawn from the generator; returns their loss before the update.
    @discardableResult
    public mutating func step(on windows: [[Int]]) -> Double {
        if !isKnownUniquelyReferenced(&engine) {
            engine = TrainingEngine(configuration: configuration, concurrent: engine.concurrent)
        }
        let loss = engine.lossAndGradient(of: model.parameters.values, windows: windows)
        engine.gradient.withUnsafeBufferPointer { g in
            _ = optimizer.update(&model.parameters.values, gradient: g, norm: engine.gradientNorm, concurrent: engine.concurrent)
        }
        stepsTaken += 1
        history.appendBatchLoss(loss)
        if stepsTaken % evaluationInterval == 0 { evaluate() }
        return loss
    }

    /// `steps` more steps.
    public mutating func train(steps: Int) {
        for _ in 0..<max(0, steps) { step() }
    }

    /// Draws the next batch: `batchSize` windows of contextLength + 1 tokens (what `step()` trains on).
    public mutating func nextBatch() -> [[Int]] {
        let stream = corpus.trainingStream
        let span = configuration.contextLength + 1
        let offsets = UInt64(stream.count - span + 1)
        return (0..<settings.batchSize).map { _ in
            let start = Int(generator.next() % offsets)
            return Array(stream[start..<(start + span)])
        }
    }

    /// Measures the losses on the whole training and held-out streams now
    /// (unless this step is measured already), records them, and keeps the
    /// model if its held-out loss is the best. `step()` does it every `evaluationInterval` steps.
    public mutating func evaluate() {
        if history.records.last?.step == stepsTaken { return }
        if !isKnownUniquelyReferenced(&engine) {
            engine = TrainingEngine(configuration: configuration, concurrent: engine.concurrent)
        }
        let record = LossRecord(
            step: stepsTaken, trainingLoss: engine.loss(of: model.parameters.values, stream: corpus.trainingStream),
            heldOutLoss: engine.loss(of: model.parameters.values, stream: corpus.heldOutStream))
        history.append(record)
        if history.best == record { bestModel = model }
    }
}
