// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class FrameTests: XCTestCase {
    func testBorderWithTitleAndInnerArea() {
        var buffer = Buffer(size: Size(width: 10, height: 4))
        let inner = Frame(title: "Map").draw(into: &buffer, area: buffer.area)
        XCTAssertEqual(inner, Rect(x: 1, y: 1, width: 8, height: 2))
        assertLines(buffer, ["╭ Map ───╮", "│        │", "│        │", "╰────────╯"])
    }

    func testFocusedFrameUsesHeavyLinesAndStyle() {
        let buffer = draw(Frame(title: "Map", isFocused: true), width: 7, height: 3)
        assertLines(buffer, ["┏ Map ┓", "┃     ┃", "┗━━━━━┛"])
        XCTAssertEqual(buffer[0, 0].style, Style(foreground: .cyan, modifiers: [.bold]))
    }

    func testLongTitleIsTruncatedInsideTheCorners() {
        assertLines(draw(Frame(title: "Similarity"), width: 8, height: 2), ["╭ Sim… ╮", "╰──────╯"])
    }

    func testTrailingTitleSitsAtTheRight() {
        assertLines(draw(Frame(title: "A", trailingTitle: "cos"), width: 14, height: 2), ["╭ A ─── cos ─╮", "╰────────────╯"])
    }

    func testTrailingTitleIsLeftOutRatherThanCut() {
        assertLines(
            draw(Frame(title: "Scores", trailingTitle: "Enter why"), width: 20, height: 2),
            ["╭ Scores ──────────╮", "╰──────────────────╯"])
        assertLines(
            draw(Frame(title: "Scores", trailingTitle: "Enter why"), width: 24, height: 2),
            ["╭ Scores ── Enter why ─╮", "╰──────────────────────╯"])
    }

    func testWideTitleNeverSplitsAtTheCorner() {
        // Room for 4 title columns: "日本…" is 5, so "日…" (3) is used.
        assertLines(draw(Frame(title: "日本語"), width: 8, height: 2), ["╭ 日… ─╮", "╰──────╯"])
    }

    func testTooSmallAreaDrawsNothingAndHasNoInside() {
        let buffer = draw(Frame(title: "x"), width: 1, height: 1)
        assertLines(buffer, [" "])
        XCTAssertTrue(Frame().inner(Rect(x: 0, y: 0, width: 1, height: 5)).isEmpty)
    }
}

final class NumberFormatTests: XCTestCase {
    func testFixedDecimalsRoundAndNeverShowNegativeZero() {
        let format = NumberFormat(decimals: 2)
        XCTAssertEqual(format.string(0.934), "0.93")
        XCTAssertEqual(format.string(-0.125), "-0.13")
        XCTAssertEqual(format.string(-0.001), "0.00")
        XCTAssertEqual(format.string(12), "12.00")
        XCTAssertEqual(NumberFormat(decimals: 3).string(0.412), "0.412")
        XCTAssertEqual(NumberFormat(decimals: 0).string(-7.5), "-8")
        XCTAssertEqual(NumberFormat(decimals: 2, dropsLeadingZero: true).string(-0.12), "-.12")
        XCTAssertEqual(format.string(.infinity), "∞")
        XCTAssertEqual(format.string(.nan), "NaN")
    }

    /// A half as written rounds away from zero even where binary keeps it a hair below the half:
    /// cherry·phone −0.105 and banana·phone −0.405 (sums of products of 2-decimal features)
    /// read −.11 and −.41 in one table, not −.10 and −.41.
    func testDecimalHalvesRoundAwayFromZeroWhateverTheirBinaryError() {
        let cherryPhone = -0.104_999_999_999_999_98  // as the 13 products add up
        let bananaPhone = -0.405
        XCTAssertLessThan(abs(cherryPhone) * 100, 10.5)  // in binary, below the half
        let cell = NumberFormat(decimals: 2, dropsLeadingZero: true)
        XCTAssertEqual(cell.string(cherryPhone), "-.11")
        XCTAssertEqual(cell.string(bananaPhone), "-.41")
        XCTAssertEqual(NumberFormat(decimals: 3).string(2.852_499_999_999_999_6), "2.853")  // banana·cherry
        XCTAssertEqual(NumberFormat(decimals: 3).string(-1.0675), "-1.068")
        XCTAssertEqual(NumberFormat(decimals: 2).string(0.104_99), "0.10")
        // Near 1, the cut keeps to the same rounding: 0.995 reads as ".995", never "1.00".
        XCTAssertEqual(NumberFormat(decimals: 2).stringKeepingOffOne(0.995), ".995")
    }

    func testFittingPicksOneFormatForAllValues() {
        XCTAssertEqual(NumberFormat.fitting([0.93, -0.12, 1], in: 5), NumberFormat(decimals: 2))
        XCTAssertEqual(NumberFormat.fitting([0.93, -0.12], in: 4), NumberFormat(decimals: 2, dropsLeadingZero: true))
        XCTAssertEqual(NumberFormat.fitting([12.34, 3], in: 4), NumberFormat(decimals: 1))
        XCTAssertEqual(NumberFormat.fitting([123.4], in: 4), NumberFormat(decimals: 0))
        XCTAssertNil(NumberFormat.fitting([-0.5], in: 2))
    }
}

final class NumberFormatWidthTests: XCTestCase {
    /// `fitting` looks only at the extremes; check it against formatting every value.
    func testFittingAgreesWithTheWidestFormattedValue() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let values = (0..<6).map { _ in
                Double.random(in: -150...150, using: &generator) / Double([1, 10, 100, 1000].randomElement(using: &generator)!)
            }
            for columns in 1...7 {
                guard let format = NumberFormat.fitting(values, in: columns) else { continue }
                XCTAssertLessThanOrEqual(format.width(of: values), columns, "\(values) in \(columns): \(format)")
            }
        }
    }
}
