import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 7, the raw-score average: every Try replayed, and c against hand arithmetic.
final class WeightedAverageLessonTests: XCTestCase {
    func opened(step: Int) -> AppState { opening("weighted-average", step: step) }

    func plane(_ state: AppState) throws -> QueryPlane { try XCTUnwrap(state.currentLesson.base as? WeightedAverageLesson).plane }

    func assertClose(_ a: [Double]?, _ b: [Double], file: StaticString = #filePath, line: UInt = #line) {
        guard let a else { return XCTFail("undefined, expected \(b)", file: file, line: line) }
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-12, file: file, line: line) }
    }

    func panelText(_ state: AppState) -> String { LessonScreenTests.words(screen(state, 80, 24).text) }

    func testStep1AllPositiveWeightsAverageAmongTheWordsAndTTurnsQ() throws {
        var state = opened(step: 0)
        // By hand: q = (1,1); w = (1,1)·(2,2) = 4, (1,1)·(−1,3) = 2, (1,1)·(4,0) = 4; Σ = 10;
        // c = (4·2 + 2·(−1) + 4·4, 4·2 + 2·3 + 4·0) / 10 = (22, 14) / 10.
        XCTAssertEqual(try plane(state).scores, [4, 2, 4])
        assertClose(try plane(state).rawAverage, [2.2, 1.4])
        XCTAssertTrue(panelText(state).contains("c = (22, 14) / 10 = (2.20, 1.40)"))
        state.press("t")
        // q = (0,1): w = 2, 3, 0; c = (2·2 − 3 + 0, 2·2 + 3·3) / 5 = (1, 13) / 5.
        XCTAssertEqual(try plane(state).q, [0, 1])
        XCTAssertEqual(try plane(state).scores, [2, 3, 0])
        assertClose(try plane(state).rawAverage, [0.2, 2.6])
        XCTAssertTrue(panelText(state).contains("(0.20, 2.60)"))
    }

    func testStep2ANegativeWeightPushesCBeyondPhoneAndOneTurnBringsItBack() throws {
        var state = opened(step: 1)
        // q = (1,0): w = 2, −1, 4; c = (4 + 1 + 16, 4 − 3 + 0) / 5 = (4.2, 0.2): beyond phone (4, 0).
        XCTAssertEqual(try plane(state).scores, [2, -1, 4])
        assertClose(try plane(state).rawAverage, [4.2, 0.2])
        XCTAssertTrue(panelText(state).contains("negative weight: banana"))
        state.press("t")
        XCTAssertTrue(try plane(state).scores.allSatisfy { $0 > 0 })
        let c = try XCTUnwrap(try plane(state).rawAverage)
        XCTAssertLessThan(c[0], 4, "back among the words")
        XCTAssertFalse(panelText(state).contains("negative weight:"))
    }

    func testStep3TheWeightsSumToZeroAndCIsUndefinedUntilTTurnsQ() throws {
        var state = opened(step: 2)
        XCTAssertEqual(try plane(state).scores, [0, -4, 4])
        XCTAssertNil(try plane(state).rawAverage)
        XCTAssertTrue(panelText(state).contains("Σw = 0 → c = (20, -12) / 0: undefined"), panelText(state))
        XCTAssertTrue(panelText(state).contains("c undefined"))
        state.press("t")
        XCTAssertEqual(try plane(state).scores.reduce(0, +), 5)
        XCTAssertLessThan(try plane(state).scores[1], 0, "banana's weight is still negative")
        assertClose(try plane(state).rawAverage, [4.2, 0.2])
    }

    func testStep4AllNegativeWeightsGiveTheSameCAsTheOppositeQ() throws {
        var state = opened(step: 3)
        XCTAssertEqual(try plane(state).scores, [-4, -2, -4])
        let before = try XCTUnwrap(try plane(state).rawAverage)
        assertClose(before, [2.2, 1.4])
        state.press("tttt")
        XCTAssertEqual(try plane(state).q, [1, 1])
        XCTAssertEqual(try plane(state).scores, [4, 2, 4])
        assertClose(try plane(state).rawAverage, before)
    }

    func testEnterOnTheNumbersShowsHowEachRawWeightWasComputed() throws {
        var state = opened(step: 0)
        state.focus = .panel(WeightedAverageLesson.Panel.average)
        state.press("<Enter>")  // the panel's title says "Enter why"
        guard case .detail(.lesson(let explanation), _) = state.mode else { return XCTFail("no detail: \(state.mode)") }
        XCTAssertEqual(explanation.title, "The raw weights")
        XCTAssertTrue(explanation.lines.contains("w(apple) = q·v = (1, 1)·(2, 2) = 4"), "\(explanation.lines)")
    }

    func testResetBringsTheStepBack() throws {
        var state = opened(step: 2)
        state.press("ttr")
        XCTAssertEqual(try plane(state).q, [1, -1])
    }

    // MARK: The exercise

    func testTheExerciseIsSolvedByReplayingItsSolutions() {
        ExerciseReplay.assertSolutionsSolve("weighted-average")
    }

    func testTheLastExploreStepEndsWithARecap() {
        ExerciseReplay.assertRecap("weighted-average")
    }

    func testTheExerciseShowsTheWeightsAndHidesCUntilItIsWorkedOut() throws {
        var state = opened(step: 4)
        // By hand: q = (1, 0), w = 2, −1, 4, Σ = 5; c's first coordinate = (2·2 + (−1)·(−1) + 4·4) / 5 = 21 / 5.
        XCTAssertEqual(try plane(state).scores, [2, -1, 4])
        XCTAssertEqual(try XCTUnwrap(try plane(state).rawAverage?.first), 4.2, accuracy: 1e-12)
        var text = panelText(state)
        XCTAssertTrue(text.contains("c = (Σ wᵢ·vᵢ) / Σ wᵢ = (?, ?)"), text)
        XCTAssertTrue(text.contains("The plane · q (c is yours to find)"), text)
        XCTAssertFalse(text.contains("4.20") || text.contains("(21, 1)"), "neither c nor Σ wᵢ·vᵢ: \(text)")
        state.press("<Enter>4.3<Enter>")
        XCTAssertFalse(state.isSolved(task: state.tasks[0]), "two units off")
        state.press("<Enter>4.2<Enter>")
        XCTAssertTrue(state.isSolved(task: state.tasks[0]))
        text = panelText(state)
        XCTAssertTrue(text.contains("c = (21, 1) / 5 = (4.20, 0.20)"), text)
        // Turned to a zero sum, the number has no value.
        state.press("ttt")
        XCTAssertTrue(state.isSolved(task: state.tasks[1]))
        XCTAssertEqual(state.currentLesson.check(task: 1, step: state.step, workspace: state.workspace)?.compared, "q = (-1, 1), Σ w = 0")
    }
}
