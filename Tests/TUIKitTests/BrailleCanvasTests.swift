// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

final class BrailleCanvasTests: XCTestCase {
    func testDotsCombineIntoOneBrailleCharacterPerCell() {
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.setDot(x: 0, y: 0)
        canvas.setDot(x: 1, y: 0)
        canvas.setDot(x: 3, y: 3)
        assertLines(draw(canvas, width: 2, height: 1), ["⠉⢀"])
        XCTAssertTrue(canvas.isDotSet(x: 3, y: 3))
        XCTAssertFalse(canvas.isDotSet(x: 2, y: 3))
    }

    func testLinesAreBresenham() {
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.drawLine(fromX: 0, fromY: 0, toX: 3, toY: 3)
        assertLines(draw(canvas, width: 2, height: 1), ["⠑⢄"])

        var vertical = BrailleCanvas(width: 1, height: 2)
        vertical.drawLine(fromX: 0, fromY: 7, toX: 0, toY: 0)
        assertLines(draw(vertical, width: 1, height: 2), ["⡇", "⡇"])
    }

    func testDotsOutsideAreIgnoredAndEmptyCellsAreTransparent() {
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.setDot(x: -1, y: 0)
        canvas.setDot(x: 4, y: 0)
        canvas.setDot(x: 0, y: 4)
        canvas.setDot(x: 0, y: 0, style: Style(foreground: .green))
        var buffer = Buffer(size: Size(width: 3, height: 1))
        buffer.write("xyz", x: 0, y: 0)
        canvas.render(into: &buffer, area: buffer.area)
        assertLines(buffer, ["⠁yz"])
        XCTAssertEqual(buffer[0, 0].style.foreground, .green)
    }

    func testZeroSizedCanvasAndAreaDrawNothing() {
        var canvas = BrailleCanvas(width: 0, height: 0)
        canvas.drawLine(fromX: 0, fromY: 0, toX: 5, toY: 5)
        assertLines(draw(canvas, width: 1, height: 1), [" "])
        var small = BrailleCanvas(width: 3, height: 3)
        small.setDot(x: 5, y: 5)
        assertLines(draw(small, width: 1, height: 1), [" "])
    }
}

final class WorldBoundsTests: XCTestCase {
    func testFittingPadsTheSpan() {
        let bounds = WorldBounds.fitting([WorldPoint(x: 0, y: 0), WorldPoint(x: 10, y: 5)], padding: 0.1)
        XCTAssertEqual(bounds, WorldBounds(minX: -1, maxX: 11, minY: -0.5, maxY: 5.5))
    }

    func testOnePointOrEqualPointsNeverGiveAZeroSpan() {
        let single = WorldBounds.fitting([WorldPoint(x: 2, y: 3)])
        XCTAssertEqual(single, WorldBounds(minX: 1, maxX: 3, minY: 1.5, maxY: 4.5))
        let dot = single.dot(for: WorldPoint(x: 2, y: 3), dotWidth: 11, dotHeight: 9)
        XCTAssertEqual(dot?.x, 5)
        XCTAssertEqual(dot?.y, 4)
        let zero = WorldBounds.fitting([WorldPoint(x: 0, y: 0), WorldPoint(x: 0, y: 0)])
        XCTAssertGreaterThan(zero.maxX - zero.minX, 0)
        XCTAssertGreaterThan(zero.maxY - zero.minY, 0)
    }

    func testNonFinitePointsAreIgnored() {
        let bounds = WorldBounds.fitting([WorldPoint(x: .nan, y: 1), WorldPoint(x: .infinity, y: 0)])
        XCTAssertEqual(bounds, WorldBounds(minX: -1, maxX: 1, minY: -1, maxY: 1))
        XCTAssertNil(bounds.dot(for: WorldPoint(x: .nan, y: 0), dotWidth: 10, dotHeight: 10))
    }

    func testYGrowsUpwardsOnTheCanvas() {
        let bounds = WorldBounds(minX: 0, maxX: 1, minY: 0, maxY: 1)
        XCTAssertEqual(bounds.dot(for: WorldPoint(x: 0, y: 1), dotWidth: 4, dotHeight: 8)?.y, 0)
        XCTAssertEqual(bounds.dot(for: WorldPoint(x: 1, y: 0), dotWidth: 4, dotHeight: 8)?.x, 3)
        XCTAssertEqual(bounds.dot(for: WorldPoint(x: 1, y: 0), dotWidth: 4, dotHeight: 8)?.y, 7)
    }

    func testEqualScaleWidensTheNarrowAxis() {
        let bounds = WorldBounds(minX: 0, maxX: 1, minY: 0, maxY: 1).withEqualScale(dotWidth: 21, dotHeight: 11)
        XCTAssertEqual(bounds, WorldBounds(minX: -0.5, maxX: 1.5, minY: 0, maxY: 1))
    }
}
