// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class TextWrapTests: XCTestCase {
    func testWrapsAtSpacesAndDropsSpacesAtBreaks() {
        XCTAssertEqual(TextWrap.wrap("the dot product of two", width: 10), ["the dot", "product of", "two"])
    }

    func testBreaksLongWords() {
        XCTAssertEqual(TextWrap.wrap("a supercalifragilistic b", width: 6), ["a", "superc", "alifra", "gilist", "ic b"])
    }

    func testKeepsExplicitNewlinesAndEmptyLines() {
        XCTAssertEqual(TextWrap.wrap("one\n\ntwo three", width: 5), ["one", "", "two", "three"])
    }

    func testMeasuresDisplayWidthNotCount() {
        // Each ideograph is two columns: three fit in 7 columns, not seven.
        XCTAssertEqual(TextWrap.wrap("日本語の文章", width: 7), ["日本語", "の文章"])
        XCTAssertEqual(TextWrap.wrap("ab 日本", width: 4), ["ab", "日本"])
    }

    func testCharacterWiderThanTheWidthGetsItsOwnLine() {
        XCTAssertEqual(TextWrap.wrap("日本", width: 1), ["日", "本"])
    }

    func testCombiningMarksTakeNoColumn() {
        XCTAssertEqual(TextWrap.wrap("cafe\u{301} cafe\u{301}", width: 4), ["café", "café"])
    }

    func testKeepsIndentationAtTheStartOfAParagraph() {
        XCTAssertEqual(TextWrap.wrap("  x = 1 + 2", width: 7), ["  x = 1", "+ 2"])
    }

    func testZeroWidthGivesNoLines() {
        XCTAssertEqual(TextWrap.wrap("anything", width: 0), [])
        XCTAssertEqual(TextWrap.wrap("", width: 3), [""])
    }
}

final class ParagraphTests: XCTestCase {
    func testWrapsIntoTheAreaAndClipsBelow() {
        let buffer = draw(Paragraph("similar words sit together in the space"), width: 9, height: 3)
        assertLines(buffer, ["similar  ", "words sit", "together "])
    }

    func testScrollSkipsLines() {
        let paragraph = Paragraph("one two three four", scroll: 2)
        assertLines(draw(paragraph, width: 5, height: 2), ["three", "four "])
        XCTAssertEqual(paragraph.lineCount(width: 5), 4)
    }

    func testAlignment() {
        assertLines(draw(Paragraph("ab", alignment: .center), width: 6, height: 1), ["  ab  "])
        assertLines(draw(Paragraph("ab", alignment: .right), width: 6, height: 1), ["    ab"])
    }

    func testStyledSpanKeepsItsStyleAcrossWrapping() {
        let highlight = Style(foreground: .yellow, modifiers: [.bold])
        let text = StyledText([("cos = ", Style.plain), ("0.93", highlight), (" here", Style.plain)])
        let buffer = draw(Paragraph(text), width: 8, height: 2)
        assertLines(buffer, ["cos =   ", "0.93    "])
        XCTAssertEqual(buffer.styleRuns.map(\.description), ["0,1..3: fg=yellow, mods=bold"])
    }

    func testWideCharacterAtTheRightEdgeWraps() {
        // "日本語" is 6 columns; in 5 it wraps after two ideographs.
        assertLines(draw(Paragraph("日本語"), width: 5, height: 2), ["日本 ", "語   "])
    }

    func testEmptyAndTinyAreasDoNotCrash() {
        assertLines(draw(Paragraph("text"), width: 1, height: 1), ["t"])
        XCTAssertEqual(draw(Paragraph("text"), width: 0, height: 0).lines, [])
    }
}
