// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp

/// A vector far shorter than the vocabulary's typical one has no direction worth a cosine: the
/// screen's Nearest list never offers it, as `attn-tui neighbors` never does.
final class ShortVectorNeighbourTests: XCTestCase {
    private func state() -> AppState {
        // speck points almost exactly where north does, but is a hundredth as long.
        let table = EmbeddingTable(
            words: ["north", "south", "east", "west", "speck"],
            vectors: [[1, 0, 0.1], [-1, 0, 0.2], [0, 1, 0.3], [0, -1, 0.1], [0.01, 0.0001, 0.001]])
        return AppState(environment: environment(Vocabulary(table: table, source: "compass.txt"), startWords: ["north", "east"]))
    }

    func testTheSelectedWordsNearestLeaveOutAVectorWithoutADirection() throws {
        let state = state()
        XCTAssertEqual(state.selectedWord?.word, "north")
        let names = state.nearestToSelected.map { state.space.vocabulary.table.word(at: $0.index) }
        XCTAssertEqual(Set(names), ["south", "east", "west"], "every long vector and not speck")
        let frame = AppView.render(state, size: Size(width: 120, height: 40), colorMode: .palette256).text
        XCTAssertFalse(frame.contains("speck"), "speck is named nowhere on the screen:\n\(frame)")
    }

    func testTheCosineAloneWouldHaveRankedItFirst() {
        // Without the length rule speck would top north's list: this is what the rule is for.
        let table = state().space.vocabulary.table
        let bare = NeighborIndex(table: table).nearest(to: [1, 0, 0.1], k: 1, excluding: [0])
        XCTAssertEqual(bare.map { table.word(at: $0.index) }, ["speck"])
    }
}
