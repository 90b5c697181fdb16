// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class KeyNotationTests: XCTestCase {
    func testPlainCharactersIncludingUnicode() throws {
        XCTAssertEqual(try KeyNotation.parse("aé日本"), [.character("a"), .character("é"), .character("日"), .character("本")])
    }

    func testNamedKeysAreCaseInsensitive() throws {
        let keys = try KeyNotation.parse("<Left><right><UP><Down><Enter><CR><Esc><Tab><S-Tab><BS><Del><PageUp><PageDown><Home><End><Space>")
        XCTAssertEqual(
            keys,
            [
                .left, .right, .up, .down, .enter, .enter, .escape, .tab, .backTab, .backspace, .delete, .pageUp, .pageDown, .home, .end,
                .character(" "),
            ])
    }

    func testControlLettersAndLiteralLessThan() throws {
        XCTAssertEqual(try KeyNotation.parse("<C-c><c-X><lt>"), [.control("c"), .control("x"), .character("<")])
    }

    func testLoneLessThanIsACharacter() throws {
        XCTAssertEqual(try KeyNotation.parse("<"), [.character("<")])
        XCTAssertEqual(try KeyNotation.parse("a<b"), [.character("a"), .character("<"), .character("b")])
        XCTAssertEqual(try KeyNotation.parse("<<Left>"), [.character("<"), .left])
        XCTAssertEqual(try KeyNotation.parse("< x>"), [.character("<"), .character(" "), .character("x"), .character(">")])
        XCTAssertEqual(try KeyNotation.parse("<>"), [.character("<"), .character(">")])
        // A key name left open is a mistake, never typed letters.
        for unclosed in ["<Enter", "akiwi<Enter", "<Left<Right>", "<C-c"] {
            XCTAssertThrowsError(try KeyNotation.parse(unclosed)) { error in
                XCTAssertTrue((error as? KeyNotationError)?.isUnclosed ?? false, "\(unclosed): \(error)")
            }
        }
    }

    func testUnknownNameThrowsAndNamesIt() {
        XCTAssertThrowsError(try KeyNotation.parse("jj<Lef>k")) { error in
            XCTAssertEqual(error as? KeyNotationError, KeyNotationError(name: "<Lef>"))
            XCTAssertTrue("\(error)".contains("<Lef>"), "\(error)")
        }
        XCTAssertThrowsError(try KeyNotation.parse("<C-1>"))
        XCTAssertThrowsError(try KeyNotation.parse("<C-ab>"))
    }

    func testNotationRoundTrips() throws {
        let keys: [Key] = [
            .character("a"), .character("<"), .character(" "), .character("日"), .left, .backTab, .control("c"), .delete, .pageDown,
            .function(5),
        ]
        XCTAssertEqual(KeyNotation.notation(keys), "a<lt><Space>日<Left><S-Tab><C-c><Del><PageDown><F5>")
        XCTAssertEqual(try KeyNotation.parse(KeyNotation.notation(keys)), keys)
    }

    func testSymbolsForHelpText() {
        XCTAssertEqual(
            [Key.left, .control("c"), .character(" "), .enter, .character("q")].map(KeyNotation.symbol),
            ["←", "Ctrl-C", "Space", "Enter", "q"])
    }

    func testBindingsFromNotationMatchTheirKeys() throws {
        let binding = try KeyBinding(notation: "<Left><Right>hl", label: "←/→", help: "previous/next lesson", short: "lesson")
        XCTAssertTrue(binding.matches(.character("h")))
        XCTAssertFalse(binding.matches(.up))
        XCTAssertEqual([binding].binding(for: .right), binding)
        XCTAssertEqual(KeyBinding(keys: [.up, .down], help: "select word").label, "↑/↓")
    }
}
