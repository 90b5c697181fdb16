// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class ScatterMapTests: XCTestCase {
    private let exact = WorldBounds(minX: 0, maxX: 10, minY: 0, maxY: 10)

    func testPointsAndLabelsLandInTheirCells() {
        let map = ScatterMap(
            points: [
                .init("apple", x: 0, y: 10),
                .init("phone", x: 10, y: 0),
            ], bounds: exact)
        assertLines(draw(map, width: 12, height: 3), ["•apple      ", "            ", "      phone•"])
    }

    func testLabelThatWouldCollideIsOmittedAndCounted() {
        // apple's label cannot go right (banana's point), left, above or below (edges).
        let map = ScatterMap(
            points: [
                .init("apple", x: 0, y: 0),
                .init("banana", x: 1, y: 0),
                .init("phone", x: 10, y: 10),
            ], bounds: exact)
        let buffer = draw(map, width: 20, height: 3)
        assertLines(buffer, ["              phone•", "                    ", "• •banana           "])
        XCTAssertEqual(map.layout(in: buffer.area).omittedLabels, 1)
    }

    func testSelectedLabelIsAlwaysShownAndHighlighted() {
        let red = Style(foreground: .red)
        let map = ScatterMap(
            points: [
                .init("apple", x: 0, y: 0, style: red, isSelected: true),
                .init("banana", x: 1, y: 0),
            ], bounds: exact)
        let buffer = draw(map, width: 20, height: 1)
        // Only one free cell next to apple: its label is cut, never dropped; banana still fits.
        assertLines(buffer, ["•a•banana           "])
        XCTAssertEqual(buffer[0, 0].style, red.adding([.reverse, .bold]))
        XCTAssertEqual(buffer[1, 0].style, red.adding([.reverse, .bold]))
    }

    func testBoxedInSelectedLabelCoversItsRightNeighbourAsALastResort() {
        let map = ScatterMap(
            points: [.init("a", x: 0, y: 0), .init("bee", x: 1, y: 0, isSelected: true), .init("c", x: 2, y: 0)],
            bounds: WorldBounds(minX: 0, maxX: 4, minY: 0, maxY: 1))
        assertLines(draw(map, width: 5, height: 1), ["••bee"])
    }

    func testLabelsTryRightThenLeftAndNeverLeaveTheirMarkersRow() {
        // Five points in one cell: two labels touch the marker, the others are left out and counted
        // (a label on the row above or below would read as another marker's).
        let map = ScatterMap(
            points: [
                .init("a", x: 5, y: 5),
                .init("b", x: 5, y: 5),
                .init("c", x: 5, y: 5),
                .init("d", x: 5, y: 5),
                .init("e", x: 5, y: 5),
            ], bounds: exact)
        let buffer = draw(map, width: 5, height: 3)
        assertLines(buffer, ["     ", " b•a ", "     "])
        XCTAssertEqual(map.layout(in: buffer.area).omittedLabels, 3)
    }

    func testOnlyTheSelectedLabelMayGoAboveOrBelowItsMarker() {
        // Boxed in on its row, the selected label goes centred above, highlighted like its marker.
        let map = ScatterMap(
            points: [.init("a", x: 0, y: 5), .init("sel", x: 1, y: 5, isSelected: true), .init("c", x: 2, y: 5)],
            bounds: WorldBounds(minX: 0, maxX: 4, minY: 0, maxY: 10))
        let buffer = draw(map, width: 5, height: 3)
        assertLines(buffer, ["sel  ", "•••c ", "     "])
        XCTAssertEqual(buffer[0, 0].style, Style(modifiers: [.reverse, .bold]))
        // At the right edge the label shifts left to stay whole, still over its marker.
        let edge = ScatterMap(
            points: [.init("a", x: 2, y: 5), .init("long", x: 4, y: 5, isSelected: true), .init("b", x: 3, y: 5)],
            bounds: WorldBounds(minX: 0, maxX: 4, minY: 0, maxY: 10))
        assertLines(draw(edge, width: 5, height: 3), [" long", " a•••", "     "])
    }

    func testLabelsKeepAGapBetweenThemOnARow() {
        let map = ScatterMap(
            points: [
                .init("ab", x: 0, y: 5),
                .init("cd", x: 3, y: 5),
            ], bounds: exact)
        // "ab" would end right at cd's point ("•ab•cd" reads as a label of either): it is left out.
        assertLines(draw(map, width: 10, height: 1), ["•  •cd    "])
        let tight = ScatterMap(
            points: [
                .init("abc", x: 0, y: 5),
                .init("d", x: 5, y: 5),
                .init("e", x: 6, y: 5),
            ], bounds: WorldBounds(minX: 0, maxX: 9, minY: 0, maxY: 10))
        // d's label cannot go right (e's point) and on the left it would touch "abc": it is left out.
        assertLines(draw(tight, width: 10, height: 1), ["•abc ••e  "])
        XCTAssertEqual(tight.layout(in: Rect(x: 0, y: 0, width: 10, height: 1)).omittedLabels, 1)
    }

    func testSinglePointIsCentred() {
        let map = ScatterMap(points: [.init("x", x: 3, y: -2)])
        assertLines(draw(map, width: 7, height: 3), ["       ", "   •x  ", "       "])
    }

    func testAllPointsEqual() {
        let map = ScatterMap(points: [.init("a", x: 1, y: 1), .init("b", x: 1, y: 1)])
        assertLines(draw(map, width: 5, height: 1), [" b•a "])
    }

    func testArrowIsABrailleLineWithAHead() {
        let arrow = ScatterMap.Arrow(from: WorldPoint(x: 0, y: 0), to: WorldPoint(x: 10, y: 0))
        let map = ScatterMap(points: [], arrows: [arrow], bounds: WorldBounds(minX: 0, maxX: 10, minY: 0, maxY: 1))
        assertLines(draw(map, width: 10, height: 1), ["⣀⣀⣀⣀⣀⣀⣀⣀⣀→"])
    }

    func testArrowHeadFollowsTheDirection() {
        let directions: [(WorldPoint, Character)] = [
            (WorldPoint(x: 10, y: 10), "↗"), (WorldPoint(x: 0, y: 10), "↖"), (WorldPoint(x: 5, y: 10), "↑"),
            (WorldPoint(x: 0, y: 0), "↙"), (WorldPoint(x: 5, y: 0), "↓"), (WorldPoint(x: 0, y: 5), "←"),
        ]
        for (tip, glyph) in directions {
            let arrow = ScatterMap.Arrow(from: WorldPoint(x: 5, y: 5), to: tip)
            let map = ScatterMap(points: [], arrows: [arrow], bounds: exact)
            let buffer = draw(map, width: 11, height: 5)
            XCTAssertTrue(buffer.lines.joined().contains(glyph), "\(tip) should end in \(glyph):\n\(buffer.text)")
        }
    }

    func testArrowFromAPointKeepsThePointAndAvoidsLabelsOnTheHead() {
        let arrow = ScatterMap.Arrow(from: WorldPoint(x: 0, y: 5), to: WorldPoint(x: 9, y: 5), head: "◆")
        let map = ScatterMap(
            points: [.init("apple", x: 0, y: 5)], arrows: [arrow], bounds: WorldBounds(minX: 0, maxX: 9, minY: 0, maxY: 10))
        // y = 5 of 0…10 is dot row 1.5 → 2 of the cell. The label may lie over the line but not over the head.
        assertLines(draw(map, width: 10, height: 1), ["•apple⠤⠤⠤◆"])
    }

    func testCaptionsAndOrigin() {
        let map = ScatterMap(
            points: [.init("p", x: 1, y: 1)], xCaption: "fruit → tech", yCaption: "↑ sweet",
            bounds: WorldBounds(minX: -1, maxX: 1, minY: -1, maxY: 1), showsOrigin: true)
        let buffer = draw(map, width: 14, height: 5)
        // Axes are dotted (every other dot) so they read as guides, not data; x = 0 is dot 13.5 → 14, cell 7.
        assertLines(buffer, ["↑ sweet       ", "       ⠅    p•", "⠄⠄⠄⠄⠄⠄⠄⠅⠄⠄⠄⠄⠄⠄", "       ⠅      ", " fruit → tech "])
    }

    func testOmittedCountIsShownWhenAsked() {
        let map = ScatterMap(
            points: [.init("apple", x: 0, y: 0), .init("banana", x: 1, y: 0), .init("pear", x: 2, y: 0)], bounds: exact,
            showsOmittedCount: true)
        let buffer = draw(map, width: 20, height: 2)
        // Only pear's label has room beside its marker; the count, a blank before it, fits only whole.
        assertLines(buffer, ["                    ", "• • •pear           "])
        assertLines(draw(map, width: 30, height: 2), ["                              ", "•  •  •pear    2 labels hidden"])
        // With an x caption the count follows it, short ("2 hidden") where the whole caption does not fit
        // beside the long one, and the caption is cut before the count is.
        var captioned = map
        captioned.xCaption = "PC1 →  ● fruit ■ tech"
        assertLines(
            draw(captioned, width: 30, height: 3),
            ["                              ", "•  •  •pear                   ", "PC1 →  ● fruit ■ t… · 2 hidden"])
        // Where even the short count leaves no room for the whole caption, the caption is cut before it.
        assertLines(
            draw(captioned, width: 24, height: 3),
            ["                        ", "• • •pear               ", "PC1 →  ● fru… · 2 hidden"])
        // Where the whole caption and the long count fit, both are whole.
        assertLines(
            draw(captioned, width: 40, height: 3),
            [
                "                                        ", "•   •   •pear                           ",
                "PC1 →  ● fruit ■ tech · 2 labels hidden ",
            ])
    }

    func testClickFindsPointsAndLabels() {
        let map = ScatterMap(points: [.init("apple", x: 0, y: 10), .init("phone", x: 10, y: 0)], bounds: exact)
        let area = Rect(x: 0, y: 0, width: 12, height: 3)
        XCTAssertEqual(map.pointIndex(atX: 0, y: 0, in: area), 0)
        XCTAssertEqual(map.pointIndex(atX: 3, y: 0, in: area), 0)
        XCTAssertEqual(map.pointIndex(atX: 11, y: 2, in: area), 1)
        XCTAssertEqual(map.pointIndex(atX: 10, y: 1, in: area), 1)
        XCTAssertNil(map.pointIndex(atX: 5, y: 2, in: area))
    }

    func testTinyAndEmptyAreasDoNotCrash() {
        let arrow = ScatterMap.Arrow(from: WorldPoint(x: 0, y: 0), to: WorldPoint(x: 1, y: 1))
        let map = ScatterMap(
            points: [.init("apple", x: 0, y: 0, isSelected: true), .init("b", x: .nan, y: 0)], arrows: [arrow], xCaption: "x")
        assertLines(draw(map, width: 1, height: 1), ["•"])
        XCTAssertEqual(draw(map, width: 0, height: 0).lines, [])
        XCTAssertEqual(draw(ScatterMap(points: []), width: 3, height: 1).lines, ["   "])
    }
}
