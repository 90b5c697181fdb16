// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp

/// The explorer as a new user meets it at 80×24, 100×30 and 120×40 with 8, 13 and 20 words
/// in play (issue 12): numbers that can always be read, one labelling for both heatmaps,
/// labels beside their own markers, `d` acting on the word the titles name, the nearest
/// panel's mark explained, the feature editor walked as it is laid out, and a title and
/// key bar that keep what matters at 80 columns.
final class ExplorerPolishTests: XCTestCase {
    static let eight = ["apple", "orange", "banana", "cherry", "phone", "laptop", "keyboard", "television"]
    static let thirteen = eight + ["kiwi", "mango", "lemon", "tablet", "camera"]
    static let twenty = thirteen + ["grape", "pear", "computer", "mouse", "headphones", "strawberry", "charger"]
    static let wordSets = [eight, thirteen, twenty]
    static let sizes = [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 120, height: 40)]

    /// The sandbox with `words` in play, sized as a terminal of `size`.
    func explorer(_ words: [String], _ size: Size, file: StaticString = #filePath, line: UInt = #line) -> AppState {
        var state = sandbox(startWords: words)
        XCTAssertEqual(state.wordNames, words, "every word is in the lexicon", file: file, line: line)
        _ = state.update(.resize(size))
        return state
    }

    // MARK: Whole screens

    /// Every size with 8, 13 and 20 words, and with the heatmap focused on another column, compared whole.
    func testTheExplorerMatchesItsExpectedScreens() {
        for words in Self.wordSets {
            for size in Self.sizes {
                var state = explorer(words, size)
                let name = "explorer-\(words.count)words-\(size.width)x\(size.height)"
                ScreenFile.assertMatches(AppView.render(state, size: size, colorMode: .palette256), named: name)
                // Tab to the heatmap, five columns on: the readout and the key bar follow.
                state.press("<Tab><Down><Down><Down><Down><Down>")
                XCTAssertEqual(state.focus, .heatmap)
                ScreenFile.assertMatches(AppView.render(state, size: size, colorMode: .palette256), named: name + "-heatmap")
            }
        }
    }

    func testTheCompactMapMatchesItsExpectedScreen() {
        for words in Self.wordSets {
            let state = explorer(words, Size(width: 40, height: 12))
            ScreenFile.assertMatches(
                AppView.render(state, size: Size(width: 40, height: 12), colorMode: .palette256),
                named: "explorer-\(words.count)words-40x12")
        }
    }

    // MARK: 1. Heatmap numbers

    /// Where the cells are too narrow for numbers, the border under the table reads the selected
    /// row out; walking the columns with ↓ brings every value of the row on screen, exact to two decimals.
    func testEveryValueOfTheSelectedRowCanBeReadAtEverySize() throws {
        for words in Self.wordSets {
            for size in Self.sizes {
                var state = explorer(words, size)
                state.press("<Tab>")
                XCTAssertEqual(state.focus, .heatmap)
                let layout = state.layout(for: size)
                let heatmap = try XCTUnwrap(layout.heatmap)
                let panel = HeatmapPanel(state: state, colorMode: .palette256, sideBySide: layout.heatmapsSideBySide)
                for column in words.indices {
                    XCTAssertEqual(state.column, column)
                    let buffer = screen(state, size.width, size.height)
                    let bottom = try XCTUnwrap(buffer.lines(in: heatmap).last)
                    let row = buffer.lines(in: heatmap).first { $0.dropFirst().hasPrefix("apple ") } ?? ""
                    for metric in panel.metrics {
                        let value = try XCTUnwrap(state.analysis.matrix(for: metric).scores[0][column])
                        let readout = "\(words[column]) \(HeatmapPanel.readoutNumber(value))"
                        if bottom.contains("apple:") {
                            XCTAssertTrue(bottom.contains(readout), "\(readout) read out at \(size) with \(words.count) words: \(bottom)")
                        } else {
                            // No readout: the cells hold the numbers, the selected row among them.
                            let numbers = row.split(separator: " ").filter { Double($0) != nil }
                            XCTAssertGreaterThanOrEqual(numbers.count, words.count, "apple's row in numbers at \(size): \(row)")
                        }
                    }
                    state.press("<Down>")
                }
            }
        }
    }

    func testTheReadoutNeverRoundsANonUnitToOne() throws {
        XCTAssertEqual(HeatmapPanel.readoutNumber(0.71), "0.71")
        XCTAssertEqual(HeatmapPanel.readoutNumber(-0.1), "-0.10")
        XCTAssertEqual(HeatmapPanel.readoutNumber(0.997), "0.997")
        XCTAssertEqual(HeatmapPanel.readoutNumber(-0.9962), "-0.996")
        XCTAssertEqual(HeatmapPanel.readoutNumber(0.99996), ".9999")
        XCTAssertEqual(HeatmapPanel.readoutNumber(1), "1.00")
        XCTAssertEqual(HeatmapPanel.readoutNumber(1.004), "1.00")
        // strawberry and cherry: a cosine of 0.997 reads as such, not as a word with itself.
        var state = explorer(Self.twenty, Size(width: 80, height: 24))
        XCTAssertTrue(state.select("strawberry"))
        state.press("m<Tab><Down><Down><Down>")
        XCTAssertEqual(state.metric, .cosine)
        let heatmap = try XCTUnwrap(state.layout(for: state.size).heatmap)
        let bottom = screen(state, 80, 24).lines[heatmap.bottom - 1]
        XCTAssertTrue(bottom.contains("cherry 0.997"), bottom)
    }

    func testTheReadoutMarksTheHighlightedValue() throws {
        var state = explorer(Self.eight, Size(width: 80, height: 24))
        state.press("<Tab><Down><Down><Down><Down>")
        let buffer = screen(state, 80, 24)
        let heatmap = try XCTUnwrap(state.layout(for: Size(width: 80, height: 24)).heatmap)
        let y = heatmap.bottom - 1
        let line = buffer.lines(in: Rect(x: heatmap.x, y: y, width: heatmap.width, height: 1))[0]
        let value = try XCTUnwrap(state.analysis.matrix(for: .scaledDot).scores[0][4])
        let entry = "phone \(NumberFormat(decimals: 2).string(value))"
        let start = try XCTUnwrap(line.range(of: entry)).lowerBound
        let x = heatmap.x + line.distance(from: line.startIndex, to: start)
        for dx in 0..<DisplayWidth.of(entry) {
            XCTAssertTrue(buffer[x + dx, y].style.modifiers.contains(.reverse), "\(entry) is highlighted in \(line)")
        }
        XCTAssertTrue(line.dropFirst(2).hasPrefix("apple: …"), "the row is named; the window moved to keep phone in view: \(line)")
    }

    // MARK: 2. Two heatmaps, one labelling

    func testBothHeatmapsLabelTheWordsAlike() throws {
        var sideBySide = 0
        for words in Self.wordSets {
            for size in Self.sizes.dropFirst() {
                let state = explorer(words, size)
                let layout = state.layout(for: size)
                XCTAssertTrue(layout.heatmapsSideBySide)
                let inner = try XCTUnwrap(layout.heatmap).inset(by: 1)
                let panel = HeatmapPanel(state: state, colorMode: .palette256, sideBySide: true)
                // One table with numbers where two would be colour only: nothing to label alike.
                guard panel.shownMetrics(in: inner).count == 2 else { continue }
                sideBySide += 1
                let halves = Layout.split(inner, .horizontal, [.fill(1), .fill(1)], spacing: 1)
                let buffer = screen(state, size.width, size.height)
                let left = buffer.lines(in: halves[0]).dropFirst()
                let right = buffer.lines(in: halves[1]).dropFirst()
                // The header and every row label, in the same columns.
                let labels = { (lines: ArraySlice<String>) in
                    lines.prefix(words.count + 1).map { line in
                        line.split(separator: " ").filter { Double($0) == nil }.joined(separator: " ")
                    }
                }
                XCTAssertEqual(labels(left), labels(right), "at \(size) with \(words.count) words")
                let header = try XCTUnwrap(left.first)
                XCTAssertEqual(header, right.first.map { String($0.prefix(header.count)) }, "same widths")
            }
        }
        XCTAssertGreaterThan(sideBySide, 0, "some sizes show both tables")
    }

    /// Where two tables side by side would be colour only but one has room for numbers, the
    /// current metric shows alone, with numbers, and `m` switches it (120×40, 19 and 20 words).
    func testOneMetricWithNumbersWhenTwoWouldBeColourOnly() throws {
        for words in [Self.twenty, Array(Self.twenty.dropLast())] {
            var state = explorer(words, Size(width: 120, height: 40))
            let rect = try XCTUnwrap(state.layout(for: state.size).heatmap)
            let panel = HeatmapPanel(state: state, colorMode: .palette256, sideBySide: true)
            XCTAssertEqual(panel.shownMetrics(in: rect.inset(by: 1)), [.scaledDot])
            var lines = screen(state, 120, 40).lines(in: rect)
            XCTAssertTrue(lines[0].contains("Similarity · scaled dot (m switches)"), lines[0])
            let apple = try XCTUnwrap(lines.first { $0.dropFirst().hasPrefix("apple ") })
            let numbers = apple.split(separator: " ").filter {
                Double($0.filter { $0 != "▒" && $0 != "░" && $0 != "▓" && $0 != "█" }) != nil
            }
            XCTAssertEqual(numbers.count, words.count, "apple's whole row in numbers: \(apple)")
            XCTAssertFalse(lines.last?.contains("apple:") ?? true, "no readout is needed")
            state.press("m")
            lines = screen(state, 120, 40).lines(in: rect)
            XCTAssertTrue(lines[0].contains("Similarity · cosine (m switches)"), lines[0])
        }
    }

    /// Where the cells cannot hold numbers and rows are spare, the selected row is read out whole under the table.
    func testTheReadoutShowsTheWholeRowWhereRowsAreSpare() {
        let labels = Self.twenty
        let values: [Double?] = labels.indices.map { Double($0) / 100 }
        let lines = HeatmapPanel.readoutLines(row: "apple", labels: labels, values: values, highlighted: 4, width: 60)
        XCTAssertGreaterThan(lines.count, 1)
        let text = lines.map(\.plain).joined(separator: " ")
        for (label, value) in zip(labels, values) { XCTAssertTrue(text.contains("\(label) \(HeatmapPanel.readoutNumber(value!))"), text) }
        XCTAssertTrue(lines.allSatisfy { $0.width <= 60 })
    }

    // MARK: 3. Map labels

    /// Each label touches its own marker on its row, its far end is blank (no other marker or
    /// label), and the caption says how many labels are hidden.
    func testMapLabelsStayWithTheirMarkersAndTheHiddenOnesAreCounted() throws {
        for words in Self.wordSets {
            for size in Self.sizes + [Size(width: 40, height: 12)] {
                let state = explorer(words, size)
                let area = try XCTUnwrap(state.layout(for: size).map)
                let panel = MapPanel(state: state, colorMode: .palette256)
                let inner = Frame(title: panel.title).inner(area)
                let placement = panel.map.layout(in: inner)
                let markers = Set(placement.pointCells.compactMap { $0.map { [$0.x, $0.y] } })
                for (index, label) in placement.labels.enumerated() {
                    guard let label, let cell = placement.pointCells[index] else { continue }
                    let right = label.x == cell.x + 1
                    let left = label.x + label.width == cell.x
                    XCTAssertTrue(label.y == cell.y && (right || left), "\(label.text) beside its marker at \(size)")
                    let farEnd = right ? label.x + label.width : label.x - 1
                    XCTAssertFalse(markers.contains([farEnd, label.y]), "\(label.text) runs into another marker at \(size)")
                    let others = placement.labels.enumerated().compactMap { $0.offset == index ? nil : $0.element }
                    XCTAssertFalse(
                        others.contains { $0.y == label.y && farEnd >= $0.x && farEnd < $0.x + $0.width },
                        "\(label.text) runs into another label at \(size)")
                }
                let text = screen(state, size.width, size.height).text(in: inner)
                let hidden = placement.omittedLabels
                if hidden > 0, size.height >= 24 {
                    // "N labels hidden", or "N hidden" where the legend would otherwise be cut.
                    let long = "· \(hidden) label\(hidden == 1 ? "" : "s") hidden"
                    XCTAssertTrue(text.contains(long) || text.contains("· \(hidden) hidden"), "the caption counts them:\n\(text)")
                }
                XCTAssertFalse(text.contains("hidden") && hidden == 0)
            }
        }
    }

    // MARK: 4. d removes the word the titles name

    func testDRemovesTheWordTheTitlesNameWhicheverPanelIsFocused() throws {
        for keys in ["", "<Tab><Down><Down><Down><Down>", "<Tab><Tab><Down><Down><Down>"] {
            var state = explorer(Self.eight, Size(width: 100, height: 30))
            state.press(keys)
            let buffer = screen(state, 100, 30)
            // Every title names apple, and so does the key bar.
            XCTAssertTrue(buffer.text.contains("Weights of apple"))
            let status = try XCTUnwrap(buffer.lines.last)
            XCTAssertTrue(status.contains("d remove apple"), status)
            XCTAssertEqual(state.press("d"), [.save])
            XCTAssertNil(state.index(of: "apple"), "apple removed with focus \(state.focus)")
            XCTAssertNotNil(state.index(of: "phone"))
            XCTAssertEqual(state.words.count, 7)
            XCTAssertEqual(state.message, "removed apple")
            let after = try XCTUnwrap(screen(state, 100, 30).lines.last)
            XCTAssertTrue(after.contains("d remove orange"), after)
        }
    }

    // MARK: 5. The nearest panel

    func testTheNearestPanelExplainsItsMarkAndSaysFarOnlyForWordsOnTheMap() throws {
        for words in Self.wordSets {
            var state = explorer(words, Size(width: 120, height: 40))
            for index in words.indices {
                let lines = state.neighbors(count: AppState.neighborCount)
                XCTAssertFalse(lines.isEmpty)
                for line in lines {
                    XCTAssertEqual(line.inPlay, words.contains(line.word), line.word)
                    if line.farOnMap { XCTAssertTrue(line.inPlay, "\(line.word) is not on the map, so it cannot be far on it") }
                }
                // With more words the weights and the heatmap take the room: the panel is shown with 8.
                let area = state.layout(for: Size(width: 120, height: 40)).neighbors
                if words.count == 8 { XCTAssertNotNil(area) }
                if let area {
                    let buffer = screen(state, 120, 40)
                    let text = buffer.text(in: area)
                    XCTAssertTrue(text.contains("● on the map"), text)
                    for row in buffer.lines(in: area.inset(by: 1)) where row.contains("far on map") {
                        XCTAssertTrue(row.contains("●"), "far on map only beside the mark of a word on the map: \(row)")
                    }
                }
                XCTAssertEqual(state.selected, index)
                state.press("<Down>")
            }
        }
        // Kiwi's nearest words include fruits on the map: they carry the mark.
        let state = explorer(Self.thirteen, Size(width: 120, height: 40))
        XCTAssertTrue(state.neighbors(count: AppState.neighborCount).contains { $0.inPlay })
    }

    // MARK: 6. The feature editor

    /// The features fill the editor's columns top to bottom, so ↓ moves to the feature drawn
    /// under the current one, or to the top of the next column.
    func testTheFeatureEditorIsWalkedDownItsColumns() throws {
        for size in Self.sizes {
            var state = explorer(Self.eight, size)
            state.press("azorblax<Enter>")
            let editor = try XCTUnwrap(state.layout(for: size).lesson).inset(by: 1)
            var previous: (x: Int, y: Int)?
            for feature in state.featureNames.indices {
                XCTAssertEqual(state.placement?.feature, feature)
                let buffer = screen(state, size.width, size.height)
                let cell = try XCTUnwrap(
                    (editor.y..<editor.bottom).lazy.flatMap { y in (editor.x..<editor.right).lazy.map { (x: $0, y: y) } }.first {
                        buffer[$0.x, $0.y].style.modifiers.contains(.reverse)
                    }, "the current feature is highlighted at \(size)")
                let name = String(state.featureNames[feature].prefix(8))
                XCTAssertTrue(
                    buffer.lines(in: Rect(x: cell.x, y: cell.y, width: editor.right - cell.x, height: 1))[0].hasPrefix(name),
                    "\(name) highlighted")
                if let previous {
                    let down = cell.x == previous.x && cell.y == previous.y + 1
                    let nextColumn = cell.x > previous.x && cell.y == editor.y
                    XCTAssertTrue(down || nextColumn, "↓ from \(previous) went to \(cell) at \(size)")
                }
                previous = cell
                state.press("<Down>")
            }
            let status = try XCTUnwrap(screen(state, size.width, size.height).lines.last)
            XCTAssertTrue(status.contains("↑/↓ feature  ←/→ value"), status)
        }
    }

    func testTheFeatureEditorMatchesItsExpectedScreen() {
        var state = explorer(Self.eight, Size(width: 80, height: 24))
        state.press("azorblax<Enter><Down><Down><Down><Down><Down><Down><Right>")
        ScreenFile.assertMatches(
            AppView.render(state, size: Size(width: 80, height: 24), colorMode: .palette256), named: "explorer-placing-80x24")
    }

    // MARK: 7. The title bar and the key bar at 80 columns

    func testALongLessonTitleIsCutBeforeTheSettingsAreDropped() {
        // The sandbox on a file with a long name would do; a long title with every setting in play:
        // the sandbox's title bar at the narrowest full layout keeps all its settings.
        let sandboxTitle = screen(sandbox(), 80, 24).lines[0]
        XCTAssertTrue(
            sandboxTitle.hasPrefix(" Lesson \(lessonNumber(sandboxID))/\(course.count) · Sandbox · step 1/3 · \(noProgress) ")
                && sandboxTitle.hasSuffix(" scaled dot · T=1.00 · 8 words "), sandboxTitle)
        // Lesson 6's first step lets the learner switch the metric, and nothing else shared.
        let tableTitle = screen(sandbox(lesson: "similarity-table"), 80, 24).lines[0].trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(
            tableTitle.hasPrefix("Lesson \(lessonNumber("similarity-table"))/\(course.count) · The similarity table · step 1/")
                && tableTitle.hasSuffix(" cosine"), tableTitle)
        // Lesson 10 has only its own numbers: its whole title, nothing at the right.
        XCTAssertEqual(
            screen(sandbox(lesson: "queries-keys"), 80, 24).lines[0].trimmingCharacters(in: .whitespaces),
            "Lesson \(lessonNumber("queries-keys"))/\(course.count) · Queries and Keys are linear transformations · step 1/\(course.lessons[index("queries-keys")].stepCount) · \(noProgress)"
        )
        for lesson in course.ids {
            let allowed = course.lessons[lessonNumber(lesson) - 1].sharedCommands(step: 0)
            let title = screen(sandbox(lesson: lesson), 80, 24).lines[0]
            XCTAssertTrue(title.contains("Lesson \(lessonNumber(lesson))/\(course.count)") && title.contains("step 1/"), title)
            XCTAssertEqual(title.contains("T="), allowed.contains(.warmer), "lesson \(lesson): T only where + and - change it: \(title)")
            XCTAssertEqual(
                title.contains(/\d+ words?/), allowed.contains(.addWord) || allowed.contains(.removeWord), "lesson \(lesson): \(title)")
        }
    }

    func testTheKeyBarAt80ColumnsShowsTemperatureAndWhy() throws {
        for words in Self.wordSets {
            let status = try XCTUnwrap(screen(explorer(words, Size(width: 80, height: 24)), 80, 24).lines.last)
            for key in ["+/- temp", "Enter why", "a add", "d remove apple", "←/→ step", "q quit", "? help"] {
                XCTAssertTrue(status.contains(key), "\(key) in \(status)")
            }
        }
        // A long selected word is cut in the key bar, so the temperature still fits.
        var state = explorer(Self.twenty, Size(width: 80, height: 24))
        XCTAssertTrue(state.select("strawberry"))
        XCTAssertEqual(
            screen(state, 80, 24).lines.last, " ↑/↓ select a add Enter why d remove straw… +/- temp   ←/→ step  q quit  ? help ")
    }
}
