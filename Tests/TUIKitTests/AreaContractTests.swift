// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

/// Every widget, in every small area at an offset, leaves everything outside the area untouched.
final class AreaContractTests: XCTestCase {
    private let widgets: [(String, any Widget)] = {
        let bindings = [
            KeyBinding(keys: [.left, .right], label: "←/→", help: "previous/next lesson", short: "lesson"),
            KeyBinding(keys: [.character("q")], help: "quit", short: "quit"),
        ]
        return [
            ("paragraph", Paragraph("日本語 and 😀 emoji, cafe\u{301}", style: Style(background: .blue))),
            ("frame", Frame(title: "日本語", trailingTitle: "cos", isFocused: true)),
            (
                "map",
                ScatterMap(
                    points: [.init("apple", x: 0, y: 0, isSelected: true), .init("日本", x: 1, y: 1), .init("😀", x: 1, y: 0)],
                    arrows: [.init(from: WorldPoint(x: 0, y: 0), to: WorldPoint(x: 1, y: 1))], xCaption: "fruit → tech",
                    yCaption: "↑", showsOrigin: true, showsOmittedCount: true)
            ),
            (
                "heatmap",
                Heatmap(
                    rowLabels: ["日本", "b"], columnLabels: ["日本", "b"], values: [[1, -0.5], [nil, 0.25]], selectedRow: 0, selectedColumn: 1,
                    cursor: .init(row: 1, column: 1))
            ),
            ("legend", ColorLegend(scale: ColorScale(lower: -1, upper: 1, kind: .diverging), colorMode: .palette256)),
            ("bars", BarChart(bars: [.init("日本", value: 0.7), .init("b", value: 0.3)], selectedIndex: 1)),
            ("status", StatusBar(bindings: bindings, title: "Lesson 1")),
            ("help", HelpOverlay(bindings: bindings)),
            ("popup", Popup(title: "日本", body: "a long 日本語 body\nwith lines", scroll: 1)),
            ("field", TextField(text: "日本語", prompt: "add: ")),
        ]
    }()

    func testWidgetsStayInsideTheirArea() {
        for (name, widget) in widgets {
            for width in 0...6 {
                for height in 0...5 {
                    var buffer = Buffer(size: Size(width: 12, height: 9))
                    buffer.fill(buffer.area, with: ".")
                    let area = Rect(x: 3, y: 2, width: width, height: height)
                    widget.render(into: &buffer, area: area)
                    for y in 0..<buffer.size.height {
                        for x in 0..<buffer.size.width where !area.contains(x: x, y: y) {
                            XCTAssertEqual(
                                buffer[x, y], Cell("."), "\(name) drew outside \(width)×\(height) at (\(x), \(y))\n\(buffer.text)")
                        }
                    }
                }
            }
        }
    }
}
