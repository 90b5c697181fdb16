// SPDX-License-Identifier: Apache-2.0

import Foundation
import XCTest

/// `neighbors --space glove` ranks as the float GloVe 6B 50-d vectors do (issue 19, item 5):
/// neither the pack's 8-bit quantisation nor the search reorders what GloVe itself says.
/// Reference/make_glove_float_neighbours.py wrote each probe word's 20 nearest pack words by
/// numpy float64 cosine on the float vectors the pack was made from.
final class CLIGloVeSpaceTests: XCTestCase {
    private struct Neighbour {
        let word: String
        let cosine: Double
    }

    /// Float GloVe's nearest pack words of each probe word, best first.
    private var float: [String: [Neighbour]] = [:]

    override func setUpWithError() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Reference", withExtension: nil))
        let data = try Data(contentsOf: folder.appendingPathComponent("glove_float_neighbours.json"))
        let table = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // A changed word pack makes the table stale, not the search wrong: say so.
        let version = try CLI.run(["--version"]).stdout.split(separator: "\n").map(String.init)
        let packHash = try XCTUnwrap(table["pack_sha256"] as? String)
        XCTAssertEqual(version.count, 3, "attn-tui --version names the word pack's hash: \(version)")
        guard version.count == 3, version[2] == "word pack sha256 \(packHash)" else {
            XCTFail(
                "Assets/wordpack changed: run Tests/AttnCLITests/Reference/make_glove_float_neighbours.py "
                    + "with the word pack generator's Python (\(version.last ?? ""), table \(packHash))")
            return
        }
        let rows = try XCTUnwrap(table["neighbours"] as? [String: [[String: Any]]])
        for (word, list) in rows {
            float[word] = try list.map {
                Neighbour(word: try XCTUnwrap($0["word"] as? String), cosine: try XCTUnwrap($0["cosine"] as? Double))
            }
        }
    }

    /// attn-tui's 10 nearest words in the GloVe space, for each probe word.
    private func ours(_ words: [String]) throws -> [String: [Neighbour]] {
        let json = try XCTUnwrap(
            try CLI.json(["neighbors"] + words + ["--space", "glove", "-k", "10", "--json"]) as? [[String: Any]])
        var answer: [String: [Neighbour]] = [:]
        for entry in json {
            let word = try XCTUnwrap(entry["word"] as? String)
            answer[word] = try XCTUnwrap(entry["neighbors"] as? [[String: Any]]).map {
                Neighbour(word: try XCTUnwrap($0["word"] as? String), cosine: try XCTUnwrap($0["cosine"] as? Double))
            }
        }
        return answer
    }

    /// GloVe 6B 50-d itself puts prince (0.8236) above queen (0.7839) as king's nearest word;
    /// attn-tui gives float GloVe's ten, in float GloVe's order.
    func testKingsNeighboursAreFloatGloVesInItsOrder() throws {
        let king = try XCTUnwrap(try ours(["king"])["king"])
        let truth = try XCTUnwrap(float["king"])
        XCTAssertEqual(king.map(\.word), truth.prefix(10).map(\.word))
        XCTAssertEqual(truth.prefix(2).map(\.word), ["prince", "queen"], "float GloVe's own order")
    }

    /// For every probe word: each neighbour's cosine is float GloVe's within the quantisation's
    /// error, 9 of float GloVe's 10 nearest are among ours, and no two neighbours are in the
    /// opposite order to float GloVe's unless their float cosines are within 0.008.
    func testTheGloVeSpaceRanksAsFloatGloVe() throws {
        XCTAssertGreaterThanOrEqual(float.count, 10)
        let answers = try ours(float.keys.sorted())
        for (word, truth) in float {
            let mine = try XCTUnwrap(answers[word], word)
            XCTAssertEqual(mine.count, 10, word)
            let floatCosine = Dictionary(uniqueKeysWithValues: truth.map { ($0.word, $0.cosine) })
            for neighbour in mine {
                let expected = try XCTUnwrap(
                    floatCosine[neighbour.word], "\(word): \(neighbour.word) is not among float GloVe's 20 nearest")
                XCTAssertEqual(neighbour.cosine, expected, accuracy: 0.006, "\(word) → \(neighbour.word)")
            }
            let overlap = Set(mine.map(\.word)).intersection(truth.prefix(10).map(\.word)).count
            XCTAssertGreaterThanOrEqual(overlap, 9, "\(word): \(mine.map(\.word)) against \(truth.prefix(10).map(\.word))")
            for (i, earlier) in mine.enumerated() {
                for later in mine[(i + 1)...] {
                    let gap = (floatCosine[later.word] ?? 0) - (floatCosine[earlier.word] ?? 0)
                    XCTAssertLessThan(gap, 0.008, "\(word): \(earlier.word) before \(later.word), float GloVe the other way")
                }
            }
        }
    }
}
