// SPDX-License-Identifier: Apache-2.0

import XCTest

@testable import TUIKit

final class BarChartTests: XCTestCase {
    func testBarsLabelsAndValues() {
        let chart = BarChart(bars: [.init("apple", value: 0.5), .init("pear", value: 0.25), .init("kiwi", value: 0)])
        assertLines(draw(chart, width: 20, height: 3), ["apple ████████ 0.500", "pear  ████     0.250", "kiwi           0.000"])
    }

    func testEighthBlocks() {
        XCTAssertEqual(BarChart.bar(0.3, maximum: 1, width: 1), "▎")
        XCTAssertEqual(BarChart.bar(0.5, maximum: 1, width: 3), "█▌")
        XCTAssertEqual(BarChart.bar(0.999, maximum: 1, width: 2), "██")
        XCTAssertEqual(BarChart.bar(0.001, maximum: 1, width: 2), "▏", "a small positive value still shows")
        XCTAssertEqual(BarChart.bar(2, maximum: 1, width: 2), "██", "cut at the maximum")
        XCTAssertEqual(BarChart.bar(-1, maximum: 1, width: 2), "")
        XCTAssertEqual(BarChart.bar(1, maximum: 0, width: 2), "")
        XCTAssertEqual(BarChart.bar(.nan, maximum: 1, width: 2), "")
    }

    func testSelectedRowIsHighlightedAndScrolledIntoView() {
        let bars = (0..<5).map { BarChart.Bar("w\($0)", value: Double($0), valueText: "\($0)") }
        let buffer = draw(BarChart(bars: bars, selectedIndex: 4), width: 8, height: 2)
        // Labels take 2 columns, values 1, bars the 3 between: 3 of 4 is 18 eighths.
        assertLines(buffer, ["w3 ██▎ 3", "w4 ███ 4"])
        XCTAssertEqual(buffer.styleRuns.map(\.description), ["0,1..1: mods=bold|reverse", "7,1..7: mods=bold"])
    }

    func testZerosAndEmptyDrawNoBars() {
        let zeros = BarChart(bars: [.init("a", value: 0), .init("b", value: 0)])
        assertLines(draw(zeros, width: 12, height: 2), ["a      0.000", "b      0.000"])
        assertLines(draw(BarChart(bars: []), width: 4, height: 1), ["    "])
        assertLines(draw(zeros, width: 1, height: 1), ["a"])
    }
}
