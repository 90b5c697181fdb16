// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 6, the similarity table: every Try replayed, and its numbers against numpy.
final class SimilarityTableLessonTests: XCTestCase {
    func opened(step: Int) -> AppState { opening("similarity-table", step: step) }

    func cell(_ state: AppState) -> (row: String, column: String) { (state.words[state.selected].word, state.words[state.column].word) }

    func cellPanelText(_ state: AppState, width: Int = 100, height: Int = 30) throws -> String {
        var state = state
        _ = state.update(.resize(Size(width: width, height: height)))
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(SimilarityTableLesson.Panel.cell))).inset(by: 1)
        return LessonScreenTests.words(screen(state, width, height).text(in: rect))
    }

    func testStep1TryNMovesTheHighlightedCellAndThePanelReadsIt() throws {
        var state = opened(step: 0)
        XCTAssertTrue(cell(state) == ("apple", "phone"))
        // numpy: cos(apple, phone) = 0.5353150941272143, apple·phone = 1.0225
        XCTAssertEqual(try XCTUnwrap(state.analysis.cosine[state.selected, state.column]), 0.5353150941272143, accuracy: 1e-12)
        XCTAssertTrue(try cellPanelText(state).contains("apple × phone cosine 0.54"))
        state.press("n")
        XCTAssertTrue(cell(state) == ("apple", "laptop"))
        XCTAssertTrue(try cellPanelText(state).contains("apple × laptop cosine 0.51"))
        state.press("bb")
        XCTAssertTrue(cell(state) == ("apple", "apple"))
        XCTAssertTrue(try cellPanelText(state).contains("It sits on the diagonal."))
    }

    func testStep2TryNWalksTheDiagonalWithSquaredLengths() throws {
        var state = opened(step: 1)
        // numpy: |banana|² = 2.8475, |cherry|² = 3.4225, |grape|² = 3.06
        for expected in [2.8475, 3.4225, 3.06] {
            XCTAssertEqual(state.selected, state.column, "a diagonal cell")
            XCTAssertEqual(try XCTUnwrap(state.analysis.dot[state.selected, state.column]), expected, accuracy: 1e-12)
            XCTAssertEqual(try XCTUnwrap(state.analysis.cosine[state.selected, state.column]), 1, accuracy: 1e-12)
            state.press("n")
        }
        XCTAssertTrue(try cellPanelText(state).contains("dot = |orange|²"))
    }

    func testStep3TryNVisitsTheFruitBlockThenTheTechBlockThenThePairsBetween() throws {
        var state = opened(step: 2)
        let fruits: Set = ["banana", "cherry", "grape", "orange"]
        let tech: Set = ["phone", "laptop", "television"]
        var visited: [(String, String)] = [cell(state)]
        for _ in 0..<(6 + 3 + 12 - 1) {
            state.press("n")
            visited.append(cell(state))
        }
        XCTAssertTrue(visited[0..<6].allSatisfy { fruits.contains($0.0) && fruits.contains($0.1) && $0.0 != $0.1 })
        XCTAssertTrue(visited[6..<9].allSatisfy { tech.contains($0.0) && tech.contains($0.1) && $0.0 != $0.1 })
        XCTAssertTrue(visited[9...].allSatisfy { fruits.contains($0.0) && tech.contains($0.1) })
        // numpy: between the blocks every cosine is below 0 (banana·phone: −0.156813467104101).
        XCTAssertTrue(visited[9] == ("banana", "phone"))
        state = opened(step: 2)
        state.press(String(repeating: "n", count: 9))
        XCTAssertEqual(try XCTUnwrap(state.analysis.cosine[state.selected, state.column]), -0.156813467104101, accuracy: 1e-12)
        XCTAssertTrue(try cellPanelText(state).contains("Below 0"))
        XCTAssertTrue(try cellPanelText(state).contains("It sits between the blocks."))
    }

    func testStep4TryAddingMangoGivesItARowAndAColumn() throws {
        var state = opened(step: 3)
        XCTAssertEqual(state.words.count, 8)
        state.press("amango<Enter>")
        XCTAssertEqual(state.wordNames.last, "mango")
        XCTAssertEqual(state.analysis.cosine.count, 9)
        // Its row comes after the blocks; the cell panel still puts a fruit with the fruits.
        XCTAssertEqual(state.selectedWord?.word, "mango")
        let reading = try cellPanelText(state)
        XCTAssertTrue(reading.contains("It sits in the fruit block, though mango's row and column come last: it was added."), reading)
        // Nine words: at 100×30 one table (m switches) keeps two decimals; at 120×40 both fit side by side.
        for (size, tables) in [(Size(width: 100, height: 30), 1), (Size(width: 120, height: 40), 2)] {
            _ = state.update(.resize(size))
            let rect = try XCTUnwrap(state.layout(for: state.size).heatmap)
            let rows = screen(state, size.width, size.height).lines(in: rect).filter { $0.contains("mango") }
            XCTAssertEqual(rows.count, 1, "one row")
            XCTAssertEqual(
                rows.first?.components(separatedBy: "mango").count, tables + 1, "\(tables) table(s) at \(size.width)×\(size.height)")
        }
        // The added word stays when the learner comes back from the exercise, which keeps it too.
        state.press("<Right>")
        XCTAssertEqual([state.stepID, state.wordNames.last], ["exercise", "mango"])
        state.press("<Left>")
        XCTAssertEqual(state.lessonID, "similarity-table")
        XCTAssertEqual(state.wordNames.last, "mango")
        // r shows the step as it first appeared.
        state.press("r")
        XCTAssertEqual(state.wordNames, SimilarityTableLesson.words)
    }

    func testStep4ApplesRowIsAbove0WhereEveryFruitsRowDropsBelow0AtTheElectronics() throws {
        let state = opened(step: 3)
        let row = { (word: String) in state.words.indices.map { state.analysis.cosine[state.index(of: word) ?? 0, $0] ?? 0 } }
        XCTAssertTrue(row("apple").allSatisfy { $0 > 0 }, "\(row("apple"))")
        let tech = SimilarityTableLesson.tech.compactMap { state.index(of: $0) }
        XCTAssertEqual(tech.count, 3)
        for fruit in SimilarityTableLesson.fruits {
            XCTAssertTrue(tech.contains { row(fruit)[$0] < 0 }, fruit)
        }
    }

    func testStep4NWalksApplesRow() {
        var state = opened(step: 3)
        let apple = state.index(of: "apple")
        for _ in 0..<8 {
            state.press("n")
            XCTAssertEqual(state.selected, apple)
        }
    }

    func testTheTwoTablesSitSideBySideWhenWide() throws {
        var state = opened(step: 0)
        _ = state.update(.resize(Size(width: 100, height: 30)))
        XCTAssertTrue(screen(state, 100, 30).lines.contains { $0.contains("cosine") && $0.contains("dot product") })
        _ = state.update(.resize(Size(width: 80, height: 24)))
        XCTAssertFalse(state.layout(for: state.size).heatmapsSideBySide)
    }

    func testOnASmallScreenNKeepsTheCellPanelInFront() {
        var state = opened(step: 0)
        _ = state.update(.resize(Size(width: 60, height: 20)))
        state.press("<Tab>")
        XCTAssertEqual(state.focus, .panel(SimilarityTableLesson.Panel.cell))
        state.press("n")
        XCTAssertEqual(state.focus, .panel(SimilarityTableLesson.Panel.cell))
        XCTAssertTrue(screen(state, 60, 20).text.contains("apple × laptop"))
    }

    // MARK: What the walk found

    /// Presses n until the highlighted cell is `target` (every cell is on the tour of steps 1 and 5).
    func walk(_ state: inout AppState, to target: (String, String), file: StaticString = #filePath, line: UInt = #line) {
        for _ in 0..<state.words.count * state.words.count where cell(state) != target { state.press("n") }
        XCTAssertTrue(cell(state) == target, "\(cell(state))", file: file, line: line)
    }

    /// Every number in the heatmap's cells, as drawn.
    func cellNumbers(_ state: AppState, width: Int, height: Int) throws -> [String] {
        var state = state
        _ = state.update(.resize(Size(width: width, height: height)))
        let rect = try XCTUnwrap(state.layout(for: state.size).heatmap).inset(by: 1)
        // Rows of the tables: a label, then the cells (the legend line and headers hold no cells).
        let rows = screen(state, width, height).lines(in: rect).filter { line in
            state.wordNames.contains { line.hasPrefix(String($0.prefix(4))) }
        }
        return rows.flatMap { $0.split(separator: " ").map(String.init).filter { Double($0.replacing("−", with: "-")) != nil } }
    }

    func testAfterAddingMangoEveryCellKeepsTwoDecimals() throws {
        var state = opened(step: 3)
        state.press("amango<Enter>")
        for (width, height) in [(80, 24), (100, 30), (120, 40)] {
            let numbers = try cellNumbers(state, width: width, height: height)
            XCTAssertGreaterThanOrEqual(numbers.count, 8 * 9, "\(width)×\(height)")
            for number in numbers {
                XCTAssertEqual(number.split(separator: ".").last?.count, 2, "\(number) at \(width)×\(height)")
            }
        }
    }

    func testStep2ShowsAWordNeedNotScoreItselfHighestWithTheDotProduct() throws {
        var state = opened(step: 1)
        // numpy: grape·cherry = 3.215, grape·grape = 3.06, cherry·cherry = 3.4225.
        let grape = try XCTUnwrap(state.index(of: "grape"))
        let cherry = try XCTUnwrap(state.index(of: "cherry"))
        XCTAssertEqual(try XCTUnwrap(state.analysis.dot[grape, cherry]), 3.215, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(state.analysis.dot[grape, grape]), 3.06, accuracy: 1e-12)
        // 3.215 rounds to 3.22, as the table's cell shows it.
        XCTAssertTrue(course.text(lesson: index("similarity-table"), step: 1).contains("grape·cherry 3.22 beats grape·grape 3.06"))
        // The cell panel says so wherever the learner meets such a cell.
        var table = opened(step: 0)
        walk(&table, to: ("grape", "cherry"))
        XCTAssertTrue(try cellPanelText(table).contains("With the dot product grape scores cherry (3.22) above itself (3.06)"))
        state.press("n")
        XCTAssertFalse(try cellPanelText(state).contains("above itself"), "not on the diagonal")
        // numpy: banana·cherry 2.8524999999999996, banana·banana 2.8474999999999997: 4 decimals tell
        // them apart and are exact, as lesson 3 shows them (to 3 they rounded down to 2.852 and 2.847).
        walk(&table, to: ("banana", "cherry"))
        XCTAssertTrue(try cellPanelText(table).contains("banana scores cherry (2.8525) above itself (2.8475)"))
    }

    func testAt120x40TheCellPanelShowsHowItsScoresWereComputed() throws {
        var state = opened(step: 0)
        _ = state.update(.resize(Size(width: 120, height: 40)))
        let text = try cellPanelText(state, width: 120, height: 40)
        // numpy: apple·phone = 1.0225, |apple| = 1.2480, |phone| = 1.5305, cosine 0.5353.
        XCTAssertTrue(text.contains("dot = Σ products = 1.0225"), text)
        XCTAssertTrue(text.contains("cosine = dot / (|apple|·|phone|) = 1.0225 / 1.9101 = 0.5353"), text)
        ScreenFile.assertMatches(screen(state, 120, 40), named: "similarity-table-table-120x40")
        // In the exercise the products and their sum, not the lengths: it asks for one.
        var exercise = opened(step: 4)
        _ = exercise.update(.resize(Size(width: 120, height: 40)))
        let products = try cellPanelText(exercise, width: 120, height: 40)
        XCTAssertTrue(products.contains("dot = Σ products = 1.2300"), products)
        XCTAssertFalse(products.contains("|apple| =") || products.contains("cosine ="), products)
    }

    // MARK: The exercise

    func testTheExerciseIsSolvedByReplayingItsSolutions() {
        ExerciseReplay.assertSolutionsSolve("similarity-table")
    }

    func testTheLastExploreStepEndsWithARecap() {
        ExerciseReplay.assertRecap("similarity-table")
    }

    func testTheExerciseReadsTheDotProductsAndTheirDiagonal() throws {
        var state = opened(step: 4)
        XCTAssertEqual(state.metric, .dot)
        XCTAssertTrue(cell(state) == ("apple", "orange"))
        let task = state.tasks[0]
        XCTAssertEqual(SimilarityTableLesson.beatsItself(state.workspace).compared, "apple·orange 1.23 ≤ apple·apple 1.56")
        state.press("n")  // apple × phone: 1.0225, below apple·apple 1.5575
        XCTAssertFalse(state.isSolved(task: task))
        state.press("bb")  // apple × grape: 1.58 > 1.5575 (numpy)
        XCTAssertTrue(state.isSolved(task: task))
        XCTAssertTrue(try cellPanelText(state).contains("apple scores grape (1.58) above itself (1.56)"))
        // The step's own example does not count.
        var named = opened(step: 4)
        walk(&named, to: ("grape", "cherry"))
        let check = SimilarityTableLesson.beatsItself(named.workspace)
        XCTAssertFalse(check.isSolved)
        XCTAssertEqual(check.compared, "grape·cherry 3.22 > grape·grape 3.06, the step's own example: find another")
        // |laptop| = √2.095 = 1.4474: the diagonal's 2.10 gives 1.449, 1.45.
        named.press("<Enter>1.85<Enter>")
        XCTAssertFalse(named.isSolved(task: named.tasks[1]), "|cherry|, which lesson 4 shows, is not the answer")
        named.press("<Enter>1.45<Enter>")
        XCTAssertTrue(named.isSolved(task: named.tasks[1]))
    }

    /// The length the exercise asks for is shown by no lesson before it (lesson 4 shows |cherry| = 1.850,
    /// which this task asked for until the walk found it), at 80×24 or 100×30, in any step as it opens.
    func testNoEarlierLessonShowsTheLengthTheExerciseAsksFor() throws {
        let length = try XCTUnwrap(opened(step: 4).vector(of: SimilarityTableLesson.measured)).reduce(0) { $0 + $1 * $1 }.squareRoot()
        XCTAssertEqual(length, 1.447_411_482_613_013, accuracy: 1e-12)
        let upTo = index("similarity-table")
        for lesson in course.lessons.prefix(upTo + 1) {
            for step in lesson.stepIDs.indices {
                for size in ExerciseReplay.sizes {
                    let text = screen(opening(lesson.id, step: step), size.width, size.height).text
                    // The exercise names the length it asks for; no step shows its value.
                    let isTheExercise = lesson.id == "similarity-table" && lesson.stepKind(step) == .exercise
                    for shown in (isTheExercise ? [] : ["|\(SimilarityTableLesson.measured)|"]) + ["1.447", "1.45"] {
                        XCTAssertFalse(text.contains(shown), "\(lesson.id) step \(step + 1) shows \(shown)")
                    }
                }
            }
        }
    }

    /// Steps 4 and 5 at 80×24: the status bar lists every key their texts name, m among them
    /// (n and b share one entry, "n/b cell", to make the room).
    func testTheStatusBarListsTheKeysTheTextsNameAt80x24() {
        let keys: [Int: [String]] = [
            0: ["n/b", "m metric"], 1: ["n/b"], 2: ["n/b"], 3: ["n/b", "a add", "m metric"], 4: ["n/b", "m metric"],
        ]
        for (step, named) in keys {
            let status = screen(opened(step: step), 80, 24).lines.last ?? ""
            for key in named { XCTAssertTrue(status.contains(key), "step \(step + 1): \(key) in \(status)") }
        }
        XCTAssertTrue(course.text(lesson: index("similarity-table"), step: 4).contains("m switches the metric"))
    }

    func testTheAnswerBoxStaysWithin76Columns() {
        AnswerBox.assertFits("similarity-table")
    }
}
