// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import Vocabularies
import XCTest

@testable import AttnApp

/// Issue 9.6: a huge token is cut once, when it comes into play, never per frame.
final class HugeTokenTests: XCTestCase {
    private let huge = String(repeating: "x", count: 1_000_000)

    private func stateWithHugeToken() -> AppState {
        let table = EmbeddingTable(
            words: [huge, "north", "south", "east"], vectors: [[0.5, 0.5, 0], [1, 0, 0.1], [-1, 0, 0.2], [0, 1, 0.3]])
        return AppState(environment: environment(Vocabulary(table: table, source: "huge.txt")))
    }

    func testWordsInPlayHoldAtMostTheShownLimit() {
        var state = stateWithHugeToken()
        XCTAssertEqual(state.words.count, 4)
        XCTAssertEqual(state.words[0].word, String(huge.prefix(WordInPlay.shownLimit)) + "…")
        state.press("d")
        XCTAssertLessThanOrEqual(state.message?.count ?? 0, WordInPlay.shownLimit + 20, "the message names the cut word")
        for word in state.words { XCTAssertLessThanOrEqual(word.word.count, WordInPlay.shownLimit + 1) }
    }

    func testEveryPanelDrawsTheCutWord() {
        var state = stateWithHugeToken()
        for keys in ["", "<Tab>", "<Tab>", "m", "<Enter>", "<Esc><Tab><Enter>"] {
            state.press(keys)
            for size in [Size(width: 300, height: 100), Size(width: 120, height: 40), Size(width: 80, height: 24)] {
                let frame = AppView.render(state, size: size, colorMode: .palette256)
                XCTAssertTrue(frame.text.contains("xxxx"), "the token is drawn, cut (\(size), keys \(keys))")
                XCTAssertFalse(frame.text.contains(String(repeating: "x", count: WordInPlay.shownLimit + 1)))
            }
        }
    }

    /// Issue 18, item 8: one letter with 100,000 combining marks is one character; it is cut to
    /// `ScalarBound.perCharacter` scalars when it comes into play (0.9 s a key before).
    func testAHugeCharacterFromAFileIsCutWhenItComesIntoPlay() {
        let huge = "b" + String(repeating: "\u{301}", count: 100_000)
        let table = EmbeddingTable(words: [huge, "north", "south"], vectors: [[0.5, 0.5, 0], [1, 0, 0.1], [-1, 0, 0.2]])
        var state = AppState(environment: environment(Vocabulary(table: table, source: "marks.txt")))
        let name = state.words[0].word
        XCTAssertEqual(name.unicodeScalars.count, ScalarBound.perCharacter + 1, "the b, its first marks and …")
        XCTAssertTrue(name.hasSuffix("…"))
        XCTAssertTrue(state.words.allSatisfy { $0.word.allSatisfy(ScalarBound.fits) })
        state.press("<Tab><Enter>")
        let frame = AppView.render(state, size: Size(width: 120, height: 40), colorMode: .palette256)
        XCTAssertTrue(frame.text.contains("north"))
        XCTAssertLessThan(frame.text.unicodeScalars.count, 120 * 41 * 4, "the frame holds no huge character")
    }

    func testAPastedHugeCharacterIsNotAddedNorSaved() {
        var state = sandbox()
        let before = state.wordNames
        state.press("a")
        _ = state.update(.paste("b" + String(repeating: "\u{301}", count: 5000)))
        XCTAssertEqual(state.promptField?.text, "", "the paste's one character is refused")
        state.press("<Enter>")
        XCTAssertEqual(state.wordNames, before)
        XCTAssertTrue(state.customWords.isEmpty)
    }

    func testShownLooksAtNoMoreThanItKeeps() {
        XCTAssertEqual(WordInPlay.shown("kiwi"), "kiwi")
        let exact = String(repeating: "é", count: WordInPlay.shownLimit)
        XCTAssertEqual(WordInPlay.shown(exact), exact)
        XCTAssertEqual(WordInPlay.shown(exact + "z"), exact + "…")
        let family = "👨‍👩‍👧"
        XCTAssertEqual(
            WordInPlay.shown(String(repeating: family, count: 100)), String(repeating: family, count: 64) + "…", "clusters whole")
    }

    func testTruncateCutsAHugeStringToWhatShows() {
        XCTAssertEqual(DisplayWidth.truncate(huge, to: 10), "xxxxxxxxx…")
        XCTAssertEqual(DisplayWidth.truncate("日本語です", to: 6), "日本…")
        XCTAssertEqual(DisplayWidth.truncate("日本語", to: 6), "日本語")
        XCTAssertEqual(DisplayWidth.truncate("abc", to: 3), "abc")
        XCTAssertEqual(DisplayWidth.truncate("abcd", to: 3), "ab…")
        XCTAssertEqual(DisplayWidth.truncate("abcd", to: 1), "…")
    }
}
