// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import Vocabularies
import XCTest

/// The built-in lexicon makes the space behave as the course says it does.
final class LexiconShapeTests: XCTestCase {
    let lexicon = BuiltInLexicon.shared

    func vectors(_ category: String) -> [[Double]] {
        lexicon.categories.indices.filter { lexicon.categories[$0] == category }.map { lexicon.table.vector(at: $0) }
    }

    func meanCosine(_ a: [[Double]], _ b: [[Double]], sameSet: Bool) -> Double {
        var total = 0.0
        var count = 0
        for (i, u) in a.enumerated() {
            for (j, v) in b.enumerated() where !(sameSet && j <= i) {
                total += cosineSimilarity(u, v)!
                count += 1
            }
        }
        return total / Double(count)
    }

    func testSizeAndFeatures() {
        XCTAssertGreaterThanOrEqual(lexicon.table.count, 150)
        XCTAssertGreaterThanOrEqual(lexicon.featureNames.count, 6)
        for word in ["apple", "orange", "banana", "strawberry", "cherry", "grape", "lemon", "pear", "kiwi", "mango"] {
            XCTAssertNotNil(lexicon.table.index(of: word), word)
        }
        for word in ["phone", "laptop", "computer", "tablet", "keyboard", "mouse", "television", "camera", "charger", "headphones"] {
            XCTAssertNotNil(lexicon.table.index(of: word), word)
        }
        for word in ["apple", "blackberry", "orange", "mouse", "tablet", "chip", "raspberry"] {
            XCTAssertEqual(lexicon.category(of: word), "ambiguous", word)
        }
    }

    func testClustersAreSeparated() {
        let fruits = vectors("fruit")
        let electronics = vectors("electronics")
        let across = meanCosine(fruits, electronics, sameSet: false)
        let withinFruits = meanCosine(fruits, fruits, sameSet: true)
        let withinElectronics = meanCosine(electronics, electronics, sameSet: true)
        XCTAssertGreaterThan(withinFruits - across, 0.4, "fruits \(withinFruits) vs across \(across)")
        XCTAssertGreaterThan(withinElectronics - across, 0.4, "electronics \(withinElectronics) vs across \(across)")
    }

    func testTwoSenseWordsSitBetween() {
        let apple = lexicon.table.vector(at: lexicon.table.index(of: "apple")!)
        let fruitCentre = centroid(vectors("fruit"))
        let techCentre = centroid(vectors("electronics"))
        XCTAssertGreaterThan(cosineSimilarity(apple, fruitCentre)!, 0.3)
        XCTAssertGreaterThan(cosineSimilarity(apple, techCentre)!, 0.3)
        let banana = lexicon.table.vector(at: lexicon.table.index(of: "banana")!)
        XCTAssertLessThan(cosineSimilarity(banana, techCentre)!, cosineSimilarity(apple, techCentre)!)
    }

    func testANewFruitIsRecognisedAsOne() {
        // A new word placed with fruit-like features: its nearest words are fruits.
        var vector = [Double](repeating: 0, count: lexicon.featureNames.count)
        for (index, name) in lexicon.featureNames.enumerated() {
            switch name {
            case "fruit": vector[index] = 0.9
            case "food": vector[index] = 0.8
            case "sweet": vector[index] = 0.6
            case "nature": vector[index] = 0.6
            default: break
            }
        }
        let nearest = NeighborIndex(table: lexicon.table).nearest(to: vector, k: 5)
        let fruits = nearest.filter { lexicon.categories[$0.index] == "fruit" }
        XCTAssertGreaterThanOrEqual(fruits.count, 4, nearest.map { lexicon.table.words[$0.index] }.description)
    }

    func testOneSharedComputationGivesTheSameMatricesAsThree() {
        let sample = (0..<40).map { lexicon.table.vector(at: $0 * 3) }
        let shared = SimilarityMatrix.allMetrics(vectors: sample)
        XCTAssertEqual(shared.cosine, SimilarityMatrix(vectors: sample, metric: .cosine))
        XCTAssertEqual(shared.dot, SimilarityMatrix(vectors: sample, metric: .dot))
        XCTAssertEqual(shared.scaledDot, SimilarityMatrix(vectors: sample, metric: .scaledDot))
    }

    func centroid(_ vectors: [[Double]]) -> [Double] {
        let sum = vectors.dropFirst().reduce(vectors[0]) { zip($0, $1).map { $0 + $1 } }
        return sum.map { $0 / Double(vectors.count) }
    }
}
