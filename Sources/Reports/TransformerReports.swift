// SPDX-License-Identifier: Apache-2.0

import AttnAssets
import AttnMath
import TUIKit
import Vocabularies

/// The tiny transformer the command line trains: the default model on the
/// built-in corpus (`Assets/corpus.txt`), measured every 20 steps and at the
/// last one. No cache: 400 steps take about a second in a release build, and
/// an answer can then never depend on what a cache held.
public enum BuiltInTransformer {
    public static let corpus = NextWordCorpus(text: Assets.text("corpus.txt") ?? "")
    public static let evaluationInterval = 20
    public static let defaultSteps = 400
    public static let defaultSeed: UInt64 = 1
    /// The run the course's lesson shows (`TinyTransformer`): seed 3, stopped at step 780, its
    /// best held-out loss (the model kept) at step 600. The defaults are a shorter run.
    public static let courseSeed = 3
    public static let courseSteps = 780
    /// What `train --help` and `predict --help` say about it.
    public static let courseHelp =
        "The course's model (lesson tiny-transformer) is --seed \(courseSeed) --steps \(courseSteps): its lowest held-out loss, "
        + "the model the lesson keeps, is at step 600. The defaults (--seed \(defaultSeed) --steps \(defaultSteps)) are a shorter run."
    public static let stepLimit = 100_000

    /// `steps` steps from the seed's fresh model.
    public static func trained(steps: Int, seed: Int) throws(QueryError) -> TransformerTrainer {
        guard (0...stepLimit).contains(steps) else { throw QueryError("--steps must be from 0 to \(stepLimit), got \(steps)") }
        guard seed >= 0 else { throw QueryError("--seed must be a whole number ≥ 0, got \(seed)") }
        var trainer = TransformerTrainer(corpus: corpus, seed: UInt64(seed), evaluationInterval: evaluationInterval)
        trainer.train(steps: steps)
        trainer.evaluate()
        return trainer
    }

    /// A token's spelling for people: the boundary token says what it means.
    static func shown(_ token: Int) -> String {
        token == 0 ? "\(NextWordCorpus.sentenceStart) (end of sentence)" : corpus.vocabulary[token]
    }
}

/// `attn-tui train [--steps N] [--seed S]`: the losses as the model learns.
public struct TrainReport: Report {
    public let trainer: TransformerTrainer

    public init(steps: Int, seed: Int) throws(QueryError) {
        trainer = try BuiltInTransformer.trained(steps: steps, seed: seed)
    }

    public var json: JSONValue {
        let records = trainer.history.records
        let baselines = trainer.baselines
        return .object([
            ("vocabulary", .integer(trainer.configuration.vocabularySize)),
            ("parameters", .integer(trainer.configuration.parameterCount)),
            ("seed", .integer(Int(trainer.seed))),
            ("steps", .array(records.map { .integer($0.step) })),
            ("train_loss", .numbers(records.map(\.trainingLoss))),
            ("heldout_loss", .numbers(records.map(\.heldOutLoss))),
            (
                "baselines",
                .object([
                    ("uniform", .number(baselines.uniform)), ("unigram", .number(baselines.unigram)), ("bigram", .number(baselines.bigram)),
                ])
            ),
            ("best_step", trainer.history.best.map { .integer($0.step) } ?? .null),
        ])
    }

    public var text: String {
        let c = trainer.configuration
        let corpus = trainer.corpus
        let heldOut = corpus.isHeldOut.filter { $0 }.count
        let b = trainer.baselines
        let table = TextTable.grid(
            header: ["step", "training loss", "held-out loss"],
            rows: trainer.history.records.map {
                [String($0.step), NumberFormat.fixed($0.trainingLoss, decimals: 4), NumberFormat.fixed($0.heldOutLoss, decimals: 4)]
            })
        var lines = [
            "A \(c.layerCount)-layer, \(c.headCount)-head transformer (d_model \(c.modelWidth), context \(c.contextLength), "
                + "\(c.parameterCount) parameters) on \(corpus.sentences.count - heldOut) sentences, \(heldOut) held out; "
                + "\(c.vocabularySize) tokens; seed \(trainer.seed)",
            "",
            table,
            "",
            "held-out loss of simpler guesses: uniform (ln \(c.vocabularySize)) \(NumberFormat.fixed(b.uniform, decimals: 4)), "
                + "word frequencies \(NumberFormat.fixed(b.unigram, decimals: 4)), word pairs \(NumberFormat.fixed(b.bigram, decimals: 4))",
        ]
        if let best = trainer.history.best {
            lines.append("lowest held-out loss \(NumberFormat.fixed(best.heldOutLoss, decimals: 4)) at step \(best.step)")
        }
        return lines.joined(separator: "\n")
    }
}

/// `attn-tui predict WORD …`: the next-word probabilities after a prompt, and
/// every head's attention weights on it, from the model at its best held-out step.
public struct PredictReport: Report {
    /// The tokens the model read: the sentence boundary, then the words (the last contextLength of them).
    public let tokens: [Int]
    public let predictions: [Prediction]
    public let attention: [[[[Double]]]]
    public let temperature: Double
    public let trainer: TransformerTrainer

    public init(arguments: [String], count: Int, temperature: Double, steps: Int, seed: Int) throws(QueryError) {
        guard count >= 1 else { throw QueryError("-k must be at least 1, got \(count)") }
        guard temperature > 0, temperature.isFinite else {
            throw QueryError("--temperature must be a finite number greater than 0, got \(temperature)")
        }
        let corpus = BuiltInTransformer.corpus
        let typed = WordLookup.tokens(arguments)
        guard !typed.isEmpty else { throw QueryError("no words given") }
        var words: [Int] = []
        for word in typed {
            guard let token = corpus.resolve(word) else {
                let suggestion = corpus.nearestWord(to: word).map { " (did you mean '\($0)'?)" } ?? ""
                throw QueryError("unknown word '\(word)': not in the training corpus\(suggestion)")
            }
            words.append(token)
        }
        trainer = try BuiltInTransformer.trained(steps: steps, seed: seed)
        let model = trainer.bestModel
        let trace = model.trace([0] + words)
        tokens = trace.tokens
        attention = trace.attentionWeights
        self.temperature = temperature
        do {
            predictions = Prediction.top(try trace.nextTokenProbabilities(temperature: temperature), count: count)
        } catch {
            throw QueryError(error.description)
        }
    }

    var words: [String] { tokens.map { BuiltInTransformer.corpus.vocabulary[$0] } }

    public var json: JSONValue {
        .object([
            ("prompt", .array(words.map(JSONValue.string))),
            (
                "predictions",
                .array(
                    predictions.map {
                        .object([
                            ("word", .string(BuiltInTransformer.corpus.vocabulary[$0.token])), ("probability", .number($0.probability)),
                        ])
                    })
            ),
            ("attention", .array(attention.map { .array($0.map { .array($0.map(JSONValue.numbers)) }) })),
        ])
    }

    public var text: String {
        let best = trainer.history.best?.step ?? trainer.stepsTaken
        var parts = [
            "after “\(words.joined(separator: " "))” (the model of step \(best), its lowest held-out loss in \(trainer.stepsTaken) "
                + "steps, seed \(trainer.seed); temperature \(temperature))",
            TextTable.grid(
                header: ["next word", "probability"],
                rows: predictions.map { [BuiltInTransformer.shown($0.token), NumberFormat.fixed($0.probability, decimals: 4)] }),
        ]
        for (layer, heads) in attention.enumerated() {
            for (head, weights) in heads.enumerated() {
                parts.append(
                    TextTable.matrix(
                        title:
                            "attention weights, layer \(layer + 1), head \(head + 1) (a row per word: how much it reads each word before it)",
                        labels: words, values: weights))
            }
        }
        return parts.joined(separator: "\n\n")
    }
}
