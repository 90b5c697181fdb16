// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import TUIKit
import XCTest

@testable import AttnApp

/// Whole screens drawn into a buffer and read back as text.
final class ViewTests: XCTestCase {
    private let wide = Size(width: 120, height: 40)

    // MARK: Layouts

    func testFullLayoutAt120x40DrawsEveryPanel() throws {
        let state = sandbox()
        let buffer = screen(state, 120, 40)
        let layout = state.layout(for: wide)
        XCTAssertEqual(layout.kind, .full)
        XCTAssertTrue(layout.heatmapsSideBySide, "cosine and dot product side by side from 100 columns")

        XCTAssertTrue(buffer.lines[0].contains("Lesson \(lessonNumber(sandboxID))/\(course.count) · Sandbox"), buffer.lines[0])
        XCTAssertTrue(buffer.lines[0].contains("scaled dot · T=1.00 · 8 words"), buffer.lines[0])
        assertFrame(buffer, try XCTUnwrap(layout.map), title: "Map · PCA · apple → its context")
        assertFrame(buffer, try XCTUnwrap(layout.heatmap), title: "Similarity · cosine | scaled dot")
        assertFrame(buffer, try XCTUnwrap(layout.weights), title: "Weights of apple · softmax(scaled dot / T), T=1.00")
        assertFrame(buffer, try XCTUnwrap(layout.lesson), title: "Step 1 of 3")
        XCTAssertTrue(statusLine(buffer).hasPrefix(expectedStatusBar()), "the status bar is generated from AppKeys")
        XCTAssertTrue(statusLine(buffer).hasSuffix("? help"), "and always ends with the help key")

        // The map has its axes.
        let map = buffer.text(in: try XCTUnwrap(layout.map))
        XCTAssertTrue(map.contains("PC1 →") && map.contains("↑ PC2"), map)
        // The weights list every word with a number; the lesson shows the live formula.
        let weights = buffer.lines(in: try XCTUnwrap(layout.weights).inset(by: 1))
        for word in state.wordNames {
            XCTAssertTrue(weights.contains { $0.hasPrefix(word) }, "\(word) has a weight bar")
        }
        XCTAssertTrue(buffer.text(in: try XCTUnwrap(layout.lesson)).contains("context(apple) ="))
    }

    func testAnAddedWordAppearsOnTheMapInTheHeatmapsAndInTheWeights() throws {
        var state = sandbox()
        XCTAssertFalse(screen(state, 120, 40).text.contains("kiwi"))
        state.press("akiwi<Enter>")
        let buffer = screen(state, 120, 40)
        let layout = state.layout(for: wide)

        let map = try XCTUnwrap(layout.map)
        XCTAssertTrue(buffer.text(in: map.inset(by: 1)).contains("kiwi"), "kiwi's label on the map")
        assertFrame(buffer, map, title: "Map · PCA · kiwi → its context")

        let heatmap = buffer.lines(in: try XCTUnwrap(layout.heatmap).inset(by: 1))
        let kiwiRows = heatmap.filter { $0.hasPrefix("kiwi ") }
        XCTAssertEqual(kiwiRows.count, 1, "one row for kiwi, across both matrices:\n\(heatmap.joined(separator: "\n"))")
        XCTAssertEqual(kiwiRows.first?.components(separatedBy: "kiwi").count, 3, "kiwi labels a row in each matrix")
        XCTAssertTrue(kiwiRows.first?.contains("1.00") ?? false, "cosine of kiwi with itself")
        let header = try XCTUnwrap(heatmap.first { $0.contains("kiwi") && !$0.hasPrefix("kiwi") }, "a column headed kiwi")
        XCTAssertEqual(header.components(separatedBy: "kiwi").count, 3, "a kiwi column in each matrix")

        let weights = buffer.lines(in: try XCTUnwrap(layout.weights).inset(by: 1))
        let kiwiBar = try XCTUnwrap(weights.first { $0.hasPrefix("kiwi ") }, weights.joined(separator: "\n"))
        let weight = try XCTUnwrap(state.analysis.attention).weights[state.selected][state.selected]
        XCTAssertTrue(kiwiBar.contains(NumberFormat(decimals: 3).string(weight)), kiwiBar)
        assertFrame(buffer, try XCTUnwrap(layout.weights), title: "Weights of kiwi")
        XCTAssertTrue(buffer.lines[0].contains("9 words"))
        XCTAssertEqual(buffer.lines[38], " added kiwi" + String(repeating: " ", count: 109))
    }

    func testAt80x24AnAddedWordIsOnTheMapInTheHeatmapAndInTheWeights() throws {
        var state = sandbox()
        state.press("akiwi<Enter>")
        let size = Size(width: 80, height: 24)
        let layout = state.layout(for: size)
        let buffer = screen(state, size.width, size.height)
        XCTAssertTrue(buffer.text(in: try XCTUnwrap(layout.map)).contains("kiwi"))
        let heatmap = buffer.lines(in: try XCTUnwrap(layout.heatmap).inset(by: 1))
        XCTAssertTrue(
            heatmap.contains { $0.hasPrefix("kiwi ") }, "the table scrolls to the new word's row:\n" + heatmap.joined(separator: "\n"))
        assertFrame(buffer, try XCTUnwrap(layout.weights), title: "Weights of kiwi")
        let n = state.words.count
        if !heatmap.contains(where: { $0.hasPrefix("apple ") }) {
            XCTAssertTrue(heatmap.joined().contains("of \(n)×\(n)"), "never a silent subset")
        }
    }

    func testAt80x24TheFullLayoutHasTwoColumns() throws {
        var state = sandbox()
        let size = Size(width: 80, height: 24)
        let layout = ScreenLayout(size: size, state: state)
        XCTAssertEqual(layout.kind, .full)
        XCTAssertFalse(layout.heatmapsSideBySide)
        let map = try XCTUnwrap(layout.map)
        let heatmap = try XCTUnwrap(layout.heatmap)
        let lesson = try XCTUnwrap(layout.lesson)
        let weights = try XCTUnwrap(layout.weights)
        XCTAssertEqual(lesson, Rect(x: 0, y: 1, width: 80, height: lesson.height), "the step's text across the top")
        XCTAssertEqual(map.x, 0)
        XCTAssertEqual(map.y, lesson.bottom, "the map under the text")
        XCTAssertEqual(heatmap.y, map.y, "map and heatmap side by side")
        XCTAssertEqual(heatmap.x, map.right)
        XCTAssertEqual(weights.x, heatmap.x)
        XCTAssertEqual(weights.y, heatmap.bottom, "the weights under the heatmap")

        var buffer = screen(state, 80, 24)
        assertFrame(buffer, map, title: "Map")
        assertFrame(buffer, heatmap, title: "Similarity · scaled dot")
        assertFrame(buffer, weights, title: "Weights of apple")
        assertFrame(buffer, lesson, title: "Step 1 of 3")
        // The weights show every word (they are the numbers here); the heatmap scrolls to the
        // selected word's row and says how much of the table it shows.
        for word in state.wordNames {
            XCTAssertTrue(buffer.lines(in: weights).contains { $0.hasPrefix("│\(word)") }, "\(word) bar in the weights")
        }
        XCTAssertTrue(buffer.lines(in: heatmap).contains { $0.hasPrefix("│apple") })
        XCTAssertTrue(buffer.lines(in: heatmap).contains { $0.contains("of 8×8") }, buffer.text(in: heatmap))

        // One heatmap at a time below 100 columns: m switches which.
        state.press("m")
        buffer = screen(state, 80, 24)
        assertFrame(buffer, heatmap, title: "Similarity · cosine")
        state.press("m")
        assertFrame(screen(state, 80, 24), heatmap, title: "Similarity · dot product")
    }

    func testTheStatusBarShowsTheLessonsKeysFirstAndKeepsQuitAndHelpAtTheFullLayoutMinimum() throws {
        // The sandbox's keys first (+/- temp and Enter why included), quit and help pinned at the right.
        XCTAssertEqual(
            screen(sandbox(), 80, 24).lines.last,
            " ↑/↓ select a add Enter why d remove apple +/- temp    ←/→ step  q quit  ? help ")
        // Lesson 1 has fewer keys: the step keys and focus fit too.
        XCTAssertEqual(
            screen(sandbox(lesson: course.ids[0]), 80, 24).lines.last,
            " ↑/↓ select  a add  d remove banana  Tab focus         ←/→ step  q quit  ? help ")
    }

    func testBelow80x24OnePanelAtATimeAndTabSwitchesIt() throws {
        var state = sandbox()
        let size = Size(width: 60, height: 20)
        _ = state.update(.resize(size))
        let order: [(Focus, String)] = [
            (.map, "Map · PCA"), (.heatmap, "Similarity · scaled dot"), (.weights, "Weights of apple"), (.text, "Step 1 of 3"),
        ]
        for (focus, title) in order {
            XCTAssertEqual(state.focus, focus)
            let layout = state.layout(for: size)
            XCTAssertEqual(layout.kind, .compact)
            let panels = [layout.map, layout.heatmap, layout.weights, layout.lesson].compactMap { $0 }
            XCTAssertEqual(panels.count, 1, "one panel")
            let buffer = screen(state, 60, 20)
            assertFrame(buffer, panels[0], title: title)
            XCTAssertEqual(panels[0], Rect(x: 0, y: 1, width: 60, height: 17), "the panel takes the whole body")
            let others = order.map(\.1).filter { $0 != title }
            for other in others { XCTAssertFalse(buffer.text.contains(other), "\(other) hidden when \(focus) is shown") }
            // The step and the settings are kept; the lesson's title gives way first.
            XCTAssertTrue(buffer.lines[0].contains("step 1/3 · \(noProgress)"), buffer.lines[0])
            XCTAssertTrue(buffer.lines[0].hasSuffix(" scaled dot · T=1.00 "), buffer.lines[0])
            XCTAssertEqual(statusLine(buffer), "↑/↓ select a add Enter why        ←/→ step  q quit  ? help")
            state.press("<Tab>")
        }
        XCTAssertEqual(state.focus, .map)
    }

    func testThePlacementEditorIsVisibleInEveryLayout() throws {
        for size in [Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 60, height: 20), Size(width: 40, height: 12)] {
            var state = sandbox()
            state.press("azorblax<Enter><Down><Right>")
            let placement = try XCTUnwrap(state.placement)
            // Long feature names are cut to fit, so look for the start of the name.
            let name = String(state.featureNames[placement.feature].prefix(9))
            let value = NumberFormat.fixed(placement.vector[placement.feature], decimals: 1)
            let buffer = screen(state, size.width, size.height)
            XCTAssertTrue(buffer.text.contains("zorblax?"), "the live preview on the map at \(size)")
            let editorShown = buffer.lines.contains { $0.contains(name) && $0.contains(value) }
            XCTAssertTrue(editorShown, "feature \(name) = \(value) shown at \(size)")
        }
    }

    func testThePromptIsDrawnOnTheMessageLine() {
        var state = sandbox()
        state.press("a")
        var buffer = screen(state, 80, 24)
        XCTAssertTrue(buffer.lines[22].hasPrefix("add word: type a word"), buffer.lines[22])
        state.press("kiw")
        buffer = screen(state, 80, 24)
        XCTAssertTrue(buffer.lines[22].hasPrefix("add word: kiw "), buffer.lines[22])
        let cursor = buffer[13, 22]
        XCTAssertTrue(cursor.style.modifiers.contains(.reverse), "the cursor cell after the text")
        state.press("<Left>")
        XCTAssertTrue(screen(state, 80, 24)[12, 22].style.modifiers.contains(.reverse), "the cursor on the w")
        state.press("<Esc>")
        XCTAssertTrue(screen(state, 80, 24).lines[22].hasPrefix(" cancelled"))
    }

    // MARK: Small terminals

    func testUnderTheMinimumATooSmallMessage() {
        let state = sandbox()
        for (width, height) in [(39, 11), (39, 24), (80, 11), (20, 6)] {
            let buffer = screen(state, width, height)
            XCTAssertEqual(buffer.size, Size(width: width, height: height))
            let words = buffer.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
            XCTAssertEqual(words, "terminal too small (need 40×12)", "at \(width)×\(height)")
        }
        XCTAssertEqual(
            screen(state, 39, 11).lines.filter { !$0.allSatisfy(\.isWhitespace) },
            ["    terminal too small (need 40×12)    "], "one centred line when it fits")
        XCTAssertEqual(ScreenLayout(size: Size(width: 40, height: 12), state: state).kind, .compact)
    }

    func testTinyAndEmptyTerminalsDrawOnlyTheirMessage() {
        var state = sandbox()
        state.press("akiwi<Enter>")
        let message = "terminal too small (need 40×12)"
        for (width, height) in [(1, 1), (0, 0), (1, 0), (0, 1), (2, 1), (5, 2), (10, 3), (20, 6)] {
            let buffer = screen(state, width, height)
            XCTAssertEqual(buffer.size, Size(width: width, height: height))
            XCTAssertEqual(buffer.lines.count, height)
            // Nothing but the message, wrapped (and cut where even a word does not fit): no panel leaks through.
            let drawn = buffer.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            XCTAssertEqual(
                drawn.joined(separator: " ").filter { !$0.isWhitespace },
                String(message.filter { !$0.isWhitespace }.prefix(drawn.joined().filter { !$0.isWhitespace }.count)),
                "\(width)×\(height): \(drawn)")
            if width >= 20 && height >= 2 { XCTAssertEqual(drawn.joined(separator: " "), message, "whole where it fits") }
            if width > 0 && height > 0 { XCTAssertFalse(drawn.isEmpty, "\(width)×\(height) says something") }
        }
    }

    func testEverySizeAndModeDrawsWithoutCrashing() {
        var states: [String: AppState] = [:]
        var state = sandbox()
        state.press("akiwi<Enter>")
        states["browsing"] = state
        var copy = state
        copy.press("?")
        states["help"] = copy
        copy = state
        copy.press("<Tab><Down><Enter>")
        states["score detail"] = copy
        copy = state
        copy.press("<Tab><Tab><Down><Enter>")
        states["weight detail"] = copy
        copy = state
        copy.press("a日本語のことば")
        states["prompt"] = copy
        copy = state
        copy.press("a日本<Enter><Right>")
        states["placing"] = copy
        copy = state
        copy.press(String(repeating: "d", count: 9))
        states["empty"] = copy

        let widths = [0, 1, 2, 3, 5, 10, 20, 39, 40, 41, 59, 60, 79, 80, 99, 100, 120, 200]
        let heights = [0, 1, 2, 3, 5, 11, 12, 13, 23, 24, 29, 30, 40, 60]
        for (name, state) in states.sorted(by: { $0.key < $1.key }) {
            for width in widths {
                for height in heights {
                    for mode in [ColorMode.palette256, .monochrome] {
                        let buffer = screen(state, width, height, colorMode: mode)
                        let at = "\(name) at \(width)×\(height)"
                        XCTAssertEqual(buffer.size, Size(width: width, height: height), at)
                        XCTAssertEqual(halfGlyphs(buffer), [], at)
                        let text = buffer.text
                        if width < 40 || height < 12 {
                            if width >= 31 && height >= 1 { XCTAssertTrue(text.contains("terminal too small (need 40×12)"), at) }
                            continue
                        }
                        // A real frame: the title bar with the lesson and step, a status bar with quit
                        // (an overlay may cover them: then its own frame shows), and panels with something in them.
                        if let overlay = ["help": "Keys", "score detail": "scaled dot(", "weight detail": "weight of"][name] {
                            XCTAssertTrue(text.contains(overlay), "\(at): the overlay \(overlay)\n\(text)")
                        } else {
                            XCTAssertTrue(buffer.lines[0].contains("step 1/"), "\(at): \(buffer.lines[0])")
                            // How to leave what is open: quit while browsing, Enter and Esc in a prompt or the placement.
                            let leaving = ["prompt": "Esc", "placing": "Esc"][name] ?? "q quit"
                            XCTAssertTrue(buffer.lines[height - 1].contains(leaving), "\(at): \(buffer.lines[height - 1])")
                        }
                        let body = buffer.lines.dropFirst().dropLast(2).joined().filter { !$0.isWhitespace }
                        XCTAssertGreaterThan(body.count, width, "\(at): the panels are not blank")
                    }
                }
            }
        }
    }

    func testASessionRedrawsAtEveryResize() throws {
        let sizes = [(120, 40), (80, 24), (20, 6), (1, 1), (0, 0), (60, 20), (120, 40)].map { Size(width: $0.0, height: $0.1) }
        var events: [InputEvent] = try KeyNotation.parse("akiwi<Enter>").map { .key($0) }
        events += sizes.map { .resize($0) }
        let terminal = RecordingTerminal(size: Size(width: 100, height: 30), events: events)
        let session = Session(
            course: course, vocabulary: lexicon, lesson: index(sandboxID), stateDir: nil, persist: false, colorMode: .palette256)

        session.run(on: terminal)

        XCTAssertFalse(session.state.isFinished, "the input ended")
        // The first frame, one per key of "akiwi<Enter>", one per resize.
        XCTAssertEqual(terminal.frames.count, 1 + 6 + sizes.count)
        XCTAssertEqual(terminal.frames.suffix(sizes.count).map(\.size), sizes)
        XCTAssertEqual(session.state.size, Size(width: 120, height: 40))
        let last = try XCTUnwrap(terminal.lastFrame)
        XCTAssertTrue(last == AppView.render(session.state, size: last.size, colorMode: .palette256), "frames are a pure function")
        XCTAssertTrue(last.text.contains("kiwi"))
        XCTAssertTrue(terminal.frames[terminal.frames.count - 5].text.contains("terminal too small"))
    }

    // MARK: Help

    func testHelpListsEveryBindingFromTheKeyTable() throws {
        var state = sandbox()
        state.press("?")
        let overlay = HelpOverlay(
            bindings: AppKeys.bindings(for: state).map(\.binding), title: "Keys", footer: "↑/↓ scroll · any key closes")
        let box = screen(state, 120, 40).lines(in: overlay.boxRect(in: Rect(size: wide)))
        XCTAssertTrue(box.first?.hasPrefix("┏ Keys ") ?? false, box.first ?? "")
        for entry in AppKeys.bindings(for: state) {
            let binding = entry.binding
            let row = box.first { $0.contains(binding.help) }
            XCTAssertNotNil(row, "help for \(binding.label): \(binding.help)")
            XCTAssertTrue(row?.contains(binding.label) ?? false, "\(binding.label) beside its help")
        }
        // Every key a binding lists does what the table says.
        for entry in AppKeys.bindings(for: state) {
            for key in entry.binding.keys {
                let command = AppKeys.command(for: key, in: state)
                if case .jump = entry.command, case .character(let digit) = key {
                    XCTAssertEqual(command, .jump(digit.wholeNumberValue!))
                } else {
                    XCTAssertEqual(command, entry.command, KeyNotation.notation(key))
                }
            }
        }
    }

    func testEveryHelpLabelNamesOnlyItsOwnKeysAndEveryKeyIsNamed() throws {
        let state = sandbox()
        var wrong: [String] = []
        var named = Set<Key>()
        for entry in AppKeys.bindings(for: state) {
            let binding = entry.binding
            // A label that is its one key's symbol ("/") names it whole.
            guard binding.label != "1-9", binding.keys.map({ KeyNotation.symbol($0) }) != [binding.label] else {
                named.formUnion(binding.keys)
                continue
            }
            for part in binding.label.split(separator: "/").map(String.init) {
                let matches = binding.keys.filter { key in
                    let symbol = KeyNotation.symbol(key)
                    return symbol == part || (part.count >= 3 && symbol.hasPrefix(part))
                }
                if matches.isEmpty { wrong.append("'\(binding.label) \(binding.help)': \(part) is not one of its keys") }
                named.formUnion(matches)
            }
        }
        let unnamed = AppKeys.bindings(for: state).flatMap(\.binding.keys).filter { !named.contains($0) }.map { KeyNotation.symbol($0) }
        XCTAssertEqual(wrong, [])
        XCTAssertEqual(unnamed, [])
    }

    func testHelpScrollsToTheLastBindingInASmallTerminal() throws {
        var state = sandbox()
        _ = state.update(.resize(Size(width: 40, height: 12)))
        state.press("?")
        let last = try XCTUnwrap(AppKeys.bindings(for: state).last).binding
        XCTAssertFalse(screen(state, 40, 12).text.contains(last.help + " "), "not all of it fits at 40×12")
        state.press(String(repeating: "j", count: 60))
        let text = screen(state, 40, 12).text
        let row = text.split(separator: "\n").first { $0.contains(" \(last.help) ") }
        XCTAssertTrue(row?.hasPrefix("┃ \(last.label) ") ?? false, text)
        XCTAssertTrue(text.contains("↑"), "a mark says there is more above")
    }

    // MARK: Showing the computation

    func testHeatmapCellDetailShowsTheProductsThatSumToTheDotProduct() throws {
        var state = sandbox()
        state.press("akiwi<Enter>")
        for metric in [Metric.scaledDot, .cosine, .dot] {
            XCTAssertEqual(state.metric, metric)
            let row = state.selected
            let column = try XCTUnwrap(state.index(of: "orange"))
            var opened = state
            opened.press("<Tab>" + String(repeating: "<Down>", count: column) + "<Enter>")
            XCTAssertEqual(opened.detail, .score(row: row, column: column, metric: metric))
            let detail = try XCTUnwrap(ComputationDetail(try XCTUnwrap(opened.detail), state: opened))
            XCTAssertEqual(detail.title, "\(metric.title)(kiwi, orange)")

            // What is computed is on screen, line by line.
            let shown = screen(opened, 120, 40).lines
            for line in detail.lines where !line.isEmpty {
                XCTAssertTrue(shown.contains { $0.contains(line) }, "on screen: \(line)")
            }
            XCTAssertTrue(shown.contains { $0.contains(detail.title) })

            let a = opened.words[row].vector
            let b = opened.words[column].vector
            let table = try productTable(detail.lines)
            XCTAssertEqual(table.count, opened.featureNames.count, "one line per feature")
            for (k, entry) in table.enumerated() {
                XCTAssertEqual(entry.name, opened.featureNames[k])
                XCTAssertEqual(entry.a, a[k], accuracy: 0.005)
                XCTAssertEqual(entry.b, b[k], accuracy: 0.005)
                XCTAssertEqual(entry.product, a[k] * b[k], accuracy: 0.00006)
            }
            let shownDot = try number(after: "dot = Σ products = ", in: detail.lines)
            XCTAssertEqual(table.map(\.product).reduce(0, +), shownDot, accuracy: 0.00006 * Double(table.count + 1))
            XCTAssertEqual(shownDot, dot(a, b), accuracy: 0.00005)
            switch metric {
            case .dot: break
            case .scaledDot:
                let line = try XCTUnwrap(detail.lines.first { $0.hasPrefix("scaled dot = dot / √") })
                XCTAssertEqual(try lastNumber(line), opened.analysis.scaledDot[row, column]!, accuracy: 0.00005)
            case .cosine:
                let line = try XCTUnwrap(detail.lines.first { $0.hasPrefix("cosine = dot / ") })
                XCTAssertEqual(try lastNumber(line), opened.analysis.cosine[row, column]!, accuracy: 0.00005)
            }
            state.press("m")
        }
    }

    func testWeightDetailShowsTheExponentialsBehindTheSoftmax() throws {
        var state = sandbox()
        state.press("akiwi<Enter>-<Tab><Tab>")
        let column = try XCTUnwrap(state.index(of: "phone"))
        state.press(String(repeating: "<Down>", count: column) + "<Enter>")
        XCTAssertEqual(state.detail, .weight(row: state.selected, column: column))
        let detail = try XCTUnwrap(ComputationDetail(try XCTUnwrap(state.detail), state: state))
        XCTAssertEqual(detail.title, "softmax weight of phone for kiwi (scaled dot)")
        let shown = screen(state, 120, 40).lines
        for line in detail.lines where !line.isEmpty {
            XCTAssertTrue(shown.contains { $0.contains(line) }, "on screen: \(line)")
        }

        let attention = try XCTUnwrap(state.analysis.attention)
        let line = try XCTUnwrap(detail.lines.first { $0.hasPrefix("weight(phone) = ") })
        let numbers = line.dropFirst("weight(phone) = ".count).split(whereSeparator: { " /=".contains($0) }).compactMap { Double($0) }
        XCTAssertEqual(numbers.count, 3, line)
        XCTAssertEqual(numbers[0] / numbers[1], numbers[2], accuracy: 0.0005)
        XCTAssertEqual(numbers[2], attention.weights[state.selected][column], accuracy: 0.00005)
        XCTAssertTrue(
            detail.lines.contains(
                "T = \(NumberFormat.fixed(state.temperature, decimals: 2)), "
                    + "max score = \(NumberFormat.fixed(attention.scores[state.selected].max()!, decimals: 4))"))
        let marked = detail.lines.filter { $0.hasSuffix(" ◀") }
        XCTAssertEqual(marked.count, 1)
        XCTAssertTrue(marked.first?.hasPrefix("phone ") ?? false)
    }

    func testComputationTablesLineUpWithWideCharacterWords() throws {
        var state = sandbox()
        state.press("a日本語日本語<Enter><Enter>")
        XCTAssertEqual(state.selectedWord?.word, "日本語日本語")
        var scoreState = state
        scoreState.press("<Tab><Enter>")
        let score = try XCTUnwrap(ComputationDetail(try XCTUnwrap(scoreState.detail), state: scoreState))
        var weightState = state
        weightState.press("<Tab><Tab><Enter>")
        let weight = try XCTUnwrap(ComputationDetail(try XCTUnwrap(weightState.detail), state: weightState))

        // The table part (up to the first blank line) has one width per line, so columns line up.
        let widths = [score, weight].map { detail in
            Set(detail.lines.prefix { !$0.isEmpty }.map { DisplayWidth.of($0.hasSuffix(" ◀") ? String($0.dropLast(2)) : $0) })
        }
        XCTAssertEqual(widths.map(\.count), [1, 1])
    }

    // MARK: Colour

    func testMonochromeHasNoColours() throws {
        var states = [sandbox()]
        for keys in ["<Tab>", "<Tab><Tab>", "?", "<Tab><Enter>", "akiw", "azorblax<Enter>"] {
            var state = sandbox()
            state.press(keys)
            states.append(state)
        }
        var coloured: [String] = []
        for state in states {
            for size in [Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 50, height: 15)] {
                let runs = AppView.render(state, size: size, colorMode: .monochrome).styleRuns
                    .filter { $0.style.foreground != .default || $0.style.background != .default }
                coloured += runs.prefix(1).map { "\(size) focus=\(state.focus) mode=\(state.mode): \($0)" }
            }
        }
        XCTAssertEqual(coloured, [])
    }

    func testMonochromeStillShowsMeaningWithoutColour() {
        let buffer = screen(sandbox(), 120, 40, colorMode: .monochrome)
        let text = buffer.text
        // Categories keep their markers, heatmap cells their numbers, bars their blocks.
        XCTAssertTrue(text.contains("●") && text.contains("■") && text.contains("◆"))
        XCTAssertTrue(text.contains("1.00"))
        XCTAssertTrue(text.contains("█"))
        XCTAssertTrue(buffer.styleRuns.contains { $0.style.modifiers.contains(.reverse) }, "the title bar and selection")
    }

    func testColourModesUseOnlyTheirPalettes() {
        var state = sandbox()
        state.press("akiwi<Enter>")
        let full = screen(state, 120, 40, colorMode: .palette256).styleRuns
        XCTAssertTrue(full.contains { if case .indexed(let i) = $0.style.foreground { i >= 16 } else { false } }, "256 colours used")
        for (mode, limit) in [(ColorMode.ansi16, 16), (.ansi8, 8)] {
            for run in screen(state, 120, 40, colorMode: mode).styleRuns {
                for color in [run.style.foreground, run.style.background] {
                    if case .indexed(let index) = color { XCTAssertLessThan(Int(index), limit, "\(mode): \(run)") }
                }
            }
        }
    }

    // MARK: Golden screens

    func testGoldenEmptySandboxAt40x12() {
        var state = sandbox()
        state.press(String(repeating: "d", count: state.words.count + 1))
        assertScreen(
            screen(state, 40, 12),
            [
                " Lesson \(lessonNumber(sandboxID))/\(course.count) · step 1/3 · \(noProgress)",
                "┏ Map ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
                "┃ no words: press a to add one         ┃",
                "┃                                      ┃",
                "┃                                      ┃",
                "┃                                      ┃",
                "┃                                      ┃",
                "┃                                      ┃",
                "┃                                      ┃",
                "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
                " no word to remove",
                " ↑/↓ select    ←/→ step  q quit  ? help",
            ])
    }

    func testGoldenHelpAt40x12() {
        var state = sandbox()
        state.press("?")
        assertScreen(
            screen(state, 40, 12),
            [
                "┏ Keys ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
                "┃ →/l        next step (then on into   ┃",
                "┃            the next lesson)          ┃",
                "┃ ←/h        previous step             ┃",
                "┃ v          named features ↔ the      ┃",
                "┃            words' real GloVe 50-d    ┃",
                "┃            vectors                   ┃",
                "┃ ↑/k        select the previous word, ┃",
                "┃            column or bar             ┃",
                "┃ ↓/j        select the next word,     ┃",
                "┃            column or bar             ┃",
                "┗━ ↑/↓ scroll · any key closes ━━━━━━━↓┛",
            ])
    }

    func testGoldenTooSmallAt20x6() {
        assertScreen(
            screen(sandbox(), 20, 6),
            [
                "",
                "",
                " terminal too small",
                "    (need 40×12)",
                "",
                "",
            ])
    }

    // MARK: Helpers

    /// The status bar's text without its padding.
    private func statusLine(_ buffer: Buffer) -> String {
        (buffer.lines.last ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// The status bar as AppKeys declares it (`AppKeys.statusBar`), before the "? help" hint.
    private func expectedStatusBar() -> String {
        AppKeys.statusBar(for: sandbox()).map { "\($0.label) \($0.short ?? "")" }.joined(separator: "  ")
    }

    /// A frame is drawn around `area` with `title` starting its top border.
    private func assertFrame(_ buffer: Buffer, _ area: Rect, title: String, file: StaticString = #filePath, line: UInt = #line) {
        let top = buffer.lines(in: Rect(x: area.x, y: area.y, width: area.width, height: 1)).first ?? ""
        let bottom = buffer.lines(in: Rect(x: area.x, y: area.bottom - 1, width: area.width, height: 1)).first ?? ""
        XCTAssertTrue(top.hasPrefix("╭ \(title)") || top.hasPrefix("┏ \(title)"), "top border: \(top)", file: file, line: line)
        XCTAssertTrue(top.hasSuffix("╮") || top.hasSuffix("┓"), "top border: \(top)", file: file, line: line)
        XCTAssertTrue(bottom.hasPrefix("╰") || bottom.hasPrefix("┗"), "bottom border: \(bottom)", file: file, line: line)
        XCTAssertTrue(bottom.hasSuffix("╯") || bottom.hasSuffix("┛"), "bottom border: \(bottom)", file: file, line: line)
    }

    /// Compares screens with trailing blanks trimmed, printing both in full on failure.
    private func assertScreen(_ buffer: Buffer, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        let got = buffer.text.components(separatedBy: "\n")
        XCTAssertEqual(got.count, buffer.size.height, file: file, line: line)
        if got != expected {
            let show = { (lines: [String]) in lines.map { "\"\($0)\"" }.joined(separator: "\n") }
            XCTFail("screen differs\n--- got\n\(show(got))\n--- expected\n\(show(expected))", file: file, line: line)
        }
    }

    private struct ProductRow {
        let name: String
        let a: Double
        let b: Double
        let product: Double
    }

    /// The feature table of a score's computation: the lines between the header and the first blank line.
    private func productTable(_ lines: [String]) throws -> [ProductRow] {
        let header = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("feature") })
        return try lines[(header + 1)...].prefix { !$0.isEmpty }.map { line in
            let fields = line.split(separator: " ")
            XCTAssertGreaterThanOrEqual(fields.count, 4, line)
            let numbers = try fields.suffix(3).map { try XCTUnwrap(Double($0), line) }
            return ProductRow(
                name: fields.dropLast(3).joined(separator: " "), a: numbers[0], b: numbers[1], product: numbers[2])
        }
    }

    private func number(after prefix: String, in lines: [String]) throws -> Double {
        let line = try XCTUnwrap(lines.first { $0.hasPrefix(prefix) }, "a line starting \(prefix)")
        return try XCTUnwrap(Double(line.dropFirst(prefix.count)), line)
    }

    private func lastNumber(_ line: String) throws -> Double {
        try XCTUnwrap(line.split(separator: " ").last.flatMap { Double($0) }, line)
    }
}
