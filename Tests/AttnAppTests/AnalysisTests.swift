// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp

/// The numbers derived from the words in play: weights, contexts, the map's projection.
final class AnalysisTests: XCTestCase {
    func testWeightRowsSumToOneForEveryMetricAndTemperature() throws {
        var state = sandbox()
        state.press("akiwi<Enter>")
        for _ in Metric.allCases {
            state.press(String(repeating: "-", count: AppState.temperatures.count))
            for _ in AppState.temperatures {
                let attention = try XCTUnwrap(state.analysis.attention, "\(state.metric) T=\(state.temperature)")
                XCTAssertEqual(attention.weights.count, state.words.count)
                for (i, row) in attention.weights.enumerated() {
                    XCTAssertEqual(row.count, state.words.count)
                    XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12, "row \(i), \(state.metric), T=\(state.temperature)")
                    XCTAssertTrue(row.allSatisfy { $0 >= 0 && $0 <= 1 })
                }
                state.press("+")
            }
            state.press("m")
        }
    }

    func testWeightsAreTheSoftmaxOfTheScoresOverTheTemperature() throws {
        var state = sandbox()
        state.press("m++")  // cosine, T above 1
        let attention = try XCTUnwrap(state.analysis.attention)
        for i in state.words.indices {
            let scores = state.words.map { cosineSimilarity(state.words[i].vector, $0.vector)! }
            XCTAssertEqual(attention.scores[i], scores.map { $0 }, "scores[i][j] = metric(vᵢ, vⱼ), self included")
            let exponentials = scores.map { exp($0 / state.temperature) }
            let total = exponentials.reduce(0, +)
            for j in state.words.indices {
                XCTAssertEqual(attention.weights[i][j], exponentials[j] / total, accuracy: 1e-12)
            }
        }
    }

    func testContextIsTheWeightedSumOfTheVectors() throws {
        var state = sandbox()
        state.press("akiwi<Enter>")
        for _ in Metric.allCases {
            let attention = try XCTUnwrap(state.analysis.attention)
            for i in state.words.indices {
                var expected = [Double](repeating: 0, count: state.featureNames.count)
                for (j, word) in state.words.enumerated() {
                    expected = add(expected, scale(word.vector, by: attention.weights[i][j]))
                }
                XCTAssertEqual(attention.context[i].count, expected.count)
                for (a, b) in zip(attention.context[i], expected) { XCTAssertEqual(a, b, accuracy: 1e-12) }
                XCTAssertEqual(state.analysis.contextPoints[i], state.analysis.pca.project(attention.context[i]))
            }
            state.press("m")
        }
    }

    func testAppleIsPulledTowardsItsContext() throws {
        let fruits = centroid(of: "fruit")
        let electronics = centroid(of: "electronics")
        XCTAssertEqual(lexicon.lexicon?.category(of: "apple"), "ambiguous")

        func appleContext(among others: [String]) throws -> [Double] {
            let state = sandbox(startWords: ["apple"] + others)
            XCTAssertEqual(state.wordNames, ["apple"] + others)
            return try XCTUnwrap(state.analysis.attention).context[0]
        }
        let amongFruit = try appleContext(among: ["orange", "banana", "cherry"])
        let amongDevices = try appleContext(among: ["phone", "laptop", "keyboard"])

        XCTAssertLessThan(distance(amongFruit, fruits), distance(amongFruit, electronics), "with fruit, apple means the fruit")
        XCTAssertLessThan(distance(amongDevices, electronics), distance(amongDevices, fruits), "with devices, apple means the company")
        XCTAssertLessThan(distance(amongFruit, fruits), distance(amongDevices, fruits))
        XCTAssertLessThan(distance(amongDevices, electronics), distance(amongFruit, electronics))
    }

    func testTheMapDoesNotMirrorWhenAWordIsAdded() throws {
        var state = sandbox()
        var previous = state.analysis.pca.axes
        state.press("akiwi<Enter>")
        assertSameOrientation(previous, state.analysis.pca.axes, "adding kiwi")

        // And on through the lexicon (up to 40 more words), one word at a time, then back down.
        let others = lexicon.table.words.filter { state.index(of: $0) == nil }.prefix(40)
        for word in others {
            previous = state.analysis.pca.axes
            state.press("a\(word)<Enter>")
            XCTAssertEqual(state.selectedWord?.word, word)
            assertSameOrientation(previous, state.analysis.pca.axes, "adding \(word)")
        }
        while state.words.count > 3 {
            previous = state.analysis.pca.axes
            let removed = state.selectedWord?.word ?? "?"
            state.press("d")
            assertSameOrientation(previous, state.analysis.pca.axes, "removing \(removed)")
        }
    }

    private func assertSameOrientation(_ old: [[Double]], _ new: [[Double]], _ what: String, line: UInt = #line) {
        XCTAssertEqual(old.count, 2, line: line)
        XCTAssertEqual(new.count, 2, line: line)
        for axis in 0..<2 where norm(old[axis]) > 0 && norm(new[axis]) > 0 {
            XCTAssertGreaterThan(dot(old[axis], new[axis]), 0, "axis \(axis + 1) flipped when \(what)", line: line)
        }
    }

    func testPCAAxesAreUnitAndPointsAreTheirProjections() {
        let state = sandbox()
        let pca = state.analysis.pca
        for axis in pca.axes { XCTAssertEqual(norm(axis), 1, accuracy: 1e-9) }
        XCTAssertEqual(dot(pca.axes[0], pca.axes[1]), 0, accuracy: 1e-9)
        XCTAssertGreaterThanOrEqual(pca.variances[0], pca.variances[1])
        for (word, point) in zip(state.words, state.analysis.points) {
            XCTAssertEqual(point, pca.project(word.vector))
        }
    }

    func testFruitsAndElectronicsLandOnOppositeSidesOfTheMap() {
        let state = sandbox(startWords: ["banana", "cherry", "kiwi", "phone", "laptop", "keyboard", "television"])
        let xs = Dictionary(uniqueKeysWithValues: zip(state.wordNames, state.analysis.points.map(\.x)))
        let fruitSide = ["banana", "cherry", "kiwi"].map { xs[$0]! }
        let deviceSide = ["phone", "laptop", "keyboard", "television"].map { xs[$0]! }
        // The first principal axis separates the two clusters: all of one on each side.
        XCTAssertTrue(
            fruitSide.max()! < deviceSide.min()! || deviceSide.max()! < fruitSide.min()!,
            "fruits \(fruitSide) vs electronics \(deviceSide)")
    }

    func testMatricesMatchTheMathCore() {
        let state = sandbox()
        let vectors = state.words.map(\.vector)
        for metric in Metric.allCases {
            XCTAssertEqual(state.analysis.matrix(for: metric), SimilarityMatrix(vectors: vectors, metric: metric))
        }
        for i in state.words.indices {
            XCTAssertEqual(state.analysis.cosine[i, i]!, 1, accuracy: 1e-12, "every word has cosine 1 with itself")
        }
    }

    func testAZeroVectorUnderCosineIsExplainedNotFatal() throws {
        let table = EmbeddingTable(words: ["nothing", "east", "north"], vectors: [[0, 0], [1, 0], [0, 1]])
        var state = AppState(environment: environment(Vocabulary(table: table, source: "test vectors")))
        XCTAssertEqual(state.wordNames, ["nothing", "east", "north"], "a file's first words start the sandbox")
        XCTAssertEqual(state.featureNames, ["d1", "d2"])
        XCTAssertNotNil(state.analysis.attention, "dot products of a zero vector are fine")

        state.press("m")
        XCTAssertEqual(state.metric, .cosine)
        XCTAssertNil(state.analysis.attention)
        XCTAssertEqual(state.analysis.problem, "'nothing' is the zero vector: its cosine is undefined")
        XCTAssertEqual(state.analysis.contextPoints, [])
        XCTAssertNil(state.analysis.cosine[0, 1])

        // The screen says so instead of crashing.
        let text = screen(state, 120, 40).text
        XCTAssertTrue(text.contains("'nothing' is the zero vector"), text)
        state.press("m")
        XCTAssertNotNil(state.analysis.attention)
        XCTAssertNil(state.analysis.problem)
    }

    func testTheProblemNamesTheZeroVectorWhereverItIs() throws {
        let table = EmbeddingTable(words: ["east", "nothing", "north"], vectors: [[1, 0], [0, 0], [0, 1]])
        var state = AppState(environment: environment(Vocabulary(table: table, source: "test vectors")))
        state.press("m")
        XCTAssertNil(state.analysis.attention)
        let problem = state.analysis.problem ?? ""
        XCTAssertEqual(problem, "'nothing' is the zero vector: its cosine is undefined")
    }

    func testEnterOnAnUndefinedWeightDoesNotSwallowTheNextKey() throws {
        let table = EmbeddingTable(words: ["nothing", "east", "north"], vectors: [[0, 0], [1, 0], [0, 1]])
        var state = AppState(environment: environment(Vocabulary(table: table, source: "test vectors")))
        state.press("m<Tab><Tab>")
        XCTAssertNil(state.analysis.attention, "cosine of the zero vector: no weights")
        let before = screen(state, 120, 40)

        state.press("<Enter>")

        XCTAssertFalse(state.detail != nil && screen(state, 120, 40) == before, "no invisible popup")
        state.press("d")
        XCTAssertEqual(state.words.count, 2, "the key after Enter acts, since no popup is on screen")
    }
}
