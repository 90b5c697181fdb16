// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class TextFieldTests: XCTestCase {
    private func type(_ notation: String, into field: inout TextField) throws -> [TextField.Outcome] {
        try KeyNotation.parse(notation).map { field.handle($0) }
    }

    func testTypingEditingAndSubmitting() throws {
        var field = TextField(prompt: "word: ")
        _ = try type("appel<BS><BS>le<Home><Del>A<End>", into: &field)
        XCTAssertEqual(field.text, "Apple")
        XCTAssertEqual(field.cursor, 5)
        XCTAssertEqual(field.handle(.enter), .submitted("Apple"))
        XCTAssertEqual(field.handle(.escape), .cancelled)
        XCTAssertEqual(field.handle(.up), .ignored)
        XCTAssertEqual(field.handle(.control("x")), .ignored)
    }

    func testUnicodeAndCombiningMarksAreOneCursorStep() throws {
        var field = TextField()
        _ = try type("cafe\u{301}日<Left>x", into: &field)
        XCTAssertEqual(field.text, "caféx日")
        XCTAssertEqual(field.cursor, 5)
        XCTAssertEqual(field.handle(.backspace), .edited)
        XCTAssertEqual(field.text, "café日")
    }

    func testMaxLengthAndEdgesIgnoreKeys() {
        var field = TextField(text: "ab", maxLength: 2)
        XCTAssertEqual(field.handle(.character("c")), .ignored)
        XCTAssertEqual(field.handle(.delete), .ignored)
        XCTAssertEqual(field.handle(.control("u")), .edited)
        XCTAssertEqual(field.text, "")
        XCTAssertEqual(field.handle(.backspace), .ignored)
    }

    /// Issue 18, item 8: the limit counts characters, so each character is bounded too: a `b`
    /// followed by 5,000 combining marks was one character, accepted, saved and kept.
    func testACharacterOfMoreScalarsThanTheBoundIsRefusedTypedOrPasted() {
        let marks = String(repeating: "\u{301}", count: 5000)
        var pasted = TextField(text: "a", maxLength: 40)
        XCTAssertEqual(pasted.handle(.character(Character("b" + marks))), .ignored, "one character of 5,001 scalars")
        XCTAssertEqual(pasted.text, "a")

        // Typed one mark at a time, each joins the b until the character is full.
        var typed = TextField(maxLength: 40)
        XCTAssertEqual(typed.handle(.character("b")), .edited)
        for _ in 1..<ScalarBound.perCharacter { XCTAssertEqual(typed.handle(.character("\u{301}")), .edited) }
        XCTAssertEqual(typed.handle(.character("\u{301}")), .ignored, "one more would make \(ScalarBound.perCharacter + 1)")
        XCTAssertEqual(typed.text.unicodeScalars.count, ScalarBound.perCharacter)
        XCTAssertEqual(typed.text.count, 1)
        XCTAssertEqual(typed.handle(.character("c")), .edited, "the next character is typed as usual")

        // Forty characters, each as large as allowed: the bytes are bounded.
        var full = TextField(maxLength: 40)
        let largest = Character("e" + String(repeating: "\u{301}", count: ScalarBound.perCharacter - 1))
        for _ in 0..<50 { _ = full.handle(.character(largest)) }
        XCTAssertEqual(full.text.count, 40)
        XCTAssertLessThanOrEqual(full.text.utf8.count, 40 * ScalarBound.perCharacter * 4)

        // The longest real characters still fit: a family with skin tones, a subdivision flag.
        var emoji = TextField(maxLength: 40)
        XCTAssertEqual(emoji.handle(.character("👩🏻‍❤️‍💋‍👨🏼")), .edited)
        XCTAssertEqual(emoji.handle(.character("🏴󠁧󠁢󠁳󠁣󠁴󠁿")), .edited)
        XCTAssertEqual(emoji.text.count, 2)
    }

    func testScalarBoundCutsAHugeCharacterToItsBaseAndFirstMarks() {
        let huge = Character("b" + String(repeating: "\u{301}", count: 100_000))
        XCTAssertFalse(ScalarBound.fits(huge))
        let cut = ScalarBound.cut(huge)
        XCTAssertEqual(cut.unicodeScalars.count, ScalarBound.perCharacter)
        XCTAssertEqual(cut.unicodeScalars.first, "b")
        XCTAssertEqual(cut.count, 1)
        XCTAssertEqual(ScalarBound.cut("é"), "é")
    }

    func testDrawsThePromptTextAndReversedCursor() {
        let field = TextField(text: "kiwi", prompt: "add: ")
        let buffer = draw(field, width: 12, height: 1)
        assertLines(buffer, ["add: kiwi   "])
        XCTAssertEqual(buffer.styleRuns.map(\.description), ["0,0..4: mods=bold", "9,0..9: mods=reverse"])
    }

    func testScrollsToKeepTheCursorVisible() {
        let field = TextField(text: "strawberry", prompt: "> ")
        assertLines(draw(field, width: 8, height: 1), ["> berry "])
        assertLines(draw(TextField(text: "日本語"), width: 4, height: 1), ["語  "])
        assertLines(draw(TextField(placeholder: "type a word"), width: 6, height: 1), ["type a"])
        assertLines(draw(field, width: 1, height: 1), [">"])
    }
}

final class PopupTests: XCTestCase {
    func testCentredBoxWithStyledBody() {
        let body = StyledText([("2 × 3 = ", Style.plain), ("6", Style(foreground: .yellow))])
        var buffer = Buffer(size: Size(width: 20, height: 5))
        buffer.fill(buffer.area, with: ".")
        Popup(title: "dot", body: body, footer: nil).render(into: &buffer, area: buffer.area)
        // 9 columns of text + border and padding = 13, centred in 20 with the odd column on the right.
        assertLines(
            buffer,
            ["....................", "...┏ dot ━━━━━━┓....", "...┃ 2 × 3 = 6 ┃....", "...┗━━━━━━━━━━━┛....", "...................."])
        XCTAssertEqual(buffer[13, 2].style.foreground, .yellow)
    }

    func testLongBodyScrolls() {
        let popup = Popup(title: "t", body: "a\nb\nc\nd", scroll: 1, footer: nil)
        let area = Rect(x: 0, y: 0, width: 8, height: 4)
        XCTAssertEqual(popup.maxScroll(in: area), 2)
        // A box one column short of the area takes the whole width: no sliver of what is beneath.
        assertLines(draw(popup, width: 8, height: 4), ["┏ t ━━↑┓", "┃ b    ┃", "┃ c    ┃", "┗━━━━━↓┛"])
        assertLines(draw(popup, width: 9, height: 4), [" ┏ t ━↑┓ ", " ┃ b   ┃ ", " ┃ c   ┃ ", " ┗━━━━↓┛ "])  // two short: centred
    }
}
