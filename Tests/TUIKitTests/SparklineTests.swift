// SPDX-License-Identifier: Apache-2.0

import Testing

@testable import TUIKit

@Suite("Sparkline")
struct SparklineTests {
    @Test func fallingSeriesDrawsFallingBars() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        Sparkline([4, 3, 2, 1]).render(into: &buffer, area: buffer.area)
        // Levels 1 + round((v − 1)/3 · 7): 8, 6, 3, 1.
        #expect(buffer.lines == ["█▆▃▁"])
    }

    @Test func twoRowsStackEighths() {
        var buffer = Buffer(size: Size(width: 2, height: 2))
        Sparkline([0, 1]).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == [" █", "▁█"])
    }

    @Test func aLowerBoundKeepsSmallDifferencesSmall() {
        var buffer = Buffer(size: Size(width: 3, height: 1))
        // From 0: 8 and 7.9 are both full bars, 4 is about half (1 + round(4/8 · 7) = 5).
        Sparkline([8, 7.9, 4], lowerBound: 0).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["██▅"])
    }

    @Test func longSeriesIsAveragedIntoTheWidth() {
        #expect(Sparkline([1, 3, 5, 7, 9, 11]).columns(width: 3) == [2, 6, 10])
        #expect(Sparkline([1, 2]).columns(width: 5) == [1, 2])
        #expect(Sparkline([.nan, 2]).columns(width: 5) == [2])
        #expect(Sparkline([]).columns(width: 5).isEmpty)
    }

    @Test func emptyAreasDrawNothing() {
        var buffer = Buffer(size: Size(width: 3, height: 1))
        Sparkline([1, 2]).render(into: &buffer, area: Rect(x: 0, y: 0, width: 0, height: 0))
        Sparkline([5, 5]).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines == ["▄▄ "])
    }
}
