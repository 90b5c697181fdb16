// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The losses a transformer must beat, as reference lines: the mean
/// cross-entropy (natural log, per predicted token) of three simple guessers on
/// a stream's next tokens, each fitted on a training stream.
///
/// - uniform: every token equally likely, ln V.
/// - unigram: the training stream's token frequencies, add-one smoothed
///   ((count + 1) / (total + V)), so a token never seen in training is not infinitely surprising.
/// - bigram: a table of which token follows which in training, Witten–Bell
///   smoothed: P(w | p) = (c(p, w) + n(p) · P₁(w)) / (c(p) + n(p)), with n(p) the
///   number of different tokens seen after p and P₁ the unigram above; a
///   previous token never seen falls back to P₁. No tuned constant.
///
/// Predicted tokens are those of `evaluate` after its first, each from the one before it.
public struct Baselines: Equatable, Sendable {
    public let uniform: Double
    public let unigram: Double
    public let bigram: Double

    public init(training: [Int], evaluate: [Int], vocabularySize v: Int) {
        precondition(v > 0, "Baselines: empty vocabulary")
        var unigramCounts = Array(repeating: 0.0, count: v)
        var pairCounts: [Int: [Int: Double]] = [:]
        for (previous, next) in zip(training, training.dropFirst()) {
            unigramCounts[next] += 1
            pairCounts[previous, default: [:]][next, default: 0] += 1
        }
        let total = unigramCounts.reduce(0, +)
        let unigramProbability = unigramCounts.map { ($0 + 1) / (total + Double(v)) }
        let follower = pairCounts.mapValues { followers in (count: followers.values.reduce(0, +), types: Double(followers.count)) }
        var unigramLoss = 0.0
        var bigramLoss = 0.0
        var predicted = 0
        for (previous, next) in zip(evaluate, evaluate.dropFirst()) {
            predicted += 1
            let p1 = unigramProbability[next]
            unigramLoss -= log(p1)
            if let seen = follower[previous] {
                let pair = pairCounts[previous]?[next] ?? 0
                bigramLoss -= log((pair + seen.types * p1) / (seen.count + seen.types))
            } else {
                bigramLoss -= log(p1)
            }
        }
        uniform = log(Double(v))
        unigram = predicted == 0 ? 0 : unigramLoss / Double(predicted)
        bigram = predicted == 0 ? 0 : bigramLoss / Double(predicted)
    }

    /// On the corpus's held-out stream, fitted on its training stream.
    public init(corpus: NextWordCorpus) {
        self.init(training: corpus.trainingStream, evaluate: corpus.heldOutStream, vocabularySize: corpus.vocabulary.count)
    }
}
