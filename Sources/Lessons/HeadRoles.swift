// SPDX-License-Identifier: Apache-2.0

import AttnMath

/// What one attention head of the tiny transformer does, measured on the held-out sentences,
/// and the label it earns from those numbers: which head takes which role changes with the
/// seed, so a head is never described by its number.
struct HeadRole: Equatable, Sendable {
    let head: AttentionHeadID
    /// The mean share of a word's weight on the word just before it, on itself, and on the
    /// sentence start (`HeadStatistics`).
    let previousWord: Double
    let itself: Double
    let sentenceStart: Double
    /// The mean share "is" and "was" give to the fruit and gadget nouns before them.
    let noun: Double
    /// What it does on average over the held-out sentences, from the numbers: "looks at the
    /// previous word", or "no single role" where no share stands out (on one sentence such a
    /// head may still be sharp: it just does not do one thing on average).
    let label: String
    /// The same in a few words, for a list of the heads: "previous word", "no single role".
    let shortLabel: String

    /// The words "is" and "was" read back to, and the nouns they read: every fruit and gadget of the corpus.
    static let verbs = ["is", "was"]
    /// The label of a head no share stands out for, on average.
    static let noRole = "no single role"
    static let nouns = LearningEmbeddingsLesson.allFruits + LearningEmbeddingsLesson.allGadgets

    /// The behaviours a label names, with the least share that earns it. A uniform spread over
    /// the words in view (what the untrained model does) gives about 0.25 to the previous word
    /// and to itself (a window of 8 words: the mean of 1/2, 1/3, … 1/8) and about 0.2 from is
    /// to its noun: a labelled head gives clearly more than that. Two heads may earn the same
    /// label (seed 3 has two that look back at the noun, 0.43 and 0.39): the numbers decide, not a ranking.
    enum Behaviour: CaseIterable {
        case previousWord, noun, sentenceStart, itself

        var threshold: Double {
            switch self {
            case .previousWord: 0.4
            case .noun: 0.3
            case .sentenceStart, .itself: 0.4
            }
        }

        var phrase: String {
            switch self {
            case .previousWord: "looks at the previous word"
            case .noun: "looks back from is to its noun"
            case .sentenceStart: "looks at the sentence start"
            case .itself: "looks at itself"
            }
        }

        /// Its name in a list of the heads.
        var name: String {
            switch self {
            case .previousWord: "previous word"
            case .noun: "is → noun"
            case .sentenceStart: "sentence start"
            case .itself: "itself"
            }
        }
    }

    func share(_ behaviour: Behaviour) -> Double {
        switch behaviour {
        case .previousWord: previousWord
        case .noun: noun
        case .sentenceStart: sentenceStart
        case .itself: itself
        }
    }

    /// Every head of `model`, layer by layer, measured on `stream` (the held-out sentences) and labelled.
    static func measure(_ model: Transformer, stream: [Int], corpus: NextWordCorpus) -> [HeadRole] {
        let statistics = model.headStatistics(stream: stream)
        let shares =
            model.meanAttention(
                stream: stream, from: Set(verbs.compactMap(corpus.token(of:))), to: Set(nouns.compactMap(corpus.token(of:)))) ?? [:]
        let unlabelled = statistics.map { s in
            HeadRole(
                head: s.head, previousWord: s.previousWord, itself: s.itself, sentenceStart: s.sentenceStart, noun: shares[s.head] ?? 0,
                label: "", shortLabel: "")
        }
        return unlabelled.map { role in
            let earned = Behaviour.allCases.filter { role.share($0) >= $0.threshold }
            let label: String
            if earned.isEmpty {
                label = Self.noRole
            } else if earned.count == 1 {
                label = earned[0].phrase
            } else {
                label =
                    earned.dropLast().map(\.phrase).joined(separator: ", ") + " and " + earned.last!.phrase.replacing("looks ", with: "")
            }
            return HeadRole(
                head: role.head, previousWord: role.previousWord, itself: role.itself, sentenceStart: role.sentenceStart, noun: role.noun,
                label: label, shortLabel: earned.isEmpty ? Self.noRole : earned.map(\.name).joined(separator: " + "))
        }
    }
}
