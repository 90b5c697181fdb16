// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class HeatmapTests: XCTestCase {
    private let signed: [[Double?]] = [[1, -0.5], [-0.5, 1]]

    func testNumbersInColouredCellsWithADivergingPalette() {
        let map = Heatmap(rowLabels: ["ab", "cd"], columnLabels: ["ab", "cd"], values: signed)
        let buffer = draw(map, width: 13, height: 3)
        // Cells are 5 wide: one gap column and four for the number, so "-0.50" drops its leading zero.
        assertLines(buffer, ["      ab   cd", "ab  1.00 -.50", "cd  -.50 1.00"])
        XCTAssertEqual(
            buffer.styleRuns.filter { $0.y == 1 }.map(\.description),
            ["3,1..7: fg=brightWhite, bg=124", "8,1..12: fg=black, bg=105"])
    }

    func testOnlyOneReadsAsOneWhenCellsHoldOneDecimal() {
        // Cells 4 wide: "1.00" does not fit, so one decimal; 0.96 keeps its digits instead of reading 1.0.
        let values: [[Double?]] = [[1, 0.96, -0.3], [0.96, 1, 0.5]]
        let map = Heatmap(rowLabels: ["a", "b"], columnLabels: ["a", "b", "c"], values: values, colorMode: .monochrome, cellWidth: 4)
        assertLines(draw(map, width: 14, height: 3), ["     a   b   c", "a █1.0█.96⠂-.3", "b █.96█1.0▒ .5"])
    }

    func testStringKeepingOffOneNeverRoundsANonUnitToOne() {
        let one = NumberFormat(decimals: 1)
        XCTAssertEqual(one.stringKeepingOffOne(0.96), ".96")
        XCTAssertEqual(one.stringKeepingOffOne(-0.95), "-.95")
        XCTAssertEqual(one.stringKeepingOffOne(0.94), "0.9")
        XCTAssertEqual(one.stringKeepingOffOne(1), "1.0")
        XCTAssertEqual(one.stringKeepingOffOne(-1), "-1.0")
        // A word with itself, up to rounding error, is 1.
        XCTAssertEqual(one.stringKeepingOffOne(0.9999999999999998), "1.0")
        XCTAssertEqual(one.stringKeepingOffOne(1.3), "1.3")
        let two = NumberFormat(decimals: 2, dropsLeadingZero: true)
        XCTAssertEqual(two.stringKeepingOffOne(0.996), ".996")
        XCTAssertEqual(two.stringKeepingOffOne(-0.9996), "-.999")
        XCTAssertEqual(two.stringKeepingOffOne(0.71), ".71")
        // Same width as the rounded text, so a table's format still fits.
        for value in stride(from: -0.999, through: 0.999, by: 0.001) {
            XCTAssertEqual(DisplayWidth.of(one.stringKeepingOffOne(value)), DisplayWidth.of(one.string(value)), "\(value)")
        }
    }

    func testMonochromeUsesShadesBesideTheNumbers() {
        let map = Heatmap(rowLabels: ["ab", "cd"], columnLabels: ["ab", "cd"], values: signed, colorMode: .monochrome)
        let buffer = draw(map, width: 13, height: 3)
        // Negative values take the dotted ramp, so the sign shows even without the number.
        assertLines(buffer, ["      ab   cd", "ab █1.00⠅-.50", "cd ⠅-.50█1.00"])
        XCTAssertEqual(buffer.styleRuns, [])
    }

    func testMonochromeWithoutRoomForNumbersFillsCellsWithShades() {
        let map = Heatmap(rowLabels: [], columnLabels: [], values: [[0, 0.25, 0.5, 0.75, 1]], colorMode: .monochrome, cellWidth: 2)
        assertLines(draw(map, width: 10, height: 1), ["  ░░▒▒▓▓██"])
    }

    func testAllNilHeatmapShowsDots() {
        let map = Heatmap(rowLabels: ["ab", "cd"], columnLabels: [], values: [[nil, nil], [nil, nil]])
        let buffer = draw(map, width: 13, height: 2)
        assertLines(buffer, ["ab   ·    ·  ", "cd   ·    ·  "])
    }

    func testSelectedRowAndColumnAndCursor() {
        let map = Heatmap(
            rowLabels: ["ab", "cd"], columnLabels: ["ab", "cd"], values: signed, colorMode: .monochrome, selectedRow: 1, selectedColumn: 1,
            cursor: .init(row: 0, column: 1))
        let buffer = draw(map, width: 13, height: 3)
        XCTAssertEqual(
            buffer.styleRuns.map(\.description),
            [
                "11,0..12: mods=bold|reverse",  // column label
                "8,1..12: mods=bold|reverse",  // cursor
                "0,2..1: mods=bold|reverse",  // row label
                "3,2..12: mods=bold",  // selected row
            ])
    }

    func testNarrowAreaDropsNumbersAndScrollsToTheCursor() {
        let values: [[Double?]] = [Array(0..<10).map { Double($0) / 10 }]
        let map = Heatmap(rowLabels: ["r"], columnLabels: [], values: values, colorMode: .monochrome, cursor: .init(row: 0, column: 9))
        let area = Rect(x: 0, y: 0, width: 6, height: 1)
        let geometry = map.geometry(in: area)
        XCTAssertNil(geometry.numberFormat)
        XCTAssertEqual(geometry.visibleColumns, 4)
        XCTAssertEqual(geometry.firstColumn, 6)
        assertLines(draw(map, width: 6, height: 1), ["r ▓▓██"])
        XCTAssertEqual(map.position(atX: 5, y: 0, in: area), .init(row: 0, column: 9))
        XCTAssertNil(map.position(atX: 0, y: 0, in: area))
    }

    func testLongAndWideLabelsAreTruncatedByDisplayWidth() {
        let map = Heatmap(
            rowLabels: ["strawberry", "日本語"], columnLabels: ["strawberry", "日本語"], values: [[1, 1], [1, 1]], rowLabelWidth: 5,
            showsNumbers: false)
        let buffer = draw(map, width: 16, height: 3)
        // Column labels get the cell less its gap column (4): "str…"; "日本…" would be 5, so "日…".
        assertLines(buffer, ["       str…  日…", "stra…           ", "日本…           "])
    }

    func testTinyAreasDoNotCrash() {
        let map = Heatmap(rowLabels: ["日本"], columnLabels: ["日本"], values: signed)
        for (width, height) in [(0, 0), (1, 1), (2, 1), (1, 3)] {
            XCTAssertEqual(draw(map, width: width, height: height).lines.count, height)
        }
    }
}

final class ColorScaleTests: XCTestCase {
    func testNegativeValuesChooseASymmetricDivergingScale() {
        XCTAssertEqual(ColorScale.fitting([0.9, -0.2]), ColorScale(lower: -0.9, upper: 0.9, kind: .diverging))
        XCTAssertEqual(ColorScale.fitting([0.9, 0.2]), ColorScale(lower: 0, upper: 0.9, kind: .sequential))
        XCTAssertEqual(ColorScale.fitting([[nil], []]), ColorScale(lower: 0, upper: 1, kind: .sequential))
    }

    func testDivergingColoursPerMode() {
        let scale = ColorScale(lower: -1, upper: 1, kind: .diverging)
        XCTAssertEqual(scale.color(for: 0, mode: .palette256), .cube(5, 5, 5))
        XCTAssertEqual(scale.color(for: -1, mode: .palette256), .cube(0, 0, 3))
        XCTAssertEqual(scale.color(for: 1, mode: .palette256), .cube(3, 0, 0))
        XCTAssertEqual(scale.color(for: -1, mode: .ansi16), .blue)
        XCTAssertEqual(scale.color(for: 0.5, mode: .ansi8), .yellow)
        XCTAssertEqual(scale.color(for: -0.5, mode: .ansi8), .cyan)
        XCTAssertEqual(scale.color(for: 1, mode: .monochrome), .default)
        XCTAssertEqual(scale.shade(for: -1), "⣿", "the negative side is dotted")
        XCTAssertEqual(scale.shade(for: 1), "█")
        XCTAssertEqual(scale.shade(for: 0.1), " ")
    }

    func testDegenerateRangesDoNotDivideByZero() {
        let flat = ColorScale(lower: 0, upper: 0, kind: .sequential)
        XCTAssertEqual(flat.position(of: 0), 0)
        XCTAssertEqual(flat.position(of: 1), 1)
        XCTAssertEqual(ColorScale(lower: 0, upper: 0, kind: .diverging).position(of: 0), 0)
        XCTAssertEqual(flat.position(of: .nan), 0)
    }
}

final class ColorLegendTests: XCTestCase {
    func testMonochromeLegendWithZeroMark() {
        let legend = ColorLegend(scale: ColorScale(lower: -1, upper: 1, kind: .diverging), colorMode: .monochrome)
        assertLines(draw(legend, width: 20, height: 2), ["-1.00 ⣿⠭⠅⠂ ░▒▓█ 1.00", "          0         "])
    }

    func testColourLegendPaintsBackgrounds() {
        let legend = ColorLegend(scale: ColorScale(lower: 0, upper: 1, kind: .sequential), colorMode: .ansi8)
        let buffer = draw(legend, width: 13, height: 1)
        assertLines(buffer, ["0.00     1.00"])
        XCTAssertEqual(
            buffer.styleRuns.map(\.description), ["5,0..5: bg=white", "6,0..6: bg=yellow", "7,0..7: bg=red"])
    }

    func testNarrowLegendIsAllBar() {
        let legend = ColorLegend(scale: ColorScale(lower: 0, upper: 1, kind: .sequential), colorMode: .monochrome)
        assertLines(draw(legend, width: 3, height: 1), [" ▒█"])
    }
}
