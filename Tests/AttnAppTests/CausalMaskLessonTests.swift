// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// The causal-mask lesson: −∞ above the diagonal before softmax, 0 after, and later words that
/// never reach earlier rows.
final class CausalMaskLessonTests: XCTestCase {
    // Printed by Tests/AttnAppTests/Reference/position_mask_block_reference.py (numpy, float64).
    static let scores: [[Double]] = [
        [1.131370849898e-02, -.infinity, -.infinity, -.infinity, -.infinity],
        [7.636753236815e-02, 2.213244225114e+00, -.infinity, -.infinity, -.infinity],
        [5.091168824543e-03, -8.343860018001e-02, 1.046518036156e-02, -.infinity, -.infinity],
        [-5.656854249492e-04, 8.626702730476e-02, -6.505382386916e-03, 4.808326112069e-03, -.infinity],
        [1.527350647363e-01, 1.654629867977e+00, 2.545584412272e-02, 2.545584412272e-02, 2.291025971044e+00],
    ]
    static let weights: [[Double]] = [
        [1, 0, 0, 0, 0], [0.105563929679, 0.894436070321, 0, 0, 0], [0.34238785539, 0.313379339987, 0.344232804624, 0, 0],
        [0.244487982527, 0.266666514725, 0.243040102242, 0.245805400505, 0],
        [0.06354819444, 0.285343406164, 0.055953409149, 0.055953409149, 0.539201581097],
    ]
    static let outputWithPhone: [[Double]] = [
        [-0.02, 0.06], [0.534550363599, 0.587717281489], [0.160525878607, 0.227682170361], [0.15035995907, 0.192890968551],
        [0.168816011627, 0.675686596843],
    ]
    static let laptopRow: [Double] = [0.155779910716, 0.73457871395]

    func opened(_ step: CausalMaskLesson.Step, size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = opening("causal-mask", step: CausalMaskLesson.Step.allCases.firstIndex(of: step)!)
        _ = state.update(.resize(size))
        return state
    }

    func lesson(_ state: AppState) throws -> CausalMaskLesson { try XCTUnwrap(state.currentLesson.base as? CausalMaskLesson) }

    func result(_ state: AppState) throws -> AttentionResult { try XCTUnwrap(try lesson(state).result(state.workspace)) }

    func panelText(_ state: AppState, _ panel: CausalMaskLesson.Panel) throws -> String {
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(panel)))
        return screen(state, state.size.width, state.size.height).text(in: rect)
    }

    func explanation(_ state: AppState) -> Explanation? {
        if case .lesson(let explanation) = state.detail { return explanation }
        return nil
    }

    func assertClose(_ matrix: Matrix, _ expected: [[Double]], file: StaticString = #filePath, line: UInt = #line) {
        for (i, row) in expected.enumerated() {
            for (j, value) in row.enumerated() {
                if value.isInfinite {
                    XCTAssertEqual(matrix[i, j], value, "[\(i), \(j)]", file: file, line: line)
                } else {
                    XCTAssertEqual(matrix[i, j], value, accuracy: 1e-11, "[\(i), \(j)]", file: file, line: line)
                }
            }
        }
    }

    // MARK: The numbers, against numpy

    func testTheMaskedScoresWeightsAndOutputsMatchNumpy() throws {
        var state = opened(.minusInfinity)
        let opening = try result(state)
        assertClose(opening.scores, Self.scores)
        assertClose(opening.weights, Self.weights)
        assertClose(opening.output, Self.outputWithPhone)
        state.press("w")
        XCTAssertEqual(try lesson(state).sentence, ["an", "apple", "and", "a", "laptop"])
        XCTAssertEqual(try result(state).output[4, 0], Self.laptopRow[0], accuracy: 1e-11)
        XCTAssertEqual(try result(state).output[4, 1], Self.laptopRow[1], accuracy: 1e-11)
    }

    /// Without the mask the weights are lesson 11's (the same head on the same sentence).
    func testWithoutTheMaskTheWeightsAreTheValuesLessons() throws {
        var state = opened(.nextWord)
        state.press("m")
        XCTAssertEqual(try result(state).weights, try XCTUnwrap(ValuesLesson().result(state.workspace)).weights)
    }

    // MARK: The invariants

    /// Each masked row sums to 1 and is exactly 0 above the diagonal, its scores −∞ there, for every last word.
    func testEachMaskedRowSumsToOneAndIsZeroAboveTheDiagonal() throws {
        var state = opened(.laterWords)
        for _ in CausalMaskLesson.lastWords {
            let result = try self.result(state)
            for i in 0..<result.weights.rows {
                XCTAssertEqual(result.weights.row(i).reduce(0, +), 1, accuracy: 1e-15)
                for j in (i + 1)..<result.weights.columns {
                    XCTAssertEqual(result.weights[i, j], 0)
                    XCTAssertEqual(result.scores[i, j], -.infinity)
                }
                for j in 0...i { XCTAssertGreaterThan(result.weights[i, j], 0) }
            }
            state.press("w")
        }
    }

    /// Changing word t+1 … leaves every row ≤ t exactly as it was (bit for bit), on the lesson's
    /// sentence and on random ones of every length.
    func testALaterWordNeverChangesAnEarlierRow() throws {
        var state = opened(.laterWords)
        let before = try result(state)
        for _ in 1..<CausalMaskLesson.lastWords.count {
            state.press("w")
            let after = try result(state)
            for row in 0..<4 {
                XCTAssertEqual(after.output.row(row), before.output.row(row))
                XCTAssertEqual(after.weights.row(row), before.weights.row(row))
            }
            XCTAssertNotEqual(after.output.row(4), before.output.row(4))
        }
        var generator = SeededGenerator(seed: 14)
        let head = ValuesLesson.ownHead(featureNames: state.workspace.featureNames)
        for n in 2...8 {
            let x = Matrix((0..<n).map { _ in (0..<13).map { _ in generator.nextGaussian() } })
            let masked = try head.attend(x, causal: true)
            for t in 0..<(n - 1) {
                var changed = x.rowVectors
                for row in (t + 1)..<n { changed[row] = (0..<13).map { _ in generator.nextGaussian() } }
                let other = try head.attend(Matrix(changed), causal: true)
                for row in 0...t { XCTAssertEqual(other.output.row(row), masked.output.row(row), "n \(n), t \(t)") }
            }
        }
    }

    // MARK: Each step's Try, replayed

    /// Step 1: "press m to switch the mask off and on: the upper triangle's weights (a → phone among them) appear and vanish".
    func testStep1TheMaskKeyFillsAndEmptiesTheUpperTriangle() throws {
        var state = opened(.nextWord)
        let article = CausalMaskLesson.article
        XCTAssertEqual(try result(state).weights[article, 4], 0)
        XCTAssertTrue(try panelText(state, .weights).contains("weights · masked"))
        state.press("m")
        XCTAssertFalse(try lesson(state).masked)
        let open = try result(state)
        XCTAssertGreaterThan(open.weights[article, 4], 0.19, "a looks at phone, the word it should predict")
        for i in 0..<5 { for j in (i + 1)..<5 { XCTAssertGreaterThan(open.weights[i, j], 0) } }
        var text = try panelText(state, .weights)
        XCTAssertTrue(text.contains("weights · no mask") && text.contains("a        0.20  0.21  0.19  0.20  0.20"), text)
        state.press("m")
        text = try panelText(state, .weights)
        XCTAssertTrue(text.contains("a        0.24  0.27  0.24  0.25     0"), text)
    }

    /// Step 2: "press ↓ to apple, then Enter: its softmax, the masked words adding e^(−∞) = 0".
    func testStep2EnterWorksOutApplesMaskedSoftmax() throws {
        var state = opened(.minusInfinity)
        XCTAssertEqual(state.focus, .panel(CausalMaskLesson.Panel.weights), "the Try's panel has the focus")
        let scores = try panelText(state, .scores)
        XCTAssertTrue(scores.contains("an       0.01    -∞    -∞    -∞    -∞"), scores)
        XCTAssertTrue(try panelText(state, .weights).contains("an       1.00     0     0     0     0"))
        state.press("<Down><Enter>")
        let working = try XCTUnwrap(explanation(state))
        XCTAssertEqual(working.title, "softmax of apple's scores")
        XCTAssertTrue(
            working.lines.contains { $0.hasPrefix("apple") && $0.contains("2.21") && $0.hasSuffix("0.8944 ◀") }, "\(working.lines)")
        XCTAssertTrue(working.lines.contains { $0.hasPrefix("phone") && $0.contains("-∞") && $0.contains("0.0000") }, "\(working.lines)")
        XCTAssertTrue(working.lines.contains("e^(−∞) = 0: the 3 masked words get exactly 0,"), "\(working.lines)")
    }

    /// Step 3: "press w to replace phone: an, apple, and, a keep their outputs. Press m: no mask, every row changes (≠)".
    func testStep3ReplacingTheLastWordKeepsTheEarlierRows() throws {
        var state = opened(.laterWords)
        state.press("w")
        var text = try panelText(state, .outputs)
        XCTAssertTrue(text.contains("with phone") && text.contains("with laptop"), text)
        for word in ["an", "apple", "and", "a"] {
            XCTAssertTrue(text.split(separator: "\n").contains { $0.dropFirst().hasPrefix(word + " ") && $0.contains("=") }, text)
        }
        XCTAssertTrue(text.split(separator: "\n").contains { $0.dropFirst().hasPrefix("laptop") && $0.contains("≠") }, text)
        XCTAssertTrue(text.contains("4 of 5 rows exactly equal"), text)
        state.press("m")
        text = try panelText(state, .outputs)
        XCTAssertTrue(text.contains("0 of 5 rows exactly equal"), text)
        XCTAssertEqual(text.filter { $0 == "≠" }.count, 5, text)
    }

    // MARK: Exercise

    func testTheExerciseIsSolvedByItsSolutionsAndChecksTheLiveMask() throws {
        let fresh = try assertExerciseReplays("causal-mask")
        ExerciseReplay.assertSolutionsSolve("causal-mask")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.number, .keys])
        XCTAssertEqual(fresh.tasks[0].solution, "<Enter>0.89<Enter>")
        // By hand from the screen's scores: e^2.21 / (e^0.08 + e^2.21).
        var byHand = fresh
        byHand.press("<Enter>\(NumberFormat.fixed(exp(2.21) / (exp(0.08) + exp(2.21)), decimals: 2))<Enter>")
        XCTAssertTrue(byHand.isSolved(task: byHand.tasks[0]))
        // The weights it asks for are not on the exercise's screen.
        XCTAssertFalse(screen(fresh, 80, 24).text.contains("0.89"))
        // With the mask no last word reaches a: every replacement leaves it unsolved.
        XCTAssertEqual(fresh.tasks[1].solution, "mw")
        var masked = fresh
        for _ in CausalMaskLesson.lastWords {
            masked.press("w")
            XCTAssertFalse(masked.isSolved(task: masked.tasks[1]))
        }
        // Without the mask but with phone last, nothing changed either.
        var unmasked = fresh
        unmasked.press("m")
        XCTAssertFalse(unmasked.isSolved(task: unmasked.tasks[1]))
    }

    func testTheLastExploreStepEndsWithItsRecap() {
        ExerciseReplay.assertRecap("causal-mask")
    }

    // MARK: Screens

    func testEveryStepMatchesItsExpectedScreenAt120x40() {
        for step in CausalMaskLesson.Step.allCases {
            let state = opened(step, size: Size(width: 120, height: 40))
            ScreenFile.assertMatches(screen(state, 120, 40), named: "causal-mask-\(step.rawValue)-120x40")
        }
    }

    /// Where the weights panel has room (100×30, 120×40) its header names every word whole:
    /// laptop and banana, not lapt… and bana….
    func testTheWeightsHeaderNamesEveryWordWhereThereIsRoom() throws {
        for size in [Size(width: 100, height: 30), Size(width: 120, height: 40)] {
            var state = opened(.laterWords, size: size)
            for word in ["laptop", "banana", "cherry"] {
                state.press("w")
                let header = try XCTUnwrap(try panelText(state, .weights).split(separator: "\n").dropFirst().first)
                XCTAssertTrue(header.contains(word) && !header.contains("…"), "\(size.width)×\(size.height): \(header)")
            }
        }
    }

    /// The outputs' working reads "apple's fruit output", in the popup and as the tall screen's panel title.
    func testTheOutputsWorkingIsTitledTheWordsFruitOutput() throws {
        var state = opened(.laterWords, size: Size(width: 120, height: 40))
        state.press("<Tab>")
        XCTAssertEqual(state.focus, .panel(CausalMaskLesson.Panel.outputs))
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(CausalMaskLesson.Panel.working)))
        XCTAssertTrue(screen(state, 120, 40).text(in: rect).contains("How apple's fruit output is worked out"))
        state.press("<Enter>")
        XCTAssertEqual(try XCTUnwrap(explanation(state)).title, "apple's fruit output")
        // The exercise quotes the one-letter word it names.
        XCTAssertTrue(opened(.exercise).tasks[1].question.hasPrefix("Change “a”'s output"), opened(.exercise).tasks[1].question)
    }
}
