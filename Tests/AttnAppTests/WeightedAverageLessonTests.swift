// SPDX-License-Identifier: Apache-2.0

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
        // By hand: q = (2, 1), w = 6, 1, 8, Σ = 15; c's first coordinate = (6·2 + 1·(−1) + 8·4) / 15 = 43 / 15.
        XCTAssertEqual(try plane(state).q, [2, 1])
        XCTAssertEqual(try plane(state).scores, [6, 1, 8])
        XCTAssertEqual(try XCTUnwrap(try plane(state).rawAverage?.first), 43.0 / 15, accuracy: 1e-12)
        var text = panelText(state)
        XCTAssertTrue(text.contains("c = (Σ wᵢ·vᵢ) / Σ wᵢ = (?, ?)"), text)
        XCTAssertTrue(text.contains("The plane · q (c is yours to find)"), text)
        XCTAssertFalse(text.contains("2.87") || text.contains("(43, 15)"), "neither c nor Σ wᵢ·vᵢ: \(text)")
        state.press("<Enter>2.89<Enter>")
        XCTAssertFalse(state.isSolved(task: state.tasks[0]), "two units off")
        // Turned away, the task still asks for c at (2, 1), and c stays hidden.
        state.press("t")
        XCTAssertEqual(try plane(state).q, [1, 1])
        XCTAssertFalse(panelText(state).contains("(2.20, 1.40)"), panelText(state))
        state.press("<Enter>2.20<Enter>")
        XCTAssertFalse(state.isSolved(task: state.tasks[0]), "c at (1, 1), which step 1 shows, is not the answer")
        state.press("<Enter>2.87<Enter>")
        XCTAssertTrue(state.isSolved(task: state.tasks[0]))
        text = panelText(state)
        XCTAssertTrue(text.contains("c = (22, 14) / 10 = (2.20, 1.40)"), text)
        // From (1, 1), t twice more reaches (−1, 1): a zero sum.
        state.press("tt")
        XCTAssertTrue(state.isSolved(task: state.tasks[1]))
        XCTAssertEqual(state.currentLesson.check(task: 1, step: state.step, workspace: state.workspace)?.compared, "q = (-1, 1), Σ w = 0")
    }

    /// The exercise's c is shown nowhere before it: not as the steps open, nor after any number of
    /// t presses in them (their eight directions give three averages, all different from it).
    func testNoExploreStepShowsTheExercisesAverage() throws {
        let answer = try XCTUnwrap(WeightedAverageLesson.Step.exercise.opening.rawAverage)
        let shown = QueryPlane.vectorText(answer, decimals: 2)
        XCTAssertEqual(shown, "(2.87, 1.00)")
        var averages = Set<String>()
        for step in 0..<4 {
            var state = opened(step: step)
            for _ in 0..<8 {
                let text = panelText(state)
                XCTAssertFalse(text.contains(shown) || text.contains("2.87"), "step \(step + 1): \(text)")
                if let c = try plane(state).rawAverage { averages.insert(QueryPlane.vectorText(c, decimals: 2)) }
                state.press("t")
            }
        }
        XCTAssertEqual(averages, ["(2.20, 1.40)", "(0.20, 2.60)", "(4.20, 0.20)"])
        XCTAssertFalse(course.text(lesson: index("weighted-average"), step: 4).contains("2.87"))
        // The exercise's t goes round nine q's, (2, 1) among them, and back.
        var state = opened(step: 4)
        var seen: [[Double]] = []
        for _ in 0..<9 {
            seen.append(try plane(state).q)
            state.press("t")
        }
        XCTAssertEqual(seen, [[2, 1], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1], [1, 0]])
        XCTAssertEqual(try plane(state).q, [2, 1])
    }

    /// Step 2 at 80×24: every word the text names is on the plane — phone beside c, q beside its
    /// arrowhead (before, c's label took phone's place and q's covered the arrowhead: "q⡀⡀…■✚c").
    func testStep2TheWordsTheTextNamesAreOnThePlane() throws {
        let state = opened(step: 1)
        let size = Size(width: 80, height: 24)
        let plane = state.panelText(WeightedAverageLesson.Panel.plane, size: size)
        for label in ["banana", "apple", "phone■✚c", "→q"] {
            XCTAssertTrue(plane.contains(label), "\(label)\n\(plane)")
        }
        XCTAssertFalse(plane.contains("hidden"), plane)
        // Every step and every turn: each word and q are named, never a label left out.
        for step in 0..<5 {
            var state = opened(step: step)
            for _ in 0..<9 {
                let text = state.panelText(WeightedAverageLesson.Panel.plane, size: size)
                let q = try self.plane(state).q
                for label in ["banana", "apple", "phone", "q"] {
                    XCTAssertTrue(text.contains(label), "step \(step + 1), q = \(q): \(label)\n\(text)")
                }
                XCTAssertFalse(text.contains("hidden"), text)
                state.press("t")
            }
        }
        XCTAssertTrue(course.text(lesson: index("weighted-average"), step: 1).contains("beyond phone"))
    }

    func testTheAnswerBoxStaysWithin76Columns() {
        AnswerBox.assertFits("weighted-average")
        AnswerBox.assertFits("weighted-average", keys: "tt")
    }
}
