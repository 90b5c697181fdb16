// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

/// Issue 9.3: whole escape sequences are read, so none of their bytes runs as a command.
final class EscapeSequenceTests: XCTestCase {
    /// Decodes what follows an ESC in `input`; returns the outcome and what was left unread.
    private func decode(_ input: String) -> (EscapeSequence.Outcome, String) {
        var scalars = Array(input.unicodeScalars)[...]
        let outcome = EscapeSequence.decode { scalars.popFirst() }
        return (outcome, String(String.UnicodeScalarView(scalars)))
    }

    func testALoneEscIsEscape() {
        XCTAssertEqual(decode("").0, .escape)
        XCTAssertEqual(decode("\u{1B}").0, .escape)
    }

    func testAltKeysAreIgnoredWhole() {
        for alt in ["d", "q", "1", "\u{7F}", "é", "\u{3}"] {
            XCTAssertEqual(decode(alt + "more").0, .ignored, alt)
            XCTAssertEqual(decode(alt + "more").1, "more", "only the Alt key is read (\(alt))")
        }
    }

    func testUnknownControlSequencesAreIgnoredWithAllTheirBytes() {
        for sequence in [
            "[31m", "[1;5A", "[?1049h", "[>0;95;0c", "[12;40R", "[M", "O5P", "]0;PWNED\u{07}", "]11;rgb:0/0/0\u{1B}\\", "P1$r0m\u{1B}\\",
        ] {
            let (outcome, rest) = decode(sequence + "x")
            XCTAssertEqual(outcome, .ignored, sequence)
            XCTAssertEqual(rest, "x", "the whole of \(sequence) was read, nothing more")
        }
    }

    func testPlainKeySequencesTheTerminalDescriptionMissedAreKeys() {
        let keys: [(String, Key)] = [
            ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left), ("[H", .home), ("[F", .end), ("[Z", .backTab),
            ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown), ("[1~", .home), ("[4~", .end),
            ("OA", .up), ("OD", .left), ("OH", .home),
        ]
        for (sequence, key) in keys {
            XCTAssertEqual(decode(sequence).0, .key(key), sequence)
        }
    }

    func testABracketedPasteIsText() {
        XCTAssertEqual(decode("[200~kiwi\u{1B}[201~d").0, .paste("kiwi"))
        XCTAssertEqual(decode("[200~kiwi\u{1B}[201~d").1, "d", "the end marker is read, what follows is not")
        XCTAssertEqual(decode("[200~日本\nx\u{1B}[20z\u{1B}[201~").0, .paste("日本\nx\u{1B}[20z"), "a partial end marker is text")
        XCTAssertEqual(decode("[200~cut short").0, .paste("cut short"), "input that pauses ends the paste")
        let huge = String(repeating: "a", count: EscapeSequence.pasteLimit + 10)
        XCTAssertEqual(decode("[200~" + huge + "\u{1B}[201~").0, .paste(String(huge.prefix(EscapeSequence.pasteLimit))))
    }

    func testAnOverlongSequenceEnds() {
        let (outcome, rest) = decode("[" + String(repeating: "1", count: 10_000))
        XCTAssertEqual(outcome, .ignored)
        XCTAssertLessThan(rest.count, 10_000, "reading stops")
    }

    /// Issue 18.16: a sequence longer than any the program knows is still read whole, so its
    /// tail never runs as keys (a 300-byte CSI used to jump to lesson 3, a long OSC to quit).
    func testAnOverlongSequenceIsSwallowedWhole() {
        let long = String(repeating: "3", count: 300)
        for sequence in [
            "[" + long + "m", "[" + long + ";" + long + "~", "]0;" + String(repeating: "q", count: 1_000) + "\u{07}",
            "]0;" + String(repeating: "q", count: 5_000) + "\u{1B}\\", "P" + String(repeating: "d", count: 700) + "\u{1B}\\",
            "O" + long + "P", "_" + String(repeating: "x", count: 70_000) + "\u{07}",
        ] {
            let (outcome, rest) = decode(sequence + "x")
            XCTAssertEqual(outcome, .ignored, String(sequence.prefix(8)))
            XCTAssertEqual(
                String(rest.prefix(12)), "x",
                "the whole of a \(sequence.unicodeScalars.count)-byte \(sequence.prefix(1)) sequence was read "
                    + "(\(rest.unicodeScalars.count) scalars left)")
        }
    }
}
