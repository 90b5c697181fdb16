// SPDX-License-Identifier: Apache-2.0

import Foundation
import XCTest

/// Every number the command line prints agrees with numpy float64 within 1e-9
/// (Reference/make_cli_reference.py wrote the table from Assets/lexicon.tsv).
final class CLIReferenceTests: XCTestCase {
    var reference: [String: Any] = [:]

    override func setUpWithError() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Reference", withExtension: nil))
        let data = try Data(contentsOf: folder.appendingPathComponent("cli_reference.json"))
        reference = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // A changed lexicon makes the table stale, not the code wrong: say so.
        let lexicon = try LexiconSnapshot.load()
        for (word, vector) in try XCTUnwrap(reference["vectors"] as? [String: [Double]]) {
            XCTAssertEqual(
                lexicon.vectors[word], vector,
                "Assets/lexicon.tsv changed: run python3 Tests/AttnCLITests/Reference/make_cli_reference.py")
        }
    }

    func assertClose(_ actual: Any?, _ expected: Any?, _ path: String, file: StaticString = #filePath, line: UInt = #line) {
        switch (actual, expected) {
        case (let a as Double, let e as Double):
            XCTAssertEqual(a, e, accuracy: 1e-9 * max(1, abs(e)), path, file: file, line: line)
        case (let a as [Any], let e as [Any]):
            XCTAssertEqual(a.count, e.count, path, file: file, line: line)
            for (i, pair) in zip(a, e).enumerated() { assertClose(pair.0, pair.1, "\(path)[\(i)]", file: file, line: line) }
        case (let a as String, let e as String):
            XCTAssertEqual(a, e, path, file: file, line: line)
        case (let a as Int, let e as Int):
            XCTAssertEqual(a, e, path, file: file, line: line)
        default:
            XCTFail("\(path): \(String(describing: actual)) vs \(String(describing: expected))", file: file, line: line)
        }
    }

    func testSimilarity() throws {
        for case let expected as [String: Any] in try XCTUnwrap(reference["similarity"] as? [Any]) {
            let a = try XCTUnwrap(expected["a"] as? String)
            let b = try XCTUnwrap(expected["b"] as? String)
            let actual = try XCTUnwrap(try CLI.json(["similarity", a, b, "--json"]) as? [String: Any])
            for key in ["a", "b", "dim", "cosine", "dot", "scaled_dot"] {
                assertClose(actual[key], expected[key], "similarity \(a) \(b).\(key)")
            }
        }
    }

    func testMatrix() throws {
        for case let expected as [String: Any] in try XCTUnwrap(reference["matrix"] as? [Any]) {
            let words = try XCTUnwrap(expected["words"] as? [String])
            let metric = try XCTUnwrap(expected["metric"] as? String)
            let actual = try XCTUnwrap(try CLI.json(["matrix"] + words + ["--metric", metric, "--json"]) as? [String: Any])
            XCTAssertEqual(actual["metric"] as? String, metric)
            assertClose(actual["matrix"], expected["matrix"], "matrix \(words) \(metric)")
        }
    }

    func testAttention() throws {
        for case let expected as [String: Any] in try XCTUnwrap(reference["attention"] as? [Any]) {
            let words = try XCTUnwrap(expected["words"] as? [String])
            let metric = try XCTUnwrap(expected["metric"] as? String)
            let temperature = try XCTUnwrap(expected["temperature"] as? Double)
            let actual = try XCTUnwrap(
                try CLI.json(["attention"] + words + ["--metric", metric, "--temperature", "\(temperature)", "--json"])
                    as? [String: Any])
            for key in ["scores", "weights", "context", "temperature"] {
                assertClose(actual[key], expected[key], "attention \(words) \(metric) T=\(temperature).\(key)")
            }
        }
    }

    func testNeighbors() throws {
        // The neighbours come from the word pack too: a changed pack makes the table stale.
        let found = try XCTUnwrap(reference["neighbor_vectors"] as? [String: [Double]])
        let rows = try XCTUnwrap(try CLI.json(["words", "--json"] + found.keys.sorted()) as? [[String: Any]])
        for row in rows {
            let word = try XCTUnwrap(row["word"] as? String)
            XCTAssertEqual(
                row["vector"] as? [Double], found[word],
                "Assets changed: run python3 Tests/AttnCLITests/Reference/make_cli_reference.py")
        }
        for case let expected as [String: Any] in try XCTUnwrap(reference["neighbors"] as? [Any]) {
            let word = try XCTUnwrap(expected["word"] as? String)
            let answer = try XCTUnwrap(try CLI.json(["neighbors", word, "-k", "10", "--json"]) as? [[String: Any]])
            XCTAssertEqual(answer.count, 1, "an array, even for one word")
            let actual = try XCTUnwrap(answer.first)
            let got = try XCTUnwrap(actual["neighbors"] as? [[String: Any]])
            let want = try XCTUnwrap(expected["neighbors"] as? [[String: Any]])
            XCTAssertEqual(got.compactMap { $0["word"] as? String }, want.compactMap { $0["word"] as? String }, word)
            assertClose(got.map { $0["cosine"] as Any }, want.map { $0["cosine"] as Any }, "neighbors \(word)")
        }
    }
}
