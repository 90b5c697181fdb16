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
        // Its row comes after the blocks, and the cell panel says so rather than call a fruit an outsider.
        XCTAssertEqual(state.selectedWord?.word, "mango")
        XCTAssertTrue(try cellPanelText(state).contains("outside the blocks: mango was added after them"))
        _ = state.update(.resize(Size(width: 100, height: 30)))
        let rect = try XCTUnwrap(state.layout(for: state.size).heatmap)
        let rows = screen(state, 100, 30).lines(in: rect).filter { $0.contains("mango") }
        XCTAssertEqual(rows.count, 1, "one row, in both tables side by side")
        XCTAssertEqual(rows.first?.components(separatedBy: "mango").count, 3)
        // The added word stays when the learner comes back to this step from the next lesson.
        state.press("<Right><Left>")
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
}
