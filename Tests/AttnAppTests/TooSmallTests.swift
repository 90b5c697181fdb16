// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

@testable import AttnApp

/// Issue 9.13: while "terminal too small" is shown, only quit and resize act.
final class TooSmallTests: XCTestCase {
    func testKeysAndClicksDoNothingWhileTheScreenIsTooSmall() {
        for size in [Size(width: 1, height: 1), Size(width: 20, height: 6), Size(width: 39, height: 30), Size(width: 100, height: 11)] {
            var state = sandbox()
            _ = state.update(.resize(size))
            XCTAssertTrue(AppView.render(state, size: size, colorMode: .monochrome).text.contains("too small") || size.width < 20)
            let before = (state.wordNames, state.lessonID, state.metric, state.temperature, state.focus, state.mode)
            let effects = state.press("ddda<Esc>mr+-3<Right><Tab>?<Enter>") + state.update(.mouse(MouseEvent(x: 0, y: 0, button: .left)))
            XCTAssertEqual(effects, [], "\(size)")
            XCTAssertEqual(state.wordNames, before.0, "\(size)")
            XCTAssertEqual(state.lessonID, before.1)
            XCTAssertEqual(state.metric, before.2)
            XCTAssertEqual(state.temperature, before.3)
            XCTAssertEqual(state.focus, before.4)
            XCTAssertEqual(state.mode, before.5)
            XCTAssertFalse(state.isFinished)

            // Resize acts: at a usable size the keys work again.
            _ = state.update(.resize(Size(width: 80, height: 24)))
            state.press("d")
            XCTAssertEqual(state.wordNames.count, before.0.count - 1)
        }
    }

    func testQuitStillQuitsWhileTooSmall() {
        for keys in ["q", "<C-c>"] {
            var state = sandbox()
            _ = state.update(.resize(Size(width: 10, height: 3)))
            XCTAssertEqual(state.press(keys), [.save], keys)
            XCTAssertTrue(state.isFinished, keys)
        }
        // Ctrl-C quits from the add-word prompt too, where q would be a letter.
        var prompting = sandbox()
        prompting.press("a")
        _ = prompting.update(.resize(Size(width: 10, height: 3)))
        prompting.press("q")
        XCTAssertFalse(prompting.isFinished)
        prompting.press("<C-c>")
        XCTAssertTrue(prompting.isFinished)
    }
}

/// Issue 9.3: a paste types into the add-word prompt and runs nothing anywhere else.
final class PasteTests: XCTestCase {
    func testAPasteTypesIntoThePrompt() {
        var state = sandbox()
        state.press("a")
        XCTAssertEqual(state.update(.paste("kiwi")), [])
        XCTAssertEqual(state.promptField?.text, "kiwi")
        state.press("<Enter>")
        XCTAssertEqual(state.selectedWord?.word, "kiwi")
    }

    func testAPasteWhileBrowsingRunsNoCommand() {
        var state = sandbox()
        let words = state.wordNames
        for text in ["dddd", "q", "3", "r\nm", "?"] {
            XCTAssertEqual(state.update(.paste(text)), [])
        }
        XCTAssertEqual(state.wordNames, words)
        XCTAssertEqual(state.lessonID, sandboxID)
        XCTAssertEqual(state.mode, .browsing)
        XCTAssertFalse(state.isFinished)
    }

    func testLineBreaksInAPasteDoNotSubmit() {
        var state = sandbox()
        state.press("a")
        _ = state.update(.paste("ki\nwi\r\n"))
        XCTAssertEqual(state.promptField?.text, "kiwi")
    }
}
