// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class StatusBarTests: XCTestCase {
    private let bindings = [
        KeyBinding(keys: [.left, .right], label: "←/→", help: "previous/next lesson", short: "lesson"),
        KeyBinding(keys: [.up, .down], label: "↑/↓", help: "select word", short: "word"),
        KeyBinding(keys: [.character("a")], help: "add a word", short: "add"),
        KeyBinding(keys: [.character("?")], help: "show this help", short: "help"),
        KeyBinding(keys: [.character("q"), .control("c")], label: "q", help: "quit", short: "quit"),
    ]

    func testShowsWholeBindingsThatFitThenTheHelpHint() {
        let buffer = draw(StatusBar(bindings: bindings), width: 40, height: 1)
        assertLines(buffer, [" ←/→ lesson  ↑/↓ word  a add     ? help "])
        XCTAssertEqual(buffer.styleRuns.first?.description, "0,0..0: mods=reverse")
        XCTAssertEqual(buffer.styleRuns[1].description, "1,0..3: mods=bold|reverse")
    }

    func testWideEnoughForEverythingAndATitle() {
        let buffer = draw(StatusBar(bindings: bindings, title: "3/14"), width: 51, height: 1)
        assertLines(buffer, [" 3/14  ←/→ lesson  ↑/↓ word  a add  q quit  ? help "])
        // One column less and "q quit" would touch the hint: it is left out whole.
        assertLines(
            draw(StatusBar(bindings: bindings, title: "3/14"), width: 50, height: 1), [" 3/14  ←/→ lesson  ↑/↓ word  a add         ? help "]
        )
    }

    func testNarrowBarsKeepTheHelpHint() {
        assertLines(draw(StatusBar(bindings: bindings, title: "Lesson 3"), width: 8, height: 1), [" ? help "])
        assertLines(draw(StatusBar(bindings: bindings), width: 4, height: 1), ["? he"])
        assertLines(draw(StatusBar(bindings: bindings), width: 1, height: 1), ["?"])
    }
}

final class HelpOverlayTests: XCTestCase {
    private let bindings = [
        KeyBinding(keys: [.left, .right], label: "←/→", help: "previous/next lesson"),
        KeyBinding(keys: [.character("q")], help: "quit"),
        KeyBinding(keys: [.character("?")], help: "this help"),
    ]

    func testCentredBoxListsEveryBinding() {
        var buffer = Buffer(size: Size(width: 34, height: 7))
        buffer.fill(buffer.area, with: ".")
        HelpOverlay(bindings: bindings).render(into: &buffer, area: buffer.area)
        assertLines(
            buffer,
            [
                "..................................",
                "..┏ Keys ━━━━━━━━━━━━━━━━━━━━━┓...",
                "..┃ ←/→  previous/next lesson ┃...",
                "..┃ q    quit                 ┃...",
                "..┃ ?    this help            ┃...",
                "..┗━ Esc close ━━━━━━━━━━━━━━━┛...",
                "..................................",
            ])
    }

    func testSmallTerminalWrapsAndScrolls() {
        let overlay = HelpOverlay(bindings: bindings, footer: nil)
        let area = Rect(x: 0, y: 0, width: 16, height: 5)
        // Descriptions wrap in the 7 columns left of 16: six lines in three rows scroll by up to three.
        XCTAssertEqual(overlay.maxScroll(in: area), 3)
        assertLines(
            draw(overlay, width: 16, height: 5),
            ["┏ Keys ━━━━━━━━┓", "┃ ←/→  previou ┃", "┃      s/next  ┃", "┃      lesson  ┃", "┗━━━━━━━━━━━━━↓┛"])
    }

    func testScrollIsClampedAndTinyAreasDrawNothing() {
        let overlay = HelpOverlay(bindings: bindings, scroll: 99, footer: nil)
        let buffer = draw(overlay, width: 16, height: 5)
        assertLines(buffer, ["┏ Keys ━━━━━━━↑┓", "┃ q    quit    ┃", "┃ ?    this    ┃", "┃      help    ┃", "┗━━━━━━━━━━━━━━┛"])
        assertLines(draw(overlay, width: 2, height: 2), ["  ", "  "])
    }
}
