// SPDX-License-Identifier: Apache-2.0

import AttnAssets
import AttnMath

/// The capstone's transformer: the default model (`TransformerConfiguration`) on the built-in
/// corpus, its seed, and when its training stops. One definition serves the lesson's live
/// training, the trained weights compiled in (`Assets/tiny-transformer.txt`) and the tool that
/// writes them (`Tools/TinyTransformer`), so the three can never tell different stories.
package enum TinyTransformer {
    package static let corpusText = Assets.text("corpus.txt") ?? ""
    package static let corpus = NextWordCorpus(text: corpusText)
    package static let configuration = TransformerConfiguration(vocabularySize: corpus.vocabulary.count)
    package static let settings = TrainingSettings()
    /// Measured over seeds 1–8, each trained to its held-out minimum: seed 3 reaches it at step
    /// 600 (held-out 1.52), predicts fruit words after "the mango on the table is" and gadget
    /// words after "the laptop on the table is", and one of its heads both reads the previous
    /// word and sends "is" back to its noun (0.65 on mango) — switched off, the mango's next
    /// words turn into a gadget's. Seeds 1, 2, 4 and 5 mix up mango and laptop; 8 needs 1,120 steps.
    package static let seed: UInt64 = 3
    /// Steps between two measurements of the losses on the whole training and held-out sets
    /// (`attn-tui train` measures as often): one press of Space, one point on the chart.
    package static let evaluationInterval = 20
    /// Training stops once the held-out loss has not improved for more than this many
    /// measurements (`TrainingHistory.isPastMinimum`): 9 measurements, 180 steps, after the
    /// lowest. It wobbles by ±0.05 between measurements (47 sentences are few), so a shorter
    /// patience stops at the first wobble (seed 3, patience 3: at step 520, before its minimum at 600).
    package static let patience = 8
    /// How many steps after the lowest held-out loss training stops.
    package static var stepsPastMinimum: Int { (patience + 1) * evaluationInterval }
    /// A bound that never binds with the built-in corpus (seed 3 stops at 780): a corpus edited
    /// so that the held-out loss never turns still ends.
    package static let stepLimit = 3_000

    /// A fresh model of the seed, measured once before any step: what the lesson's training starts from.
    package static func freshTrainer() -> TransformerTrainer {
        TransformerTrainer(
            corpus: corpus, configuration: configuration, settings: settings, seed: seed, evaluationInterval: evaluationInterval)
    }

    /// Whether training should stop: the held-out minimum is `patience` measurements behind.
    package static func isFinished(_ trainer: TransformerTrainer) -> Bool {
        trainer.history.isPastMinimum(patience: patience) || trainer.stepsTaken >= stepLimit
    }

    /// The whole run from the seed to its stop (about 2 s in a release build, a minute in a debug one).
    package static func trainToMinimum() -> TransformerTrainer {
        var trainer = freshTrainer()
        while !isFinished(trainer) { trainer.train(steps: evaluationInterval) }
        return trainer
    }

    /// The seed's untrained model: the trainer draws it first from the same generator.
    package static let untrained: Transformer = {
        var generator = SeededGenerator(seed: seed)
        return Transformer(configuration: configuration, generator: &generator)
    }()

    /// The finished run the lesson opens up: the weights compiled in when their header matches
    /// this code, else the same run trained here (the tests make sure it never has to be).
    package static let finished: FinishedRun = {
        if let text = Assets.text(TinyTransformerAsset.path), let run = try? TinyTransformerAsset.decode(text) { return run }
        return FinishedRun(trainer: trainToMinimum())
    }()
}

/// A training run to its held-out minimum, as the lesson shows it: every measurement, and the
/// model of the lowest held-out loss with its weights rounded to float32, as they are stored.
package struct FinishedRun: Equatable, Sendable {
    package let records: [LossPoint]
    package let stepsTaken: Int
    /// The model at `best.step`.
    package let model: Transformer

    package init(records: [LossPoint], stepsTaken: Int, model: Transformer) {
        self.records = records
        self.stepsTaken = stepsTaken
        self.model = model
    }

    /// A trainer's run, its best model rounded to float32 (what the weights file holds).
    package init(trainer: TransformerTrainer) {
        let best = trainer.bestModel.parameters
        let rounded = best.values.map { Double(Float($0)) }
        self.init(
            records: trainer.history.records.map(LossPoint.init), stepsTaken: trainer.stepsTaken,
            model: Transformer(parameters: TransformerParameters(configuration: best.configuration, values: rounded)))
    }

    /// The measurement of the lowest held-out loss (the earliest on a tie).
    package var best: LossPoint { LossPoint.best(of: records) }
}

/// One measurement of a training run: the mean loss per predicted word on the whole training
/// set and on the held-out set after `step` steps (0: before any).
package struct LossPoint: Equatable, Sendable {
    package let step: Int
    package let training: Double
    package let heldOut: Double

    package init(step: Int, training: Double, heldOut: Double) {
        self.step = step
        self.training = training
        self.heldOut = heldOut
    }

    package init(_ record: LossRecord) { self.init(step: record.step, training: record.trainingLoss, heldOut: record.heldOutLoss) }

    /// The measurement of the lowest held-out loss, the earliest on a tie (as `TrainingHistory.best`).
    package static func best(of points: [LossPoint]) -> LossPoint {
        points.reduce(points[0]) { $1.heldOut < $0.heldOut ? $1 : $0 }
    }
}
