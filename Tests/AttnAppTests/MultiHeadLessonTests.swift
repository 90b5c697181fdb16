// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 12: three heads with their own matrices attend differently; their outputs are joined and projected by W_O.
final class MultiHeadLessonTests: XCTestCase {
    static let number = 12
    let words = ["apple", "banana", "cherry", "orange", "phone", "laptop"]
    /// (fruit, tech, colour) of each word, as the lexicon has them.
    let features: [[Double]] = [[0.6, 0.65, 0.25], [0.95, 0, 0.4], [0.9, 0, 0.7], [0.65, 0, 0.75], [0, 0.9, 0], [0, 0.95, 0]]

    func opened(step: Int) -> AppState {
        var state = opening("multi-head", step: step)
        _ = state.update(.resize(Size(width: 100, height: 30)))
        return state
    }

    func lesson(_ state: AppState) throws -> MultiHeadLesson { try XCTUnwrap(state.currentLesson.base as? MultiHeadLesson) }

    /// softmax((x_i·w)(x_j·w)) over j, written out here: a head whose W_Q = W_K = w (d_k = 1).
    func weights(of row: Int, column w: [Double]) -> [Double] {
        let projected = features.map { $0[0] * w[0] + $0[1] * w[1] + $0[2] * w[2] }
        let exponentials = projected.map { exp(projected[row] * $0) }
        let sum = exponentials.reduce(0, +)
        return exponentials.map { $0 / sum }
    }

    /// Σ_j w_j·x_j: a head's output with W_V = I.
    func output(_ weights: [Double]) -> [Double] {
        (0..<3).map { k in zip(weights, features).reduce(0) { $0 + $1.0 * $1.1[k] } }
    }

    func testTheInputIsTheLexiconsThreeFeatures() throws {
        let state = opened(step: 0)
        XCTAssertEqual(try lesson(state).input, Matrix(features))
    }

    func testEachHeadsWeightsMatchAHandComputedSoftmax() throws {
        let result = try XCTUnwrap(try lesson(opened(step: 1)).result)
        for (head, column) in [[3.0, 0, 0], [0, 3.0, 0], [0, 0, 4.0]].enumerated() {
            for row in words.indices {
                let expected = weights(of: row, column: column)
                for (got, want) in zip(result.heads[head].weights.row(row), expected) { XCTAssertEqual(got, want, accuracy: 1e-12) }
            }
        }
        // Apple by hand in head 1: scores 1.8·(1.8, 2.85, 2.7, 1.95, 0, 0) → softmax ≈ 0.07, 0.47, 0.36, 0.09, 0.003, 0.003.
        XCTAssertEqual(result.heads[0].weights[0, 1], 0.4711, accuracy: 5e-4)
    }

    func testOneWordAttendsToDifferentWordsInEachHead() throws {
        let result = try XCTUnwrap(try lesson(opened(step: 1)).result)
        let apple = 0
        let top = result.heads.map { head in
            words[head.weights.row(apple).indices.max { head.weights[apple, $0] < head.weights[apple, $1] }!]
        }
        XCTAssertEqual(top, ["banana", "laptop", "orange"])
    }

    func testStep1ArrowsChooseTheWordMarkedInEveryHead() throws {
        var state = opened(step: 0)
        XCTAssertEqual(state.selectedWord?.word, "cherry")
        XCTAssertTrue(screen(state, 100, 30).text.contains("cherry → banana 0.55"))
        state.press("<Down>")
        XCTAssertEqual(state.selectedWord?.word, "orange")
        let text = screen(state, 100, 30).text
        XCTAssertTrue(text.contains("orange → banana 0.49"), text)
        state.press("<Up><Up>")
        XCTAssertEqual(state.selectedWord?.word, "banana")
        // One entry for the pair in the status bar.
        XCTAssertTrue(text.contains("↑/↓ word") && !text.contains("↓/j"))
    }

    func testStep2EnterShowsApplesNumbersInTheMarkedHead() throws {
        var state = opened(step: 1)
        state.press("<Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("no lesson detail") }
        XCTAssertEqual(explanation.title, "apple in head 1 (fruit)")
        XCTAssertTrue(explanation.lines.contains("scores q·k/√1: 3.24, 5.13, 4.86, 3.51, 0.00, 0.00"), "\(explanation.lines)")
        XCTAssertTrue(explanation.lines.contains("weights = softmax(scores): 0.07, 0.47, 0.36, 0.09, 0.00, 0.00"), "\(explanation.lines)")
    }

    func testStep3LoweringHead2sTechEntryToZeroFlattensApplesRow() throws {
        var state = opened(step: 2)
        XCTAssertGreaterThan(try XCTUnwrap(try lesson(state).result).heads[1].weights[0, 5], 0.5)
        state.press("------")
        let edited = try lesson(state)
        XCTAssertEqual(edited.columns[1], [0, 0, 0])
        for weight in try XCTUnwrap(edited.result).heads[1].weights.row(0) { XCTAssertEqual(weight, 1.0 / 6, accuracy: 1e-12) }
        // The matrices panel says so, rather than naming two "top" words of a tie.
        XCTAssertTrue(screen(state, 80, 24).text.contains("apple → all 6 alike, 0.17 each"), screen(state, 80, 24).text)
        // The other heads are untouched.
        XCTAssertEqual(try XCTUnwrap(edited.result).heads[0].weights[0, 1], weights(of: 0, column: [3, 0, 0])[1], accuracy: 1e-12)
        // n and e choose another entry; + raises it: head 3's fruit entry now also counts.
        state.press("n++")
        XCTAssertEqual(try lesson(state).columns[2], [0, 0, 5])
        state.press("e+")
        XCTAssertEqual(try lesson(state).columns[2], [0.5, 0, 5])
        state.press("r")
        XCTAssertEqual(try lesson(state).columns, MultiHeadLesson.presets)
    }

    func testStep4ConcatenationAndWOMatchHandComputedOutputs() throws {
        var state = opened(step: 3)
        let heads = [[3.0, 0, 0], [0, 3.0, 0], [0, 0, 4.0]].map { output(weights(of: 0, column: $0)) }
        let result = try XCTUnwrap(try lesson(state).result)
        let concatenated = heads.flatMap { $0 }
        for (got, want) in zip(result.concatenated.row(0), concatenated) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        // W_O = the mean of the heads.
        for k in 0..<3 { XCTAssertEqual(result.output[0, k], (heads[0][k] + heads[1][k] + heads[2][k]) / 3, accuracy: 1e-12) }
        state.press("o")
        // W_O = each head's own feature: head 1's fruit, head 2's tech, head 3's colour.
        let own = try XCTUnwrap(try lesson(state).result).output.row(0)
        XCTAssertEqual(own[0], heads[0][0], accuracy: 1e-12)
        XCTAssertEqual(own[1], heads[1][1], accuracy: 1e-12)
        XCTAssertEqual(own[2], heads[2][2], accuracy: 1e-12)
        XCTAssertTrue(screen(state, 100, 30).text.contains("each head's own feature"))
        state.press("o")
        let first = try XCTUnwrap(try lesson(state).result).output.row(0)
        for k in 0..<3 { XCTAssertEqual(first[k], heads[0][k], accuracy: 1e-12) }
    }

    // MARK: What the learner's walk found

    /// The tables round the weights; the text says so, and the panel below has two decimals.
    func testTheTextSaysTheTablesRoundAndDefinesDK() throws {
        var state = opening("multi-head", step: 0)
        _ = state.update(.resize(Size(width: 80, height: 24)))
        let screenText = screen(state, 80, 24).text
        // At 80×24 the cells have one decimal: apple's head-1 row reads .1 .5 .4 .1 .0 .0, summing to 1.1.
        XCTAssertTrue(screenText.contains("apple   .1▒.5░.4 .1 .0 .0") || screenText.contains(".1 .5 .4 .1 .0 .0"), screenText)
        let steps = course.lessons[index("multi-head")]
        let text = (0..<steps.stepCount).map { LessonScreenTests.words(course.text(lesson: index("multi-head"), step: $0)) }
        XCTAssertTrue(text[0].contains("The tables round the weights (the panel below has two decimals)"))
        XCTAssertTrue(text[2].contains("d_k = 1"), text[2])
        XCTAssertTrue(text[2].contains("d_k = d_model/h: 512/8 = 64"), text[2])
        XCTAssertTrue(LessonScreenTests.words(screenText).contains("banana 0.55, cherry 0.37"), "two decimals below the tables")
    }

    /// At 80×24 the heads show every word's row in every step: the concatenation shrinks first.
    func testAt80x24EveryHeadShowsEveryWord() throws {
        for step in 0..<course.lessons[index("multi-head")].stepCount {
            var state = opening("multi-head", step: step)
            _ = state.update(.resize(Size(width: 80, height: 24)))
            let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(MultiHeadLesson.Panel.heads)))
            let text = screen(state, 80, 24).text(in: rect)
            for word in words { XCTAssertTrue(text.contains(word), "step \(step + 1): \(word)\n\(text)") }
        }
        // The one-line concatenation still has the joined and the final numbers.
        var concat = opening("multi-head", step: 3)
        _ = concat.update(.resize(Size(width: 80, height: 24)))
        let result = try XCTUnwrap(try lesson(concat).result)
        let line = LessonScreenTests.words(screen(concat, 80, 24).text)
        let final = result.output.row(0).map { NumberFormat.fixed($0, decimals: 2) }.joined(separator: " ")
        XCTAssertTrue(line.contains("│ 0.06 0.90 0.03 │") && line.contains("· W_O = \(final)"), line)
    }

    // MARK: Exercise

    func testTheExerciseIsSolvedByItsSolutionsAndChecksTheLiveHeads() throws {
        let fresh = try assertExerciseReplays("multi-head")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.keys, .number])
        // Hand-computed: head 1's column (0, 0.5, 0) makes laptop apple's top word (tech 0.95 beats phone's 0.9 and apple's 0.65).
        XCTAssertEqual(fresh.tasks[0].solution, "------e+")
        var solved = fresh
        solved.press(fresh.tasks[0].solution)
        XCTAssertEqual(try lesson(solved).columns[0], [0, 0.5, 0])
        let row = weights(of: 0, column: [0, 0.5, 0])
        XCTAssertEqual(row.firstIndex(of: row.max()!), 5)
        XCTAssertEqual(try XCTUnwrap(try lesson(solved).result).heads[0].weights[0, 5], row[5], accuracy: 1e-12)
        // Raising tech alone to 3.5 is not enough: apple itself (0.6·3 + 0.65·3.5) still leads.
        var tech = fresh
        tech.press("e+++++++")
        XCTAssertFalse(tech.isSolved(task: tech.tasks[0]))
        XCTAssertTrue(stepText(tech).contains("Now: head 1: apple → apple"), stepText(tech))
        // Task 2: apple's final fruit through the mean W_O, the mean of the three heads' fruit
        // outputs, hand-computed here, with head 3 at colour 2 as the exercise opens: no step
        // showed it (the concat step's head 3 compares at 4: 0.56), and the exercise hides the
        // final vector until it is solved.
        XCTAssertEqual(try lesson(fresh).columns, [[3, 0, 0], [0, 3, 0], [0, 0, 2]])
        XCTAssertTrue(stepText(fresh).contains("head 3's colour entry is 2 (it was 4)"))
        let heads = [
            output(weights(of: 0, column: [3, 0, 0])), output(weights(of: 0, column: [0, 3, 0])),
            output(weights(of: 0, column: [0, 0, 2])),
        ]
        let fruit = heads.map { $0[0] }.reduce(0, +) / 3
        XCTAssertEqual(try XCTUnwrap(try lesson(fresh).appleFruitThroughTheMean()), fruit, accuracy: 1e-12)
        XCTAssertEqual(fresh.tasks[1].solution, "<Enter>\(NumberFormat.fixed(fruit, decimals: 2))<Enter>")
        XCTAssertEqual(NumberFormat.fixed(fruit, decimals: 2), "0.51")
        var shown = fresh
        shown.press("<Enter>0.56<Enter>")
        XCTAssertFalse(shown.isSolved(task: shown.tasks[1]), "the concat step's number is not this one")
        let final = { (state: AppState) in panelWords(state, .panel(MultiHeadLesson.Panel.concatenation)) }
        for keys in ["", "o", "oo", fresh.tasks[0].solution] {
            var state = fresh
            state.press(keys)
            XCTAssertTrue(final(state).contains("· W_O (9×3) = ? ? ? (task 2)"), final(state))
        }
        // The heads' outputs it is worked out from are on screen.
        let concat = heads.map { $0.map { NumberFormat.fixed($0, decimals: 2) }.joined(separator: " ") }.joined(separator: " │ ")
        XCTAssertTrue(final(fresh).contains(concat), final(fresh))
        var answered = fresh
        answered.press(fresh.tasks[1].solution)
        let mean = heads.indices.map { feature in heads.map { $0[feature] }.reduce(0, +) / 3 }
        XCTAssertTrue(final(answered).contains("· W_O (9×3) = " + mean.map { NumberFormat.fixed($0, decimals: 2) }.joined(separator: " ")))
        // Live: after task 1's edit head 1's output changes, and so does the answer.
        var both = solved
        both.press("<Enter>0.51<Enter>")
        XCTAssertFalse(both.isSolved(task: both.tasks[1]))
        let edited = (output(row)[0] + heads[1][0] + heads[2][0]) / 3
        both.press("<Enter>\(NumberFormat.fixed(edited, decimals: 2))<Enter>")
        XCTAssertTrue(both.isSolved(task: both.tasks[1]))
    }

    /// A head's panel is titled by what its W_Q = W_K column compares now, not by its preset.
    func testAHeadIsTitledByItsCurrentColumn() throws {
        var state = opening("multi-head", step: 2)  // editing head 2, its tech entry
        let titles = { (state: AppState) in screen(state, 80, 24).lines.first { $0.contains("head 1 ·") } ?? "" }
        XCTAssertTrue(titles(state).contains("head 2 · tech ✎"), titles(state))
        state.press("------")
        XCTAssertTrue(titles(state).contains("head 2 · nothing ✎"), titles(state))
        state.press("e++")
        XCTAssertTrue(titles(state).contains("head 2 · colour ✎"), titles(state))
        state.press("n--------")  // head 3, colour 4 → 0
        XCTAssertTrue(titles(state).contains("head 3 · nothing ✎"), titles(state))
        var exercise = opening("multi-head", step: 4)
        exercise.press("------e++")  // head 1: fruit 0, tech 1
        XCTAssertTrue(titles(exercise).contains("head 1 · tech ✎"), titles(exercise))
        XCTAssertTrue(exercise.message?.contains("tech") ?? false)
        exercise.press("+")  // head 1 (0, 1.5, 0)
        var tie = exercise
        tie.press("e+++")  // colour 1.5 too
        XCTAssertTrue(titles(tie).contains("head 1 · tech+colour"), titles(tie))
    }
}
