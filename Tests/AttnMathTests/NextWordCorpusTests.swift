// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import AttnMath

@Suite("Next-word corpus, baselines and spelling suggestions")
struct NextWordCorpusTests {
    static let text = "# a comment\nthe ripe pear\n\nthe phone is new\n" + (3...10).map { "line \($0)" }.joined(separator: "\n")

    @Test func parsesSentencesAfterTheBoundaryToken() {
        let corpus = NextWordCorpus(text: Self.text)
        #expect(corpus.vocabulary.prefix(7) == ["<s>", "the", "ripe", "pear", "phone", "is", "new"])
        #expect(corpus.sentences.count == 10)
        #expect(corpus.sentences[0] == [1, 2, 3] && corpus.sentences[1] == [1, 4, 5, 6])
        #expect(corpus.sentence(1) == "the phone is new")
    }

    @Test func holdsOutEveryTenthSentenceAndReadsEachSetAsOneStream() throws {
        let corpus = NextWordCorpus(text: Self.text)
        #expect(corpus.isHeldOut == (0..<10).map { $0 == 9 })
        let ten = try #require(corpus.token(of: "10"))
        let line = try #require(corpus.token(of: "line"))
        #expect(corpus.heldOutStream == [0, line, ten, 0])
        #expect(corpus.trainingStream.prefix(9) == [0, 1, 2, 3, 0, 1, 4, 5, 6])
        #expect(corpus.trainingStream.last == 0)
        #expect(corpus.trainingStream.count == (1 + 3) + (1 + 4) + 7 * (1 + 2) + 1)
        #expect(NextWordCorpus(text: "a b\nc d\n", heldOutEvery: 2).heldOutStream == [0, 3, 4, 0])
        #expect(NextWordCorpus(text: "").trainingStream.isEmpty)
    }

    @Test func resolvesTypedWordsButNeverTheBoundary() {
        let corpus = NextWordCorpus(text: Self.text)
        #expect(corpus.resolve("Pear,") == corpus.token(of: "pear"))
        #expect(corpus.resolve("PHONE") == corpus.token(of: "phone"))
        #expect(corpus.resolve("<s>") == nil)
        #expect(corpus.resolve("banana") == nil)
    }

    @Test func suggestsTheNearestSpelling() {
        let corpus = NextWordCorpus(text: Self.text)
        #expect(corpus.nearestWord(to: "phnoe") == "phone")
        #expect(corpus.nearestWord(to: "Pearr") == "pear")
        #expect(corpus.nearestWord(to: "<s>") != "<s>")
        #expect(NextWordCorpus(text: "").nearestWord(to: "x") == nil)
        #expect(editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(editDistance([], Array("abc")) == 3 && editDistance(Array("abc"), []) == 3)
    }

    @Test func baselinesWorkedOutByHand() {
        // Training 0 1 2 0 1 0: next tokens 1 2 0 1 0, so add-one unigram P = (3, 3, 2) / 8;
        // after 0 came 1 twice (1 kind), after 1 came 2 and 0 (2 kinds).
        let baselines = Baselines(training: [0, 1, 2, 0, 1, 0], evaluate: [0, 1, 0], vocabularySize: 3)
        expectClose(baselines.uniform, log(3.0), tolerance: 1e-15)
        expectClose(baselines.unigram, -log(3.0 / 8), tolerance: 1e-15)
        let afterZero = (2 + 1 * 3.0 / 8) / (2 + 1)
        let afterOne = (1 + 2 * 3.0 / 8) / (2 + 2)
        expectClose(baselines.bigram, -(log(afterZero) + log(afterOne)) / 2, tolerance: 1e-15)
        // A previous token never seen in training falls back to the unigram.
        let unseen = Baselines(training: [0, 1, 0], evaluate: [2, 1], vocabularySize: 3)
        expectClose(unseen.bigram, unseen.unigram, tolerance: 1e-15)
        #expect(Baselines(training: [0, 1], evaluate: [0], vocabularySize: 2).unigram == 0)
    }
}
