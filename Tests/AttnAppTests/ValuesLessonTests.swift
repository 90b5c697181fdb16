// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Reports
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 11: softmax(QKᵀ/√d_k)·V on "an apple and a phone", every matrix on screen.
final class ValuesLessonTests: XCTestCase {
    // Printed by Tests/AttnAppTests/Reference/lesson10_11_reference.py (numpy, float64).
    static let ownScores: [[Double]] = [
        [1.131370849898e-02, 7.636753236815e-02, 5.091168824543e-03, -5.656854249492e-04, 1.527350647363e-01],
        [7.636753236815e-02, 2.213244225114e+00, -8.343860018001e-02, 8.626702730476e-02, 1.654629867977e+00],
        [5.091168824543e-03, -8.343860018001e-02, 1.046518036156e-02, -6.505382386916e-03, 2.545584412272e-02],
        [-5.656854249492e-04, 8.626702730476e-02, -6.505382386916e-03, 4.808326112069e-03, 2.545584412272e-02],
        [1.527350647363e-01, 1.654629867977e+00, 2.545584412272e-02, 2.545584412272e-02, 2.291025971044e+00],
    ]
    static let ownWeights: [[Double]] = [
        [0.192266501337, 0.20518997581, 0.191073829975, 0.189996004593, 0.221473688284],
        [0.06179813844, 0.523611467166, 0.052671110065, 0.062412946924, 0.299506337405],
        [0.202851762263, 0.185665321864, 0.203944824407, 0.200512968594, 0.207025122872],
        [0.195444439012, 0.213174025304, 0.194286999096, 0.196497586963, 0.200596949625],
        [0.06354819444, 0.285343406164, 0.055953409149, 0.055953409149, 0.539201581097],
    ]
    static let ownOutput: [[Double]] = [
        [0.115404065845, 0.348046492158], [0.312267168804, 0.614761886199], [0.103125987152, 0.323220753462],
        [0.120198209935, 0.334734883312], [0.168816011627, 0.675686596843],
    ]
    static let ownOutputAtHalf: [[Double]] = [
        [0.118448146211, 0.370933003828], [0.439185912351, 0.69248361952], [0.094730942713, 0.320887338055],
        [0.128753444128, 0.343632275549], [0.127357740289, 0.823337579842],
    ]
    static let identityWeights: [[Double]] = [
        [0.20111027746, 0.1998813548, 0.200253128776, 0.200447613944, 0.198307625019],
        [0.17035720537, 0.262618463239, 0.170640932906, 0.1699796357, 0.226403762786],
        [0.199778749636, 0.199739967342, 0.200761894045, 0.198701197352, 0.201018191626],
        [0.200838425328, 0.199827193173, 0.199561344132, 0.201519147544, 0.198253889824],
        [0.159105052385, 0.213127737874, 0.161662741326, 0.158752421323, 0.307352047093],
    ]
    /// apple's row of the identity head's output (all 13 features).
    static let identityAppleOutput: [Double] = [
        1.507246632897e-01, 1.244760429099e-01, 1.352282153714e-01, 3.551913811714e-02, 3.880930256212e-01, 2.282885395103e-01,
        1.735541312954e-01, -6.850190350444e-03, 2.267619153821e-05, 6.394820648072e-02, -1.805723567794e-01, -1.271813322986e-01,
        5.062185787571e-02,
    ]

    func opened(_ step: ValuesLesson.Step) -> AppState {
        var state = opening("values", step: ValuesLesson.Step.allCases.firstIndex(of: step)!)
        _ = state.update(.resize(Size(width: 100, height: 30)))
        return state
    }

    func lesson(_ state: AppState) throws -> ValuesLesson { try XCTUnwrap(state.currentLesson.base as? ValuesLesson) }

    func result(_ state: AppState) throws -> AttentionResult { try XCTUnwrap(try lesson(state).result(state.workspace)) }

    func assertClose(_ matrix: Matrix, _ expected: [[Double]], accuracy: Double = 1e-11, file: StaticString = #filePath, line: UInt = #line)
    {
        XCTAssertEqual(matrix.rows, expected.count, file: file, line: line)
        XCTAssertEqual(matrix.columns, expected.first?.count ?? 0, file: file, line: line)
        for (i, row) in expected.enumerated() {
            for (j, value) in row.enumerated() {
                XCTAssertEqual(matrix[i, j], value, accuracy: accuracy, "[\(i), \(j)]", file: file, line: line)
            }
        }
    }

    func explanation(_ state: AppState) -> Explanation? {
        if case .lesson(let explanation) = state.detail { return explanation }
        return nil
    }

    func testTheLessonsHeadMatchesNumpy() throws {
        let state = opened(.values)
        XCTAssertEqual(state.wordNames, ValuesLesson.sentence)
        let result = try result(state)
        XCTAssertEqual(result.queries.columns, 2)
        assertClose(result.scores, Self.ownScores)
        assertClose(result.weights, Self.ownWeights)
        assertClose(result.output, Self.ownOutput)
    }

    func testTheIdentityHeadMatchesNumpyAndTheAttentionCommand() throws {
        let state = opened(.identity)
        XCTAssertTrue(try lesson(state).usesIdentity)
        let result = try result(state)
        assertClose(result.weights, Self.identityWeights)
        for (j, value) in Self.identityAppleOutput.enumerated() {
            XCTAssertEqual(result.output[1, j], value, accuracy: 1e-11)
        }
        // `attn-tui attention an apple and a phone` (scaled dot, T = 1) computes the same numbers.
        let report = try AttentionReport(vocabulary: lexicon, arguments: ValuesLesson.sentence, metric: .scaledDot, temperature: 1)
        for i in 0..<5 {
            for j in 0..<5 { XCTAssertEqual(result.weights[i, j], report.attention.weights[i][j], accuracy: 1e-12) }
            for k in 0..<13 { XCTAssertEqual(result.output[i, k], report.attention.context[i][k], accuracy: 1e-12) }
        }
    }

    /// Step 1: "press Tab twice to reach V, then Enter: apple's fruit value worked out as a sum".
    func testStep1EnterOnVWorksOutApplesFruitValue() throws {
        var state = opened(.values)
        state.press("<Tab><Tab><Enter>")
        XCTAssertEqual(state.focus, .panel(ValuesLesson.Stage.values))
        let explanation = try XCTUnwrap(explanation(state))
        XCTAssertEqual(explanation.title, "V[apple, fruit] = 0.60")
        XCTAssertTrue(explanation.lines.contains { $0.hasPrefix("fruit") && $0.hasSuffix("0.60×1.00 = 0.60") }, "\(explanation.lines)")
        XCTAssertTrue(explanation.lines.contains("(+ 12 terms × 0)"), "W_V reads fruit alone: \(explanation.lines)")
        XCTAssertEqual(explanation.lines.last, "sum = 0.60")
    }

    /// Step 2: "Tab twice to the scores and press Enter: apple's query times phone's key, over √2".
    func testStep2EnterOnTheScoresWorksOutApplePhone() throws {
        var state = opened(.scores)
        state.press("<Tab><Tab><Enter>")
        let explanation = try XCTUnwrap(explanation(state))
        // q(apple) = 2·(0.6, 0.65), k(phone) = 2·(0, 0.9): (0 + 1.3·1.8) / √2.
        XCTAssertEqual(explanation.title, "scores[apple, phone] = \(NumberFormat.fixed(1.3 * 1.8 / 2.0.squareRoot(), decimals: 2))")
        XCTAssertTrue(
            explanation.lines.contains { $0.hasPrefix("tech") && $0.contains("1.30") && $0.hasSuffix("2.34") }, "\(explanation.lines)")
        // The cursor keys move the cell: ] wraps from phone to an.
        state.press("<Esc>]<Enter>")
        XCTAssertEqual(try XCTUnwrap(self.explanation(state)).title, "scores[apple, an] = 0.08")
    }

    /// Step 3: "press + to raise the temperature: apple's weights flatten".
    func testStep3WarmerFlattensApplesWeights() throws {
        var state = opened(.weights)
        let before = try result(state).weights.row(1)
        state.press("+")
        XCTAssertEqual(state.temperature, 1.5)
        let after = try result(state).weights.row(1)
        XCTAssertGreaterThan(entropy(after), entropy(before))
        XCTAssertLessThan(after.max()!, before.max()!)
        XCTAssertEqual(after.reduce(0, +), 1, accuracy: 1e-12)
    }

    /// Step 4: "press - twice to lower the temperature: apple's output moves towards its own value".
    func testStep4CoolerMovesApplesOutputTowardsItsValue() throws {
        var state = opened(.output)
        let value = try result(state).values.row(1)
        XCTAssertEqual(value, [0.6, 0.65])
        let before = try result(state).output.row(1)
        state.press("--")
        XCTAssertEqual(state.temperature, 0.5)
        let after = try result(state).output.row(1)
        XCTAssertEqual(after[0], Self.ownOutputAtHalf[1][0], accuracy: 1e-11)
        XCTAssertEqual(after[1], Self.ownOutputAtHalf[1][1], accuracy: 1e-11)
        XCTAssertLessThan(distance(after, value), distance(before, value))
        // The numbers the Try names: apple's fruit output from 0.31 to 0.44, its own value 0.60.
        XCTAssertEqual([before[0], after[0], value[0]].map { NumberFormat.fixed($0, decimals: 2) }, ["0.31", "0.44", "0.60"])
    }

    /// Step 5: "press p to switch to the lesson's 13×2 head: the output has 2 columns again".
    func testStep5PSwitchesToTheLessonsHead() throws {
        var state = opened(.identity)
        XCTAssertEqual(try result(state).output.columns, 13)
        let title = screen(state, 100, 30).text
        XCTAssertTrue(title.contains("output weights·V · 5×13"), title)
        state.press("p")
        XCTAssertEqual(try result(state).output.columns, 2)
        assertClose(try result(state).output, Self.ownOutput)
        XCTAssertTrue(screen(state, 100, 30).text.contains("output weights·V · 5×2"))
    }

    func testEveryMatrixIsLabelledWithItsShape() throws {
        let expected: [(ValuesLesson.Step, [String])] = [
            (.values, ["X · 5×13", "W_V · 13×2", "V = X·W_V · 5×2"]), (.queries, ["X · 5×13", "W_Q · 13×2", "Q = X·W_Q · 5×2"]),
            (.scores, ["Q = X·W_Q · 5×2", "K = X·W_K · 5×2", "scores QKᵀ/√d_k · 5×5"]),
        ]
        for (step, titles) in expected {
            let text = screen(opened(step), 100, 30).text
            for title in titles { XCTAssertTrue(text.contains(title), "\(step): \(title)\n\(text)") }
        }
    }

    /// X is 5×13: at 80×24 it shows some columns and says which; ] scrolls to the cursor.
    func testAWideMatrixSaysWhichColumnsItShowsAndScrolls() throws {
        var state = opening("values", step: 0)
        _ = state.update(.resize(Size(width: 80, height: 24)))  // the values step
        let rect = try XCTUnwrap(state.layout(for: Size(width: 80, height: 24)).rect(of: .panel(ValuesLesson.Stage.input)))
        XCTAssertTrue(screen(state, 80, 24).text(in: rect).contains("cols 1–"))
        state.press(String(repeating: "]", count: 12))
        let text = screen(state, 80, 24).text(in: rect)
        XCTAssertTrue(text.contains("of 13") && text.contains("home"), "the last column, home, scrolled into view\n\(text)")
        XCTAssertFalse(text.contains("cols 1–"), text)
    }

    func testEnterOnAWeightShowsTheSoftmaxAndOnAnOutputTheWeightedSum() throws {
        var state = opened(.weights)
        XCTAssertEqual(state.focus, .panel(ValuesLesson.Stage.weights), "step 3 starts on the weights it changes")
        state.press("<Enter>")
        let weight = try XCTUnwrap(explanation(state))
        XCTAssertEqual(weight.title, "weights[apple, phone] = 0.30")
        XCTAssertTrue(weight.lines.contains { $0.hasPrefix("phone") && $0.hasSuffix("◀") })
        state = opened(.output)
        XCTAssertEqual(state.focus, .panel(ValuesLesson.Stage.output), "step 4 starts on the output it changes")
        state.press("<Down><Enter>")
        let output = try XCTUnwrap(explanation(state))
        XCTAssertEqual(output.title, "output[and, fruit] = \(NumberFormat.fixed(Self.ownOutput[2][0], decimals: 2))")
    }

    // MARK: What the learner's walk found

    /// The queries step shows X, W_Q and Q = X·W_Q: apple's query can be worked out from the screen.
    func testTheQueriesStepShowsWQSoQCanBeWorkedOut() throws {
        var state = opening("values", step: ValuesLesson.Step.allCases.firstIndex(of: .queries)!)
        _ = state.update(.resize(Size(width: 80, height: 24)))
        let layout = state.layout(for: state.size)
        func panel(_ stage: ValuesLesson.Stage) throws -> String {
            screen(state, 80, 24).text(in: try XCTUnwrap(layout.rect(of: .panel(stage))))
        }
        let (weights, input, queries) = (try panel(.queryWeights), try panel(.input), try panel(.queries))
        XCTAssertTrue(weights.contains("2.00"), weights)
        XCTAssertTrue(input.contains(".60") && input.contains(".65"), input)
        XCTAssertTrue(queries.contains("1.20") && queries.contains("1.30"), queries)
        // Try: Tab twice to Q, Enter: apple's fruit query from X and W_Q.
        state.press("<Tab><Tab><Enter>")
        let explanation = try XCTUnwrap(explanation(state))
        XCTAssertEqual(explanation.title, "Q[apple, fruit] = 1.20")
        XCTAssertTrue(explanation.lines.contains { $0.hasPrefix("fruit") && $0.hasSuffix("0.60×2.00 = 1.20") }, "\(explanation.lines)")
        // The text's claim: W_K is the same matrix, so K = Q.
        let result = try result(state)
        XCTAssertEqual(try lesson(state).head(state.workspace).key, try lesson(state).head(state.workspace).query)
        XCTAssertEqual(result.keys, result.queries)
    }

    /// At 120×40 the space under the matrices works out the focused cell, live as the cursor moves.
    func testAt120x40TheWorkingPanelWorksOutTheFocusedCell() throws {
        var state = opening("values", step: ValuesLesson.Step.allCases.firstIndex(of: .scores)!)
        _ = state.update(.resize(Size(width: 120, height: 40)))
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(ValuesLesson.Stage.working)))
        XCTAssertGreaterThan(rect.height, 10, "it takes the half of the screen that was empty")
        func working() -> String { screen(state, 120, 40).text(in: rect) }
        XCTAssertTrue(working().contains("How Q[apple, fruit] = 1.20 is worked out"), working())
        state.press("<Tab><Tab>")
        XCTAssertTrue(working().contains("How scores[apple, phone] = 1.65 is worked out"), working())
        XCTAssertTrue(working().contains("÷ √d_k = √2 = 1.4142:  score = 1.65"), working())
        state.press("]")
        XCTAssertTrue(working().contains("scores[apple, an] = 0.08"), working())
        // At 80×24 there is no room for it: the focused matrix works its cell out under its grid instead.
        var small = state
        _ = small.update(.resize(Size(width: 80, height: 24)))
        XCTAssertNil(small.layout(for: small.size).rect(of: .panel(ValuesLesson.Stage.working)))
    }

    // MARK: Exercise

    func testTheExerciseIsSolvedByItsSolutionsAndChecksTheLiveOutput() throws {
        let fresh = try assertExerciseReplays("values")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.number, .keys])
        // Its own sentence, apple with laptop: no step has shown its output.
        XCTAssertEqual(fresh.wordNames, ["an", "apple", "and", "a", "laptop"])
        // The output it asks for is not on the exercise's screen; the weights and V it needs are.
        let text = screen(fresh, 80, 24).text
        XCTAssertFalse(text.contains("output weights·V") || text.contains("output · 5×2"), text)
        XCTAssertTrue(text.contains("0.51") && text.contains("0.65") && text.contains("0.95"), text)
        // numpy: (softmax((2X)(2X)ᵀ/√2)·X)[apple, tech] for "an apple and a laptop", (fruit, tech).
        XCTAssertEqual(try result(fresh).output[1, 1], 0.6387137282414658, accuracy: 1e-12)
        XCTAssertEqual(fresh.tasks[0].solution, "<Enter>0.64<Enter>")
        // Never the number of a step before: apple's outputs in "an apple and a phone" at T = 1, 0.7, 0.5.
        for shown in [0.31, 0.61, 0.38, 0.67, 0.44, 0.69] {
            var old = fresh
            old.press("<Enter>\(NumberFormat.fixed(shown, decimals: 2))<Enter>")
            XCTAssertFalse(old.isSolved(task: old.tasks[0]), "\(shown)")
        }
        // With the screen's rounded weights and values: 0.06×0.06 + 0.51×0.65 + 0.05×0.01 + 0.06×0.01 + 0.32×0.95,
        // as the worked answer adds them.
        let byHand = 0.06 * 0.06 + 0.51 * 0.65 + 0.05 * 0.01 + 0.06 * 0.01 + 0.32 * 0.95
        var rounded = fresh
        rounded.press("<Enter>\(NumberFormat.fixed(byHand, decimals: 2))<Enter>")
        XCTAssertTrue(rounded.isSolved(task: rounded.tasks[0]))
        let worked = fresh.currentLesson.explanation(task: 0, step: fresh.step, workspace: fresh.workspace)
        XCTAssertTrue(worked.contains("= 0.06×0.06 + 0.51×0.65 + 0.05×0.01 + 0.06×0.01 + 0.32×0.95"), "\(worked)")
        XCTAssertTrue(worked.contains("= \(NumberFormat.fixed(byHand, decimals: 4)) (with the weights unrounded: 0.6387)"), "\(worked)")
        // The typed answer follows the live temperature: numpy at T = 0.5, 0.7158.
        var cooler = fresh
        cooler.press("--<Enter>0.64<Enter>")
        XCTAssertEqual(cooler.temperature, 0.5)
        XCTAssertFalse(cooler.isSolved(task: cooler.tasks[0]))
        cooler.press("<Enter>0.72<Enter>")
        XCTAssertTrue(cooler.isSolved(task: cooler.tasks[0]))
        // The keys task: from T = 1 four steps down the shared temperatures; three are not enough.
        var three = fresh
        three.press("---")
        XCTAssertFalse(three.isSolved(task: three.tasks[1]))
        XCTAssertLessThan(try result(three).weights[1, 1], 0.9)
        var four = fresh
        four.press(fresh.tasks[1].solution)
        XCTAssertGreaterThan(try result(four).weights[1, 1], 0.9)
    }
}

extension ValuesLessonTests {
    /// Heads are taught in the next lesson (multi-head): here p switches "matrices", and no
    /// screen of the lesson says "head".
    func testNoHeadsBeforeTheyAreTaught() {
        XCTAssertLessThan(index("values"), index("multi-head"))
        for step in 0..<course.lessons[index("values")].stepCount {
            var state = opening("values", step: step)
            for keys in ["", "p", "p"] {
                state.press(keys)
                for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                    let text = screen(state, size.width, size.height).text
                    XCTAssertNil(text.range(of: "\\bheads?\\b", options: .regularExpression), "step \(step + 1) after \(keys):\n\(text)")
                }
            }
        }
        let bar = screen(opening("values", step: 0), 80, 24).lines[23]
        XCTAssertTrue(bar.contains("p matrices"), bar)
        XCTAssertTrue(
            LessonScreenTests.words(course.text(lesson: index("values"), step: 5)).contains("press p for the lesson's 13×2 matrices"))
    }
}

extension ValuesLessonTests {
    /// Every worked cell adds up by hand from the factors it shows: each product of two shown
    /// factors exactly, their sum exactly; a score's √d_k to four decimals (2.34 / 1.41 would
    /// give 1.66, not 1.65).
    func testEveryWorkedCellAddsUpFromItsShownFactors() throws {
        var state = opening("values", step: 4)  // the output step: weights, V, output
        _ = state.update(.resize(Size(width: 120, height: 40)))
        state.press("<Enter>")
        guard case .lesson(let output) = try XCTUnwrap(state.detail) else { return XCTFail("no detail") }
        // w(apple, j) × V[j, fruit]: 0.06×(-0.02) = -0.0012, 0.52×0.60 = 0.312, … sum 0.3102.
        XCTAssertTrue(output.lines.contains { $0.hasSuffix("0.52×0.60    = 0.312") }, "\(output.lines)")
        XCTAssertTrue(output.lines.contains { $0.hasSuffix("0.06×(-0.02) = -0.0012") }, "\(output.lines)")
        XCTAssertEqual(output.lines.last, "sum = 0.3102")
        // Each line: the product of its shown factors.
        for line in output.lines where line.contains("×") && line.contains("=") {
            let parts = line.split(separator: "=")
            let factors = parts[0].split(separator: "×").map {
                Double($0.split(separator: " ").last!.trimmingCharacters(in: CharacterSet(charactersIn: "()")))!
            }
            XCTAssertEqual(factors[0] * factors[1], Double(parts[1].trimmingCharacters(in: .whitespaces))!, accuracy: 1e-9, line)
        }
        XCTAssertEqual(HandArithmetic.sumLine([100, 2], total: 0.0102), "sum = 0.0102")
        XCTAssertEqual(HandArithmetic.sumLine([3_150], total: 0.3049), "sum = 0.315 (unrounded factors: 0.30)")
        XCTAssertEqual(HandArithmetic.text(tenThousandths: 6_000), "0.60")
        XCTAssertEqual(HandArithmetic.text(tenThousandths: -12), "-0.0012")
    }
}
