// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

/// Issue 9.12: emoji joined with ZWJ, and flags, are one cluster: measured, cut and drawn whole.
final class EmojiClusterTests: XCTestCase {
    let family = "👨‍👩‍👧‍👦"  // 7 scalars: four emoji and three joiners
    let couple = "👩‍❤️‍💋‍👨"  // 8 scalars, with a variation selector
    let flag = "🇫🇷"

    func testEachIsOneClusterTwoColumnsWide() {
        for emoji in [family, couple, flag, "🏳️‍🌈"] {
            XCTAssertEqual(emoji.count, 1, emoji)
            XCTAssertEqual(DisplayWidth.of(emoji), 2, emoji)
        }
        XCTAssertEqual(DisplayWidth.of("a\(family)b\(flag)c"), 7)
    }

    func testTheBufferPutsEachClusterInOneWideCell() {
        var buffer = Buffer(size: Size(width: 10, height: 1))
        XCTAssertEqual(buffer.write("a\(family)b\(flag)c", x: 0, y: 0), 7)
        XCTAssertEqual(buffer.cells.prefix(7).map(\.symbol), ["a", family, "", "b", flag, "", "c"])
        XCTAssertEqual(buffer.lines[0], "a\(family)b\(flag)c   ")
    }

    func testCuttingNeverSplitsACluster() {
        let text = String(repeating: family, count: 3) + flag
        for columns in 0...10 {
            let cut = DisplayWidth.truncate(text, to: columns)
            XCTAssertLessThanOrEqual(DisplayWidth.of(cut), columns)
            XCTAssertFalse(
                cut.unicodeScalars.last == "\u{200D}", "no joiner at the end: \(cut.unicodeScalars.map { String($0.value, radix: 16) })")
            XCTAssertTrue(cut.allSatisfy { [Character(family), Character(flag), "…"].contains($0) }, "whole clusters only: \(cut)")
        }
        var buffer = Buffer(size: Size(width: 5, height: 1))
        buffer.write(text, x: 0, y: 0)
        XCTAssertEqual(buffer.lines[0], family + family + " ", "a cluster that does not fit is left out whole")
    }

    func testTheTerminalIsNeverSentAJoiner() {
        for emoji in [family, couple, flag, "🏳️‍🌈", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "e\u{301}", "👍🏽"] {
            let scalars = DisplayWidth.drawableScalars(of: emoji)
            XCTAssertFalse(scalars.contains("\u{200D}"), emoji)
            XCTAssertFalse(scalars.isEmpty)
            XCTAssertLessThanOrEqual(scalars.count, 5)
            XCTAssertEqual(scalars.first, emoji.unicodeScalars.first)
            XCTAssertEqual(scalars.dropFirst().filter { DisplayWidth.of($0) > 0 }, [], "one spacing scalar: \(emoji)")
        }
        XCTAssertEqual(DisplayWidth.drawableScalars(of: "e\u{301}"), ["e", "\u{301}"], "combining marks stay")
        XCTAssertEqual(DisplayWidth.drawableScalars(of: "🏳️‍🌈"), ["🏳", "\u{FE0F}"])
    }

    func testTypingAnEmojiSequenceOneScalarAtATimeMakesOneCluster() {
        for emoji in [family, couple, flag] {
            var field = TextField(maxLength: 40)
            for scalar in emoji.unicodeScalars { _ = field.handle(.character(Character(scalar))) }
            XCTAssertEqual(field.text, emoji)
            XCTAssertEqual(field.cursor, 1)
            _ = field.handle(.backspace)
            XCTAssertEqual(field.text, "", "one Backspace removes it whole")
        }
        var field = TextField()
        _ = field.handle(.character("a"))
        _ = field.handle(.character("\u{202E}"))
        XCTAssertEqual(field.text, "a", "a bidi control is not typed")
    }
}
