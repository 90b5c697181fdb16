// SPDX-License-Identifier: Apache-2.0

import Foundation
import ReferenceTables
import XCTest

/// The command line on a user's file (GloVe and .vec forms, punctuation and non-ASCII
/// tokens) agrees with numpy float64 within 1e-5 relative: the table the embedding-file
/// tests use (`EmbeddingReference`).
final class CLIEmbeddingFileTests: XCTestCase {
    func reference() throws -> EmbeddingReference { try EmbeddingReference.load() }

    func assertClose(_ a: Double?, _ e: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let a else { return XCTFail("\(what): missing", file: file, line: line) }
        XCTAssertEqual(a, e, accuracy: 1e-5 * max(1, abs(e)), what, file: file, line: line)
    }

    /// Runs `attn-tui COMMAND --no-cache …` and decodes its JSON (JSONDecoder keeps every digit of a double).
    func run<T: Decodable>(_ type: T.Type, _ command: String, _ arguments: [String]) throws -> T {
        let result = try CLI.run([command, "--no-cache"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try JSONDecoder().decode(T.self, from: Data(result.stdout.utf8))
    }

    struct Similarity: Decodable {
        let a: String
        let b: String
        let cosine: Double?
        let dot: Double
    }
    struct Neighbors: Decodable {
        let word: String
        let neighbors: [EmbeddingReference.Neighbor]
    }
    struct Attention: Decodable {
        let weights: [[Double]]
        let context: [[Double]]
    }

    func testEveryQueryAgreesWithNumpy() throws {
        let reference = try reference()
        for file in ["small.glove.txt", "small.vec"] {
            let path = EmbeddingReference.path(of: file)
            for (i, j) in [(0, 1), (4, 6), (8, 10), (14, 20)] {
                let (a, b) = (reference.words[i], reference.words[j])
                let got = try run(Similarity.self, "similarity", ["--embeddings", path, "--json", "--", a, b])
                XCTAssertEqual([got.a, got.b], [a, b])
                assertClose(got.cosine, reference.cosine[i][j], "\(file) cosine \(a) \(b)")
                assertClose(got.dot, reference.dot[i][j], "\(file) dot \(a) \(b)")
            }
            let asked = ["apple", "日本", ",", "'s"]
            let answers = try run([Neighbors].self, "neighbors", ["--embeddings", path, "-k", "5", "--json", "--"] + asked)
            XCTAssertEqual(answers.map(\.word), asked, "one answer per word, in order")
            for answer in answers {
                let expected = try XCTUnwrap(reference.neighbors[answer.word])
                XCTAssertEqual(answer.neighbors.map(\.word), expected.map(\.word), "\(file) neighbours of \(answer.word)")
                for (g, e) in zip(answer.neighbors, expected) { assertClose(g.cosine, e.cosine, "\(file) cosine \(answer.word) \(e.word)") }
            }
            for expected in reference.attention {
                let got = try run(
                    Attention.self, "attention",
                    ["--embeddings", path, "--metric", expected.metric, "--temperature", "\(expected.temperature)", "--json", "--"]
                        + expected.words)
                for (g, e) in zip(got.weights.joined(), expected.weights.joined()) { assertClose(g, e, "\(file) attention weight") }
                for (g, e) in zip(got.context.joined(), expected.context.joined()) { assertClose(g, e, "\(file) attention context") }
            }
        }
    }
}
