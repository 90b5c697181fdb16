// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import XCTest

final class ControlEscapingTests: XCTestCase {
    func testEveryKindOfControlIsShownEscaped() {
        let cases: [(String, String)] = [
            ("\u{1B}]0;PWNED\u{07}t", "\\u{1b}]0;PWNED\\u{7}t"),
            ("a\u{7F}b", "a\\u{7f}b"),
            ("c1\u{9B}31m", "c1\\u{9b}31m"),
            ("rtl\u{202E}txt\u{2066}x\u{2069}\u{200F}\u{061C}", "rtl\\u{202e}txt\\u{2066}x\\u{2069}\\u{200f}\\u{61c}"),
            ("line\nbreak\ttab\r", "line\\nbreak\\ttab\\r"),
            ("sep\u{2028}para\u{2029}", "sep\\u{2028}para\\u{2029}"),
            ("nul\u{0}", "nul\\u{0}"),
        ]
        for (raw, shown) in cases {
            XCTAssertEqual(ControlEscaping.escaped(raw), shown)
        }
    }

    func testOrdinaryTextIsKeptAsItIs() {
        for text in ["apple", "café", "日本語", "👨‍👩‍👧", "🇫🇷", "back\\slash", "quote\"", "e\u{301}", "zero\u{200B}width"] {
            XCTAssertEqual(ControlEscaping.escaped(text), text)
            XCTAssertEqual(ControlEscaping.escaped(text, for: .lines), text)
        }
    }

    func testLinesKeepLineFeedsOnly() {
        XCTAssertEqual(ControlEscaping.escaped("a\u{1B}\nb\r\n", for: .lines), "a\\u{1b}\nb\\r\n")
    }

    func testJSONStringsAreValidJSONAndEscapeTheSameCharacters() throws {
        let raw = "q\"b\\n\n\u{1B}\u{7F}\u{9B}\u{202E}\u{2028}é"
        let escaped = ControlEscaping.escaped(raw, for: .json)
        XCTAssertEqual(escaped, "q\\\"b\\\\n\\n\\u001b\\u007f\\u009b\\u202e\\u2028é")
        let decoded = try JSONDecoder().decode([String].self, from: Data("[\"\(escaped)\"]".utf8))
        XCTAssertEqual(decoded, [raw])
    }

    func testEscapingTwiceChangesNothingMore() {
        let once = ControlEscaping.escaped("\u{1B}[31m\u{202E}x\n")
        XCTAssertEqual(ControlEscaping.escaped(once), once)
        XCTAssertEqual(ControlEscaping.escaped(once, for: .lines), once)
    }
}
