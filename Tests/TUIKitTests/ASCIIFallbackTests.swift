// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

/// Issue 9.11: without a UTF-8 locale every glyph has an ASCII stand-in that keeps its shape.
final class ASCIIFallbackTests: XCTestCase {
    func testShapesKeepTheirMeaning() {
        let expected: [(String, Character)] = [
            ("─", "-"), ("━", "-"), ("│", "|"), ("┃", "|"), ("╭", "+"), ("┏", "+"), ("┼", "+"), ("╰", "+"),
            ("█", "#"), ("▉", "#"), ("▌", "#"), ("▏", "|"), ("░", "."), ("▒", ":"), ("▓", "@"), ("▀", "\""), ("▄", ","),
            ("⠀", " "), ("⠁", "."), ("⣿", ":"), ("←", "<"), ("→", ">"), ("↑", "^"), ("↓", "v"), ("◀", "<"),
            ("●", "o"), ("◆", "*"), ("■", "#"), ("·", "."), ("…", "~"), ("×", "x"), ("√", "V"),
            ("a", "a"), ("~", "~"), (" ", " "), ("é", "?"), ("日", "?"), ("👨‍👩‍👧", "?"), ("\u{7}", "?"), ("", " "),
        ]
        for (symbol, ascii) in expected {
            XCTAssertEqual(ASCIIFallback.glyph(for: symbol), ascii, symbol)
        }
    }

    func testEveryGlyphOfTheWidgetsBecomesPrintableASCII() {
        var buffer = Buffer(size: Size(width: 60, height: 12))
        buffer.render(Frame(title: "Map · PCA → context"), in: Rect(x: 0, y: 0, width: 30, height: 6))
        buffer.render(
            BarChart(bars: [BarChart.Bar("apple", value: 0.37), BarChart.Bar("日本", value: 0.63)], maxValue: 1),
            in: Rect(x: 30, y: 0, width: 30, height: 3))
        var canvas = BrailleCanvas(width: 10, height: 3)
        for i in 0..<20 { canvas.setDot(x: i, y: i % 12) }
        canvas.render(into: &buffer, area: Rect(x: 1, y: 7, width: 10, height: 3))
        buffer.write("░▒▓█ ▁▂▃▄▅▆▇ ▏▎▍▌▋▊▉ ←→↑↓ ●◆■ …", x: 0, y: 11)
        for cell in buffer.cells {
            let glyph = ASCIIFallback.glyph(for: cell.symbol)
            XCTAssertTrue(
                glyph.isASCII && (glyph == " " || glyph.asciiValue.map { $0 > 0x20 && $0 < 0x7F } == true), "\(cell.symbol) → \(glyph)")
        }
    }
}
