// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension TinyTransformerLesson {
    /// The shown head's cell under the cursor, worked out (nil before a sentence step opens).
    var cellWork: AttentionCellWork? {
        guard let trace, cell.row < trace.tokens.count, cell.column < trace.tokens.count else { return nil }
        return AttentionCellWork(
            trace: trace, parameters: model.parameters, head: head, query: cell.row, key: cell.column, words: trace.tokens.map(Self.word))
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        switch panel {
        case .losses, .prompts: return explainLosses(at: step)
        case .attention, .working: return cellWork.map { Explanation(title: $0.title, lines: $0.lines) }
        case .nextWords: return explainNextWords(temperature: state.temperature)
        case .heads: return explainHeads()
        }
    }

    private func explainLosses(at step: Step) -> Explanation {
        let point = step == .minimum && training.points.indices.contains(measurement) ? training.points[measurement] : training.points.last
        let trainingWords = Self.corpus.trainingStream.count - 1
        let heldOutWords = Self.corpus.heldOutStream.count - 1
        let heldOutSentences = Self.corpus.isHeldOut.filter { $0 }.count
        var lines = [
            "A loss is the mean of −ln p over every word predicted, p being the",
            "probability the model gave the word that really came next.",
            "",
        ]
        if let point {
            lines += [
                "After step \(point.step):",
                "  training: \(NumberFormat.fixed(point.training, decimals: 4)), over the \(trainingWords) predictions",
                "            in the \(Self.corpus.sentences.count - heldOutSentences) training sentences",
                "  held-out: \(NumberFormat.fixed(point.heldOut, decimals: 4)), over the \(heldOutWords) predictions",
                "            in the \(heldOutSentences) held-out sentences, never trained on",
                "",
            ]
        }
        let b = Self.freshTrainer.baselines
        lines += [
            "The lines, on the held-out sentences, of simpler guessers:",
            "  uniform \(NumberFormat.fixed(b.uniform, decimals: 2)) = ln \(Self.corpus.vocabulary.count): every word equally likely",
            "  word frequencies \(NumberFormat.fixed(b.unigram, decimals: 2)): each word as often as in training",
            "  word pairs \(NumberFormat.fixed(b.bigram, decimals: 2)): a table of which word follows which",
        ]
        if step == .minimum {
            let best = LossPoint.best(of: training.points)
            lines += [
                "",
                "Lowest held-out loss at step \(best.step): \(NumberFormat.fixed(best.heldOut, decimals: 4)); with no better "
                    + "in the \(TinyTransformer.stepsPastMinimum) steps after it, the run stopped.",
            ]
        }
        return Explanation(title: "The losses", lines: lines)
    }

    private func explainNextWords(temperature: Double) -> Explanation? {
        guard let trace else { return nil }
        let logits = trace.logits.row(trace.logits.rows - 1)
        let largest = logits.max() ?? 0
        let exponentials = logits.map { exp(($0 - largest) / temperature) }
        let total = exponentials.reduce(0, +)
        let top = Prediction.top(exponentials.map { $0 / total }, count: 5)
        let last = Self.word(trace.tokens[trace.tokens.count - 1])
        let t = NumberFormat.fixed(temperature, decimals: 2)
        var lines = [
            "\(last)'s vector after the last block, LayerNorm, times the output layer",
            "(\(TinyTransformer.configuration.modelWidth)×\(logits.count)) plus its bias: one logit z per word, \(logits.count) of them.",
            "Softmax at T = \(t): p = e^((z − max)/T) / Σ over all \(logits.count)",
            "",
            "word         logit   e^((z−max)/T)       p",
        ]
        for prediction in top {
            let z = logits[prediction.token]
            lines.append(
                NumberFormat.padRight(Self.next(prediction.token), 12) + NumberFormat.pad(NumberFormat.fixed(z, decimals: 2), 6)
                    + NumberFormat.pad(NumberFormat.fixed(exponentials[prediction.token], decimals: 4), 16)
                    + NumberFormat.pad(NumberFormat.fixed(prediction.probability, decimals: 3), 8))
        }
        lines.append("Σ e^((z−max)/T) over all \(logits.count) words = \(NumberFormat.fixed(total, decimals: 4))")
        if top.contains(where: { $0.token == 0 }) { lines.append("(end): the sentence ends here, the model's <s>") }
        if let first = top.first {
            lines += [
                "",
                "If the next word is \(Self.next(first.token)), the loss is −ln \(NumberFormat.fixed(first.probability, decimals: 3)) = "
                    + NumberFormat.fixed(-log(first.probability), decimals: 2),
            ]
        }
        return Explanation(title: "The next word after “\(words.joined(separator: " "))”", lines: lines)
    }

    private func explainHeads() -> Explanation {
        let heldOut = Self.corpus.isHeldOut.filter { $0 }.count
        var lines = [
            "Measured on the \(heldOut) held-out sentences, each head's mean share of a",
            "word's weight on:",
            "",
            "head    previous word  itself  sentence start  is/was → noun",
        ]
        for role in roles {
            lines.append(
                NumberFormat.padRight("L\(role.head.layer + 1) H\(role.head.head + 1)", 8)
                    + [role.previousWord, role.itself, role.sentenceStart, role.noun].enumerated().map { index, share in
                        NumberFormat.pad(NumberFormat.fixed(share, decimals: 2), [13, 8, 16, 15][index])
                    }.joined())
        }
        lines += [
            "",
            "A uniform spread (the untrained model) gives about 0.25 to the previous",
            "word and to itself, about 0.2 to the noun. A head earns a label where it",
            "gives clearly more (0.4; 0.3 to the noun); else: \(HeadRole.noRole).",
            "These are averages over many sentences: on one sentence a head with",
            "no single role may still look sharply at one word.",
        ]
        for role in roles { lines.append("L\(role.head.layer + 1) H\(role.head.head + 1): \(role.label)") }
        return Explanation(title: showsUntrained ? "What each head does, untrained" : "What each head does", lines: lines)
    }
}
