// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp

/// Enter on a score in a 100,000-d file (issue 18, item 7): the explanation is built once, when it
/// opens, and lists a bounded number of products, so opening it and scrolling it cost the same in
/// any dimension (each frame rebuilt and wrapped 100,000 rows before: 4 s a frame in release).
final class HugeDimensionDetailTests: XCTestCase {
    private static let dimension = 100_000

    private func state() -> AppState {
        // Deterministic values of every size: the largest products are spread over the dimensions.
        let vectors = (0..<3).map { (word: Int) -> [Double] in
            (0..<Self.dimension).map { (k: Int) -> Double in
                let size = Double((k * 7919 + word) % 1000) / 1000
                return sin(Double(k * (word + 2) + word)) * size
            }
        }
        let table = EmbeddingTable(words: ["w0", "w1", "w2"], vectors: vectors)
        return AppState(environment: environment(Vocabulary(table: table, source: "huge.txt"), startWords: ["w0", "w1", "w2"]))
    }

    func testAScoreIn100000DimensionsListsItsLargestProductsAndWhatTheRestAddUpTo() throws {
        var state = state()
        state.press("<Tab><Down><Enter>")
        XCTAssertEqual(state.detail, .score(row: 0, column: 1, metric: .scaledDot))
        let explanation = try XCTUnwrap(state.openExplanation)
        XCTAssertEqual(explanation, ComputationDetail(try XCTUnwrap(state.detail), state: state), "built from the state as opened")
        let limit = ComputationDetail.productRowLimit
        XCTAssertLessThanOrEqual(explanation.lines.count, limit + 10, "a bounded table, not one row per dimension")
        XCTAssertEqual(explanation.lines.first, "the \(limit) largest of 100000 products (by size), in feature order")

        let (a, b) = (state.words[0].vector, state.words[1].vector)
        let products = elementwiseProducts(a, b)
        let header = try XCTUnwrap(explanation.lines.firstIndex { $0.hasPrefix("feature") })
        let rows = explanation.lines[(header + 1)...].prefix { !$0.isEmpty }
        XCTAssertEqual(rows.count, limit)
        let listed = try rows.map { row -> Int in
            let name = try XCTUnwrap(row.split(separator: " ").first)
            XCTAssertTrue(name.hasPrefix("d"), row)
            let k = try XCTUnwrap(Int(name.dropFirst())) - 1
            XCTAssertEqual(try XCTUnwrap(Double(try XCTUnwrap(row.split(separator: " ").last))), products[k], accuracy: 0.00005, row)
            return k
        }
        XCTAssertEqual(listed, listed.sorted(), "in feature order")
        let smallestListed = listed.map { abs(products[$0]) }.min()!
        let unlisted = Set(products.indices).subtracting(listed)
        XCTAssertGreaterThanOrEqual(smallestListed, unlisted.map { abs(products[$0]) }.max()!, "the largest by size")

        // The listed part and the rest add up to the dot product shown.
        let listedSum = try number(after: "listed products add up to ", in: explanation.lines)
        let rest = try number(after: "the other \(Self.dimension - limit) products add up to ", in: explanation.lines)
        let shownDot = try number(after: "dot = Σ products = ", in: explanation.lines)
        XCTAssertEqual(listedSum, listed.reduce(0) { $0 + products[$1] }, accuracy: 0.00005)
        XCTAssertEqual(listedSum + rest, shownDot, accuracy: 0.0002)
        XCTAssertEqual(shownDot, dot(a, b), accuracy: 0.00005)

        // Scrolling keeps the one explanation and draws it: the last rows come into view.
        let frame = screen(state, 120, 40).text
        XCTAssertTrue(frame.contains(explanation.lines[0]), frame)
        state.press(String(repeating: "<PageDown>", count: 40))
        guard case .detail(_, let scroll) = state.mode else { return XCTFail("the detail stays open: \(state.mode)") }
        XCTAssertGreaterThan(scroll, 200)
        XCTAssertEqual(state.openExplanation, explanation)
        XCTAssertTrue(screen(state, 120, 40).text.contains("dot = Σ products = "))
        state.press("<Esc>")
        XCTAssertNil(state.openExplanation, "closed, dropped")
    }

    func testAScoreInFewDimensionsListsEveryProduct() throws {
        var state = sandbox()
        state.press("<Tab><Enter>")
        let explanation = try XCTUnwrap(state.openExplanation)
        XCTAssertEqual(explanation.lines.first?.hasPrefix("feature"), true, "no note: every feature is listed")
        XCTAssertFalse(explanation.lines.contains { $0.hasPrefix("the other") })
    }

    private func number(after prefix: String, in lines: [String]) throws -> Double {
        let line = try XCTUnwrap(lines.first { $0.hasPrefix(prefix) }, "a line starting \(prefix)")
        return try XCTUnwrap(Double(line.dropFirst(prefix.count)), line)
    }
}
