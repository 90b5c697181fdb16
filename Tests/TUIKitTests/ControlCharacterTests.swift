// SPDX-License-Identifier: Apache-2.0

import TUIKit
import TextEscaping
import XCTest

/// Issue 18.21: text from files and arguments reaches the screen escaped, never raw and
/// never dropped: a word `\u{202E}y` once drew as "y" (posing as another word), and
/// `render --ansi` printed a raw U+2028.
final class ControlCharacterTests: XCTestCase {
    /// Each character a terminal would act on, and what the screen shows instead
    /// (`ControlEscaping.escaped(_:for: .text)`, the command line's rule).
    private let shown: [(String, String)] = [
        ("\u{202E}", "\\u{202e}"), ("\u{202A}", "\\u{202a}"), ("\u{2066}", "\\u{2066}"), ("\u{2069}", "\\u{2069}"),
        ("\u{200E}", "\\u{200e}"), ("\u{200F}", "\\u{200f}"), ("\u{061C}", "\\u{61c}"),
        ("\u{2028}", "\\u{2028}"), ("\u{2029}", "\\u{2029}"),
        ("\u{1B}", "\\u{1b}"), ("\u{7}", "\\u{7}"), ("\u{0}", "\\u{0}"), ("\u{7F}", "\\u{7f}"),
        ("\u{85}", "\\u{85}"), ("\u{9B}", "\\u{9b}"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"), ("\r\n", "\\r\\n"),
    ]

    func testEveryControlCharacterIsDrawnAsItsEscape() {
        for (raw, escape) in shown {
            var buffer = Buffer(size: Size(width: 20, height: 1))
            let written = buffer.write("a" + raw + "y", x: 0, y: 0)
            XCTAssertEqual(buffer.text, "a" + escape + "y", escape)
            XCTAssertEqual(written, escape.count + 2, "the columns written (\(escape))")
            XCTAssertEqual(DisplayWidth.of("a" + raw + "y"), escape.count + 2, "the width measured (\(escape))")
        }
    }

    func testTheScreenFollowsTheOutputsRule() {
        // One rule, not two copies: every scalar the outputs escape, the screen escapes the same way.
        let ranges: [Range<UInt32>] = [0..<0x3000, 0xFFF0..<0x10000, 0x1F000..<0x1FB00, 0xE0000..<0xE0200, 0x10FF00..<0x110000]
        for scalar in ranges.joined().compactMap(Unicode.Scalar.init) {
            let character = Character(scalar)
            XCTAssertEqual(DisplayWidth.isEscaped(character), ControlEscaping.needsEscaping(scalar), String(scalar.value, radix: 16))
            if !ControlEscaping.needsEscaping(scalar) {
                // The character's first scalar, as the width reads it from UTF-8, is the scalar.
                XCTAssertEqual(DisplayWidth.of(character), DisplayWidth.of(scalar), String(scalar.value, radix: 16))
            }
            guard ControlEscaping.needsEscaping(scalar) else { continue }
            var buffer = Buffer(size: Size(width: 12, height: 1))
            buffer.write(String(character), x: 0, y: 0)
            XCTAssertEqual(buffer.text, ControlEscaping.escaped(String(character)))
        }
    }

    func testABidiOverrideCannotPoseAsAnotherWord() {
        var buffer = Buffer(size: Size(width: 12, height: 1))
        buffer.write("\u{202E}y", x: 0, y: 0)
        XCTAssertEqual(buffer.text, "\\u{202e}y")
    }

    func testNoCellHoldsAControlCharacter() {
        var buffer = Buffer(size: Size(width: 40, height: 2))
        buffer.write("word\u{2028}\u{1B}]0;title\u{7}", x: 0, y: 0, style: Style(foreground: .indexed(1)))
        buffer.set(0, 1, "\u{2029}", style: .plain)
        for cell in buffer.cells {
            XCTAssertFalse(
                cell.symbol.unicodeScalars.contains {
                    $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029
                },
                "a cell holds \(cell.symbol.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        XCTAssertEqual(buffer.lines[1].prefix(8), "\\u{2029}")
        let ansi = buffer.ansiText(colorMode: .palette256)
        XCTAssertFalse(ansi.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 || $0.value == 0x07 })
        XCTAssertTrue(ansi.contains("word\\u{2028}\\u{1b}]0;title\\u{7}"))
    }

    func testAnEscapeThatDoesNotFitIsCutAtTheEdgeNotLeftOut() {
        // Something always shows where a control character is, even at the edge of a field.
        var buffer = Buffer(size: Size(width: 6, height: 1))
        XCTAssertEqual(buffer.write("ab\u{202E}c", x: 0, y: 0), 6)
        XCTAssertEqual(buffer.text, "ab\\u{2")
        XCTAssertEqual(DisplayWidth.truncate("ab\u{202E}c", to: 6), "ab…")
        // Past the edge nothing is written, and nothing is counted.
        XCTAssertEqual(buffer.write("\u{202E}", x: 9, y: 0), 0)
        XCTAssertEqual(buffer.write("\u{202E}", x: 2, y: 0, maxWidth: 0), 0)
    }

    func testWrappingBreaksOnlyAtLineFeeds() {
        // A line or paragraph separator from a word is shown, not obeyed.
        XCTAssertEqual(TextWrap.wrap("apple\u{2028}pear kiwi", width: 40), ["apple\u{2028}pear kiwi"])
        XCTAssertEqual(TextWrap.wrap("one\ntwo\r\nthree", width: 40), ["one", "two", "three"])
        XCTAssertEqual(
            TextWrap.wrap("ab\u{202E}cd", width: 4), ["ab", "\u{202E}", "cd"], "an escape wider than the line gets a line of its own")
    }

    func testATypedControlCharacterIsRefused() {
        var field = TextField()
        for raw in ["\u{202E}", "\u{2028}", "\u{85}", "\u{1B}"] {
            XCTAssertEqual(
                field.handle(.character(Character(raw))), .ignored, raw.unicodeScalars.first.map { String($0.value, radix: 16) } ?? "")
        }
        XCTAssertEqual(field.text, "")
    }
}
