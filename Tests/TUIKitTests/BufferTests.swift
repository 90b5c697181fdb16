// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class BufferTests: XCTestCase {
    func testWriteClipsAtRightEdgeAndReturnsColumns() {
        var buffer = Buffer(size: Size(width: 5, height: 1))
        XCTAssertEqual(buffer.write("hello world", x: 2, y: 0), 3)
        assertLines(buffer, ["  hel"])
    }

    func testWideCharacterAtRightEdgeBecomesSpace() {
        var buffer = Buffer(size: Size(width: 5, height: 1))
        buffer.write("ab日本", x: 0, y: 0)
        // 日 fits in columns 2–3; 本 would need columns 4–5 and there is only 4.
        assertLines(buffer, ["ab日 "])
        XCTAssertTrue(buffer[3, 0].isContinuation)
    }

    func testOverwritingHalfOfAWideCharacterClearsBothHalves() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        buffer.write("日本", x: 0, y: 0)
        buffer.set(1, 0, "x", style: .plain)
        assertLines(buffer, [" x本"])
    }

    func testZeroWidthCharactersAreSkippedAndCombiningMarksStayWithTheirBase() {
        var buffer = Buffer(size: Size(width: 6, height: 1))
        let written = buffer.write("a\u{200B}bcafe\u{301}", x: 0, y: 0)
        XCTAssertEqual(written, 6)
        assertLines(buffer, ["abcafé"])
        // A control character is not zero-width: it shows as its escape (ControlCharacterTests).
        XCTAssertEqual(buffer.write("\u{7}", x: 0, y: 0), 5)
        assertLines(buffer, ["\\u{7}é"])
    }

    func testLargeMaxWidthFromAPositiveColumnDoesNotOverflow() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        buffer.write("xy", x: 3, y: 0, maxWidth: .max)
        assertLines(buffer, ["   x"])
    }

    func testEmptyBufferIgnoresEverything() {
        var buffer = Buffer(size: Size(width: 0, height: 0))
        buffer.write("x", x: 0, y: 0)
        buffer.fill(Rect(x: -1, y: -1, width: 3, height: 3), with: "#")
        XCTAssertEqual(buffer.lines, [])
    }

    func testStyledTextPatchesSpanStylesOverTheBase() {
        var buffer = Buffer(size: Size(width: 8, height: 1))
        let text = StyledText([("a=", Style.plain), ("0.93", Style(foreground: .red))])
        buffer.write(text, x: 0, y: 0, base: Style(modifiers: [.bold]))
        assertLines(buffer, ["a=0.93  "])
        XCTAssertEqual(buffer.styleRuns.map(\.description), ["0,0..1: mods=bold", "2,0..5: fg=red, mods=bold"])
    }
}

final class WideCharacterEdgeTests: XCTestCase {
    func testEmojiAtTheRightEdgeIsNotHalved() {
        var buffer = Buffer(size: Size(width: 3, height: 1))
        XCTAssertEqual(buffer.write("ab😀", x: 0, y: 0), 2)
        assertLines(buffer, ["ab "])
        assertLines(draw(Paragraph("a😀b"), width: 2, height: 2), ["a ", "😀"])
    }

    func testMapLabelsAreMeasuredInColumns() {
        // "日本" is 4 columns: left of a point in the last column it starts 4 cells before it.
        let map = ScatterMap(points: [.init("日本", x: 1, y: 0)], bounds: WorldBounds(minX: 0, maxX: 1, minY: 0, maxY: 1))
        assertLines(draw(map, width: 6, height: 1), [" 日本•"])
    }

    func testBarLabelsWithWideCharactersArePadded() {
        let chart = BarChart(bars: [.init("日本", value: 1, valueText: "1"), .init("a", value: 1, valueText: "1")])
        assertLines(draw(chart, width: 12, height: 2), ["日本 █████ 1", "a    █████ 1"])
        // A third of 9 is 3 columns: "日本" is cut to "日" and padded, never half a glyph.
        assertLines(draw(chart, width: 9, height: 2), ["日  ███ 1", "a   ███ 1"])
    }
}
