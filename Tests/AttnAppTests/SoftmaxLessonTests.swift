// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 8, softmax beside the raw weights: every Try replayed, and the weights against numpy.
final class SoftmaxLessonTests: XCTestCase {
    func opened(step: Int) -> AppState { opening("softmax", step: step) }

    func lesson(_ state: AppState) throws -> SoftmaxLesson { try XCTUnwrap(state.currentLesson.base as? SoftmaxLesson) }

    func assertClose(_ a: [Double], _ b: [Double], accuracy: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
    }

    /// Whether p lies inside the triangle a, b, c (the same side of each edge as the third corner).
    func inside(_ p: [Double], _ a: [Double], _ b: [Double], _ c: [Double]) -> Bool {
        func side(_ u: [Double], _ v: [Double], _ w: [Double]) -> Double { (v[0] - u[0]) * (w[1] - u[1]) - (v[1] - u[1]) * (w[0] - u[0]) }
        let s1 = side(a, b, p) * side(a, b, c)
        let s2 = side(b, c, p) * side(b, c, a)
        let s3 = side(c, a, p) * side(c, a, b)
        return s1 > 0 && s2 > 0 && s3 > 0
    }

    func testStep1SoftmaxIsDefinedWhereTheRawSumIsZero() throws {
        let state = opened(step: 0)
        XCTAssertEqual(try lesson(state).plane.scores, [0, -4, 4])
        XCTAssertNil(try lesson(state).plane.rawAverage)
        // numpy: softmax([0, -4, 4])
        assertClose(try lesson(state).weights(at: state.temperature), [0.017980286735531543, 0.00032932043896389293, 0.9816903928255046])
        let text = LessonScreenTests.words(screen(state, 80, 24).text)
        XCTAssertTrue(text.contains("raw c: Σw = 0 → undefined"))
        XCTAssertTrue(text.contains("softmax c: (3.96, 0.04)"))
    }

    func testStep1TryTurningQBreaksTheRawColumnButNeverSoftmax() throws {
        var state = opened(step: 0)
        var undefinedRaw = 0
        var negativeRaw = 0
        for _ in 0..<8 {
            state.press("t")
            let current = try lesson(state)
            if current.plane.rawAverage == nil { undefinedRaw += 1 }
            if current.plane.scores.contains(where: { $0 < 0 }) && current.plane.scores.contains(where: { $0 > 0 }) { negativeRaw += 1 }
            XCTAssertTrue(current.weights(at: state.temperature).allSatisfy { $0 > 0 })
            XCTAssertEqual(current.weights(at: state.temperature).reduce(0, +), 1, accuracy: 1e-12)
        }
        XCTAssertEqual(undefinedRaw, 2)
        XCTAssertGreaterThan(negativeRaw, 0)
    }

    func testStep2SoftmaxCStaysInsideTheTriangleAsQTurns() throws {
        var state = opened(step: 1)
        let (apple, banana, phone) = ([2.0, 2.0], [-1.0, 3.0], [4.0, 0.0])
        // numpy: softmax([2, -1, 4])
        assertClose(try lesson(state).weights(at: state.temperature), [0.11849965453500959, 0.005899750401902781, 0.8756005950630876])
        XCTAssertFalse(inside(try XCTUnwrap(try lesson(state).plane.rawAverage), apple, banana, phone), "raw c is outside")
        var positions: Set<[Double]> = []
        for _ in 0..<8 {
            XCTAssertTrue(inside(try lesson(state).softmaxAverage(at: state.temperature), apple, banana, phone))
            positions.insert(try lesson(state).softmaxAverage(at: state.temperature))
            state.press("t")
        }
        XCTAssertGreaterThan(positions.count, 1, "t moves the softmax c")
    }

    func testEnterOnTheNumbersShowsTheExponentials() throws {
        func explanation(step: Int) throws -> Explanation {
            var state = opened(step: step)
            state.focus = .panel(SoftmaxLesson.Panel.table)
            state.press("<Enter>")  // the panel's title says "Enter why"
            guard case .detail(.lesson(let explanation), _) = state.mode else { throw XCTSkip("no detail: \(state.mode)") }
            XCTAssertEqual(explanation.title, "Softmax, step by step")
            return explanation
        }
        // Before the temperature step: e^s itself. q = (1, 0): phone scores 4, e^4 = 54.5982 (numpy: 54.598150033144236),
        // over e^2 + e^-1 + e^4 = 62.3551.
        let plain = try explanation(step: 1).lines
        XCTAssertTrue(plain.contains { $0.hasPrefix("phone:  e^4 = 54.5982,  / 62.3551 = 0.8756") }, "\(plain)")
        XCTAssertFalse(plain.joined().contains("−max") || plain.joined().contains("/T"), "\(plain)")
        // From the temperature step on: the largest score subtracted first, so phone's exponential is e^0 = 1.
        let shifted = try explanation(step: 2).lines
        XCTAssertTrue(shifted.contains { $0.hasPrefix("phone: e^((4−4)/2.00) = 1.0000") }, "\(shifted)")
    }

    /// Step 1 shows what its text says: e to the power of each score, then divided by their sum;
    /// the max subtracted and T come with the temperature step, whose text explains them.
    func testStep1ShowsETotheScoreAndTheTemperatureComesInStep3() throws {
        var state = opened(step: 0)
        XCTAssertTrue(LessonScreenTests.words(course.text(lesson: index("softmax"), step: 0)).contains("e to the power of each score"))
        let table = panelWords(state, .panel(SoftmaxLesson.Panel.table))
        XCTAssertTrue(table.contains("e = e^s, softmax = e / Σe"), table)
        XCTAssertFalse(table.contains("−max") || table.contains("/T"), table)
        // numpy: exp([0, -4, 4]) = 1, 0.0183, 54.5982; their sum 55.6165.
        XCTAssertTrue(table.contains("apple 0 ÷0 1.000 0.018"), table)
        XCTAssertTrue(table.contains("phone 4 ÷0 54.598 0.982"), table)
        XCTAssertTrue(table.contains("Σ 0 — 55.616 1"), table)
        // The largest sum, with q = (1, 1): e^4 + e^2 + e^4 = 116.585, in a column of its own.
        var turned = state
        turned.press("tt")
        let sums = panelWords(turned, .panel(SoftmaxLesson.Panel.table))
        XCTAssertTrue(sums.contains("Σ 10 1 116.585 1"), sums)
        // No temperature before it is taught: +/- are not keys of steps 1 and 2.
        for step in [0, 1] {
            var early = opened(step: step)
            early.press("--")
            XCTAssertEqual(early.temperature, 1)
            XCTAssertFalse(screen(early, 80, 24).lines[23].contains("temp"), screen(early, 80, 24).lines[23])
        }
        // The temperature step names the subtracted number as the largest score, and the column says which it is now.
        XCTAssertTrue(
            LessonScreenTests.words(course.text(lesson: index("softmax"), step: 2)).contains(
                "subtracts the largest score, max: smaller numbers, the same weights"))
        var temperature = opened(step: 2)
        XCTAssertTrue(panelWords(temperature, .panel(SoftmaxLesson.Panel.table)).contains("q = (1, 0), max = 4 e = e^((s−max)/T)"))
        temperature.press("tt")  // q = (0, 1): banana's 3 is the largest
        XCTAssertTrue(panelWords(temperature, .panel(SoftmaxLesson.Panel.table)).contains("q = (0, 1), max = 3 e = e^((s−max)/T)"))
        state.press("t")
        XCTAssertEqual(try lesson(state).exponentials(at: 1, step: .exponentials), [2, -1, 4].map { exp($0) })
    }

    /// The Try of step 3 sharpens the weights towards phone: phone's marker and name stay on the
    /// plane whatever the temperature, with raw c and softmax c beside it.
    func testStep3PhoneStaysNamedOnThePlane() throws {
        var state = opened(step: 2)
        for keys in ["", "-", "-", "-", "-", "++++++++"] {
            state.press(keys)
            for size in [Size(width: 80, height: 24), Size(width: 100, height: 30)] {
                let plane = try XCTUnwrap(state.layout(for: size).rect(of: .panel(SoftmaxLesson.Panel.plane)))
                let text = screen(state, size.width, size.height).text(in: plane)
                XCTAssertTrue(text.contains("phone"), "T = \(state.temperature) at \(size.width)×\(size.height):\n\(text)")
                XCTAssertTrue(text.contains("■"), "phone's marker: T = \(state.temperature):\n\(text)")
                XCTAssertTrue(text.contains("raw c"), "T = \(state.temperature):\n\(text)")
                XCTAssertEqual(text.filter { $0 == "✚" }.count, 2, "both averages: T = \(state.temperature):\n\(text)")
            }
        }
    }

    func testStep3TryMinusSharpensTowardsPhoneAndPlusFlattens() throws {
        var state = opened(step: 2)
        XCTAssertEqual(state.temperature, 2)
        let start = try lesson(state).weights(at: state.temperature)
        // numpy: softmax([2, -1, 4] / 2)
        assertClose(start, [0.25371618163502524, 0.05661173224047129, 0.6896720861245036])
        state.press("-")
        XCTAssertLessThan(state.temperature, 2)
        XCTAssertGreaterThan(try lesson(state).weights(at: state.temperature)[2], start[2])
        state.press("---")
        XCTAssertEqual(state.temperature, 0.5)
        XCTAssertGreaterThan(try lesson(state).weights(at: state.temperature)[2], 0.98)
        state.press("++++++")
        XCTAssertGreaterThan(state.temperature, 2)
        XCTAssertGreaterThan(entropy(try lesson(state).weights(at: state.temperature)), entropy(start))
        // The exponentials are shown: e^((s − 4)/T) for apple is e^(−2/T).
        let apple = exp(-2 / state.temperature)
        XCTAssertEqual(try lesson(state).exponentials(at: state.temperature, step: .temperature)[0], apple, accuracy: 1e-15)
        XCTAssertTrue(LessonScreenTests.words(screen(state, 80, 24).text).contains(NumberFormat.fixed(apple, decimals: 3)))
    }

    /// The temperature is the shared one: `+`/`-` step through the values every lesson uses,
    /// and the title bar shows it.
    func testTheTemperatureStepsAreTheSharedOnes() throws {
        func steps(_ start: AppState, _ key: String) -> [Double] {
            var state = start
            return (0..<12).map { _ in
                state.press(key)
                return state.temperature
            }
        }
        var state = opened(step: 3)
        let values = opening("values", step: 3)
        XCTAssertEqual(state.temperature, values.temperature)
        XCTAssertEqual(steps(state, "-"), steps(values, "-"), "the same steps as the values lesson's")
        XCTAssertEqual(steps(state, "+"), steps(values, "+"))
        state.press("-")
        XCTAssertTrue(screen(state, 80, 24).lines[0].contains("T=\(NumberFormat.fixed(state.temperature, decimals: 2))"))
    }

    // MARK: Exercise

    func testTheExerciseIsSolvedByItsSolutionsAndChecksTheLiveWeights() throws {
        let fresh = try assertExerciseReplays("softmax")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.keys, .number])
        XCTAssertEqual(try lesson(fresh).plane.q, [1, 0])
        XCTAssertEqual(fresh.temperature, 1)
        // numpy: softmax([2, -1, 4] / 0.8)[2]
        XCTAssertEqual(try lesson(fresh).coldPhoneWeight, 0.9224960746212557, accuracy: 1e-12)
        XCTAssertEqual(fresh.tasks[1].solution, "<Enter>0.92<Enter>")
        // T = 0.8 is none of the shared steps: no +/- press shows phone's weight there.
        XCTAssertFalse(AppState.temperatures.contains(SoftmaxLesson.coldTemperature))
        var pressed = fresh
        for key in ["-", "-", "+", "+", "+"] {
            pressed.press(key)
            XCTAssertFalse(panelWords(pressed, .panel(SoftmaxLesson.Panel.table)).contains("0.922"), "T = \(pressed.temperature)")
        }
        // The keys task compares the live top weight: turning q towards phone also solves it.
        var turned = fresh
        turned.press("ttttttt")
        XCTAssertEqual(try lesson(turned).plane.q, [1, -1])
        XCTAssertTrue(turned.isSolved(task: turned.tasks[0]), "phone takes 0.98 with q = (1, -1)")
        // The typed task follows the live q: with q = (0, 1), banana's 3 leads and phone scores 0.
        var up = fresh
        up.press("tt<Enter>0.92<Enter>")
        XCTAssertFalse(up.isSolved(task: up.tasks[1]))
        // numpy: softmax([2, 3, 0] / 0.8)[2] = 0.017952
        up.press("<Enter>0.02<Enter>")
        XCTAssertTrue(up.isSolved(task: up.tasks[1]), up.message ?? "")
        XCTAssertTrue(stepText(fresh).contains("Now: phone 0.876 at T = 1.00"), stepText(fresh))
    }
}
