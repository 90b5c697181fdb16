// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import Reports
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp

/// The built-in word pack: the quality of its estimates, and how the program uses it.
final class WordPackTests: XCTestCase {
    private let pack = BuiltInWordPack.shared
    private let hand = BuiltInLexicon.shared

    private func features(_ word: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Double] {
        let row = try XCTUnwrap(pack.features.index(of: word), "\(word) is not in the pack", file: file, line: line)
        return Dictionary(uniqueKeysWithValues: zip(pack.featureNames, pack.features.vector(at: row)))
    }

    // MARK: Quality of the estimates

    /// The pack's rows of lexicon words are estimated with their hand-made row held out:
    /// compared with the hand-made rows, they measure how good the estimates are.
    func testHeldOutErrorOnTheHandMadeRowsStaysSmall() throws {
        var total = 0.0
        var count = 0
        var compared = 0
        for row in 0..<hand.table.count {
            guard let estimated = pack.features.index(of: hand.table.word(at: row)) else { continue }
            compared += 1
            for (a, b) in zip(pack.features.vector(at: estimated), hand.table.vector(at: row)) {
                total += abs(a - b)
                count += 1
            }
        }
        // Every lexicon word GloVe knows is in the pack (smartwatch is newer than GloVe).
        XCTAssertGreaterThanOrEqual(compared, hand.table.count - 1)
        let error = total / Double(count)
        XCTAssertLessThanOrEqual(error, 0.12, "mean absolute error per feature on the held-out hand rows")
        XCTAssertEqual(pack.featureNames, hand.featureNames)
    }

    func testWordsOnlyThePackKnowsLandWhereAPersonWouldPutThem() throws {
        for word in ["garlic", "spinach", "violin", "piano", "hammer", "coffee", "democracy"] {
            XCTAssertNil(hand.table.index(of: word), "\(word) must be a pack-only word for this test")
        }
        for food in ["garlic", "spinach", "coffee"] {
            let f = try features(food)
            XCTAssertGreaterThanOrEqual(f["food"]!, 0.5, food)
            XCTAssertLessThan(f["fruit"]!, 0.2, "\(food) is no fruit")
            XCTAssertLessThan(f["tech"]!, 0.05, food)
            XCTAssertEqual(f.max { $0.value < $1.value }?.key, "food", food)
        }
        for instrument in ["violin", "piano"] {
            let f = try features(instrument)
            XCTAssertGreaterThanOrEqual(f["audio"]!, 0.6, instrument)
            XCTAssertEqual(f.max { $0.value < $1.value }?.key, "audio", instrument)
            XCTAssertLessThan(f["food"]!, 0.05, instrument)
        }
        let hammer = try features("hammer")
        XCTAssertGreaterThanOrEqual(hammer["home"]!, 0.3, "a hammer belongs to the home")
        XCTAssertLessThan(hammer["tech"]!, 0.05, "a hammer is not tech")
        XCTAssertLessThan(hammer["nature"]!, 0, "a hammer is man-made")
        let democracy = try features("democracy")
        XCTAssertLessThan(democracy.values.map(abs).max()!, 0.1, "democracy is about none of the features")
        let truck = try features("truck")
        XCTAssertGreaterThanOrEqual(truck["vehicle"]!, 0.7)
        XCTAssertEqual(pack.categories[pack.features.index(of: "garlic")!], "food")
        XCTAssertEqual(pack.categories[pack.features.index(of: "violin")!], "instrument")
    }

    func testTheRealVectorsKeepGloVesNeighbourhoods() throws {
        let vectors = pack.vectors
        XCTAssertEqual(vectors.dimension, 50)
        XCTAssertGreaterThanOrEqual(vectors.count, 20_000)
        func cosine(_ a: String, _ b: String) throws -> Double {
            let (i, j) = (try XCTUnwrap(vectors.index(of: a)), try XCTUnwrap(vectors.index(of: b)))
            return try XCTUnwrap(cosineSimilarity(vectors.vector(at: i), vectors.vector(at: j)))
        }
        XCTAssertGreaterThan(try cosine("truck", "car"), 0.8)
        XCTAssertGreaterThan(try cosine("garlic", "onion"), 0.8)
        XCTAssertLessThan(try cosine("garlic", "laptop"), 0.3)
        let index = NeighborIndex(table: vectors)
        let mango = try XCTUnwrap(vectors.index(of: "mango"))
        let nearest = index.nearest(to: vectors.vector(at: mango), k: 5, excluding: [mango]).map { vectors.word(at: $0.index) }
        XCTAssertTrue(nearest.contains("papaya") || nearest.contains("pineapple"), "mango's neighbours: \(nearest)")
    }

    // MARK: Looking words up

    func testHandMadeRowsWinAlsoThroughALemma() throws {
        let vocabulary = Vocabulary.builtInWithPack()
        let apples = try XCTUnwrap(vocabulary.row(for: "apples"))
        XCTAssertEqual(vocabulary.table.word(at: apples), "apple")
        XCTAssertFalse(vocabulary.isEstimated(apples))
        let garlic = try XCTUnwrap(vocabulary.row(for: "Garlic,"))
        XCTAssertEqual(vocabulary.table.word(at: garlic), "garlic")
        XCTAssertTrue(vocabulary.isEstimated(garlic))
        XCTAssertEqual(vocabulary.table.vector(at: garlic), pack.features.vector(at: pack.features.index(of: "garlic")!))
        let violins = try XCTUnwrap(vocabulary.row(for: "violins"))
        XCTAssertEqual(vocabulary.table.word(at: violins), "violin")
        XCTAssertNil(vocabulary.row(for: "blorfle"))
        // The lexicon's own rows are the hand-made ones, not the pack's held-out estimates.
        let mango = try XCTUnwrap(vocabulary.row(for: "mango"))
        XCTAssertEqual(vocabulary.table.vector(at: mango), hand.table.vector(at: hand.table.index(of: "mango")!))
        // A user's file takes its tokens as they are.
        let file = Vocabulary(table: EmbeddingTable(words: ["apple"], vectors: [[1, 0]]), source: "f")
        XCTAssertNil(file.row(for: "apples"))
    }

    func testWordsJSONSaysWhichWordsAreEstimated() throws {
        let report = WordsReport(vocabulary: .builtInWithPack())
        guard case .array(let rows) = report.json else { return XCTFail("words --json is not an array") }
        XCTAssertGreaterThan(rows.count, 20_000)
        func entry(_ word: String) -> [String: JSONValue]? {
            for case .object(let members) in rows where members.first?.1 == .string(word) {
                return Dictionary(members, uniquingKeysWith: { first, _ in first })
            }
            return nil
        }
        let garlic = try XCTUnwrap(entry("garlic"))
        XCTAssertEqual(garlic["estimated"], .bool(true))
        XCTAssertEqual(garlic["source"], .string("estimated"))
        XCTAssertEqual(garlic["category"], .string("food"))
        let apple = try XCTUnwrap(entry("apple"))
        XCTAssertEqual(apple["estimated"], .bool(false))
        XCTAssertEqual(apple["source"], .string("hand-made"))
        for key in ["word", "vector", "category", "features"] { XCTAssertNotNil(garlic[key], key) }
    }

    // MARK: Adding a word on screen

    func testAPackWordIsAddedAtOnceMarkedAsEstimated() throws {
        var state = sandbox()
        let before = state.wordNames
        let effects = state.press("agarlic<Enter>")
        XCTAssertEqual(effects, [.save])
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertEqual(state.wordNames, before + ["garlic"])
        let garlic = try XCTUnwrap(state.selectedWord)
        XCTAssertTrue(garlic.isEstimated)
        XCTAssertFalse(garlic.isCustom)
        XCTAssertEqual(garlic.category, "food")
        XCTAssertEqual(garlic.label, "garlic~")
        XCTAssertEqual(garlic.vector, pack.features.vector(at: pack.features.index(of: "garlic")!))
        XCTAssertEqual(state.message, "added garlic~ (food, features estimated from GloVe)")
        let weights = try XCTUnwrap(state.analysis.attention?.weights[state.selected])
        XCTAssertEqual(weights.count, before.count + 1)
        XCTAssertEqual(weights.reduce(0, +), 1, accuracy: 1e-12)
        // Garlic attends to the fruits (food) more than to the electronics.
        XCTAssertGreaterThan(weights[state.index(of: "banana")!], weights[state.index(of: "laptop")!])
    }

    func testPluralsAndVerbFormsFindTheirWordHandMadeRowsFirst() throws {
        var state = sandbox(startWords: ["phone"])
        state.press("aApples<Enter>")
        XCTAssertEqual(state.selectedWord?.word, "apple")
        XCTAssertEqual(state.selectedWord?.isEstimated, false, "the lexicon's apple, not the pack's 'apples'")
        XCTAssertEqual(state.selectedWord?.vector, hand.table.vector(at: hand.table.index(of: "apple")!))
        state.press("aviolins<Enter>")
        XCTAssertEqual(state.selectedWord?.word, "violin")
        XCTAssertEqual(state.selectedWord?.isEstimated, true)
        XCTAssertEqual(state.selectedWord?.category, "instrument")
        state.press("achopped<Enter>")
        XCTAssertEqual(state.selectedWord?.word, "chop")
        // A lexicon word is never given the pack's held-out estimate.
        state.press("amango<Enter>")
        XCTAssertEqual(state.selectedWord?.vector, hand.table.vector(at: hand.table.index(of: "mango")!))
        XCTAssertEqual(state.selectedWord?.isEstimated, false)
    }

    func testAMadeUpWordIsStillPlacedByHand() {
        var state = sandbox()
        state.press("ablorfle<Enter>")
        guard case .placing(let placement) = state.mode else { return XCTFail("expected placing, got \(state.mode)") }
        XCTAssertEqual(placement.word, "blorfle")
    }

    func testTabAdjustsTheEstimatedFeaturesBeforeAdding() throws {
        var state = sandbox()
        state.press("aspinach<Tab>")
        guard case .placing(let placement) = state.mode else { return XCTFail("expected placing, got \(state.mode)") }
        let estimated = pack.features.vector(at: pack.features.index(of: "spinach")!)
        XCTAssertEqual(placement.vector, estimated)
        state.press("<Right><Enter>")
        let spinach = try XCTUnwrap(state.selectedWord)
        XCTAssertEqual(spinach.word, "spinach")
        XCTAssertTrue(spinach.isCustom, "adjusted by the learner: their own word now")
        XCTAssertFalse(spinach.isEstimated)
        XCTAssertEqual(spinach.vector[0], min(1, ((estimated[0] + 0.1) * 10).rounded() / 10), accuracy: 1e-12)
        XCTAssertEqual(Array(spinach.vector.dropFirst()), Array(estimated.dropFirst()))
        // Tab on a word that is not estimated leaves the prompt as it was.
        state.press("akiwi<Tab>")
        XCTAssertTrue(state.isPrompting)
    }

    func testSavedWordsFromBeforeThePackStillLoad() throws {
        let old = #"{"word":"zorp","vector":[0.5,0],"category":"custom","isCustom":true}"#
        let word = try JSONDecoder().decode(WordInPlay.self, from: Data(old.utf8))
        XCTAssertEqual(word, WordInPlay(word: "zorp", vector: [0.5, 0], origin: .custom))
        let estimated = WordInPlay(word: "garlic", vector: [1], origin: .pack, kind: "food")
        XCTAssertEqual(try JSONDecoder().decode(WordInPlay.self, from: JSONEncoder().encode(estimated)), estimated)
        // Format 1's flags: an estimated word and a file's word keep their origin.
        let oldEstimated = #"{"word":"garlic","vector":[1],"category":"food","isCustom":false,"isEstimated":true}"#
        XCTAssertEqual(try JSONDecoder().decode(WordInPlay.self, from: Data(oldEstimated.utf8)), estimated)
        let oldFile = #"{"word":"x","vector":[1],"category":"file","isCustom":false}"#
        XCTAssertEqual(try JSONDecoder().decode(WordInPlay.self, from: Data(oldFile.utf8)).origin, .file)
    }

    // MARK: The real-vectors view

    func testVSwitchesTheSandboxToRealVectorsAndBack() throws {
        var state = sandbox()
        state.press("agarlic<Enter>")
        let names = state.wordNames
        let featureVectors = state.words.map(\.vector)
        state.pressRunningJobs("v")
        XCTAssertTrue(state.showsRealVectors)
        XCTAssertEqual(state.space.dimension, 50)
        XCTAssertEqual(state.wordNames, names)
        XCTAssertEqual(state.selectedWord?.word, "garlic", "the selection stays")
        for word in state.words {
            let row = try XCTUnwrap(pack.vectors.index(of: word.word))
            XCTAssertEqual(word.vector, pack.vectors.vector(at: row), word.word)
        }
        // Every number is recomputed on the real vectors.
        let (i, j) = (state.index(of: "garlic")!, state.index(of: "banana")!)
        XCTAssertEqual(
            state.analysis.cosine.scores[i][j]!, cosineSimilarity(state.words[i].vector, state.words[j].vector)!, accuracy: 1e-12)
        XCTAssertEqual(state.featureNames.count, 50)
        XCTAssertEqual(state.neighbors(count: 3).first?.word, "onion")
        XCTAssertEqual(state.spaceName, "GloVe 50D")
        let screen = AttnAppTests.screen(state, 120, 40).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("real GloVe vectors"), screen)
        XCTAssertTrue(screen.contains("Map · PCA of GloVe 50D"), screen)
        XCTAssertTrue(screen.contains("cosine in GloVe 50D"), screen)

        state.pressRunningJobs("v")
        XCTAssertFalse(state.showsRealVectors)
        XCTAssertEqual(state.space.dimension, 13)
        XCTAssertEqual(state.wordNames, names)
        XCTAssertEqual(state.words.map(\.vector), featureVectors)
        XCTAssertTrue(state.selectedWord?.isEstimated == true)
    }

    func testWordsWithoutAGloVeVectorAreSetAsideAndComeBack() throws {
        var state = sandbox()
        state.press("ablorfle<Enter><Right><Enter>")
        XCTAssertTrue(state.wordNames.contains("blorfle"))
        state.pressRunningJobs("v")
        XCTAssertFalse(state.wordNames.contains("blorfle"))
        XCTAssertTrue(state.message?.contains("set aside (no GloVe vector): blorfle") == true, state.message ?? "")
        XCTAssertEqual(state.saved.sandboxWords?.contains("blorfle"), true, "a set-aside word is still saved")
        // Placing by hand needs the named features.
        state.press("azzxq<Enter>")
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertFalse(state.wordNames.contains("zzxq"))
        // Adding a pack word works on real vectors too.
        state.press("aviolin<Enter>")
        XCTAssertEqual(state.selectedWord?.vector.count, 50)
        state.pressRunningJobs("v")
        XCTAssertTrue(state.wordNames.contains("blorfle"))
        XCTAssertEqual(state.words.first { $0.word == "violin" }?.vector.count, 13)
    }

    func testTheRealVectorsViewIsTheSandboxOnly() {
        var state = sandbox(lesson: "dot-product")
        state.pressRunningJobs("v")
        XCTAssertFalse(state.showsRealVectors)
        XCTAssertEqual(state.space.dimension, 13)
        var sandboxState = sandbox()
        sandboxState.pressRunningJobs("v")
        XCTAssertTrue(sandboxState.showsRealVectors)
        sandboxState.press("<Left>")
        XCTAssertFalse(sandboxState.showsRealVectors, "leaving the sandbox goes back to the named features")
        XCTAssertTrue(sandboxState.words.allSatisfy { $0.vector.count == 13 })
    }

    func testLicenceNoticesShipInTheBinary() {
        let text = LicenseNotices.text
        XCTAssertTrue(text.contains("WordNet 3.0 Copyright 2006 by Princeton University"))
        XCTAssertTrue(text.contains("Public Domain Dedication and License"))
        XCTAssertTrue(text.contains("Pennington"))
        XCTAssertTrue(text.contains("Kevin Atkinson"))
    }
}

/// A pack word none of the 13 features describes (issue 18, item 13).
final class EmptyPackWordTests: XCTestCase {
    func testAWordWithNoEstimatedFeatureIsPlacedByHandNotAddedAsTheZeroVector() throws {
        var state = sandbox()
        let found = try XCTUnwrap(state.lookUp("are"), "'are' is in the word pack")
        XCTAssertTrue(found.isEstimated)
        XCTAssertFalse(found.vector.contains { $0 != 0 }, "none of the features fits 'are'")
        state.press("aare<Enter>")
        XCTAssertFalse(state.wordNames.contains("are"), "not added as a vector with no direction")
        let placement = try XCTUnwrap(state.placement)
        XCTAssertEqual(placement.word, "are")
        XCTAssertTrue(placement.vector.contains { $0 != 0 }, "it starts where a placed word starts")
        XCTAssertTrue(state.message?.contains("no estimated features") ?? false, state.message ?? "")
        state.press("<Enter>")
        XCTAssertEqual(state.selectedWord?.word, "are")
        XCTAssertEqual(state.selectedWord?.origin, .custom, "the learner's own word now")
    }
}
