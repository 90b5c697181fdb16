// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 4, Cosine similarity: every step's Try replayed through `update`; the cosines and
/// angles against numpy (`a @ b / norm(a) / norm(b)`, `np.degrees(np.arccos(...))`).
final class CosineLessonTests: XCTestCase {
    func opened(step: Int) -> AppState { opening("cosine", step: step) }

    func lesson(_ state: AppState) -> CosineLesson { state.lesson(as: CosineLesson.self) }

    func numbers(_ state: AppState) -> String { state.panelText(CosineLesson.Panel.numbers) }

    func testStep1PChangesThePairAndTheAngle() {
        var state = opened(step: 0)
        XCTAssertEqual(lesson(state).shown, WordPair("banana", "apple"))
        // numpy: cos 0.7087098123321143, 44.869961161356024° in 13-D, 47.29061004263853° in fruit × tech.
        XCTAssertTrue(numbers(state).contains("= 0.709"))
        XCTAssertTrue(numbers(state).contains("44.9° in 13-D"))
        XCTAssertTrue(numbers(state).contains("47.3° in the plane"))
        XCTAssertTrue(state.panelText(CosineLesson.Panel.arrows).contains("angle here 47°"))
        state.press("p")  // Try: press p for banana with itself: 0° and cosine 1
        XCTAssertEqual(lesson(state).shown, WordPair("banana", "banana"))
        XCTAssertTrue(numbers(state).contains("= 1.000"))
        XCTAssertTrue(numbers(state).contains("0.0° in 13-D"))
        XCTAssertTrue(state.panelText(CosineLesson.Panel.arrows).contains("angle here 0°"))
    }

    func testStep2ThePlaneAngleIsNotThe13DAngleAndFChangesOnlyThePlaneAngle() {
        var state = opened(step: 1)
        // banana·phone: 90° in fruit × tech (banana has no tech, phone no fruit), 99.02198657030992° in 13-D.
        XCTAssertEqual(lesson(state).shown, WordPair("banana", "phone"))
        XCTAssertTrue(state.panelText(CosineLesson.Panel.arrows).contains("fruit × tech plane · angle here 90°"))
        XCTAssertTrue(numbers(state).contains("99.0° in 13-D"))
        XCTAssertTrue(numbers(state).contains("90.0° in the plane"))
        state.press("f")  // Try: press f to draw the pair in another plane
        XCTAssertEqual(lesson(state).plane, CosineLesson.Plane(x: "fruit", y: "size"))
        // numpy: banana (0.95, −0.10), phone (0, −0.50): 90° − atan(0.10 / 0.95) = 83.99099404250546°.
        XCTAssertTrue(state.panelText(CosineLesson.Panel.arrows).contains("fruit × size plane · angle here 84°"))
        XCTAssertTrue(numbers(state).contains("84.0° in the plane"))
        // The plane changes the picture, not the 13-D numbers.
        XCTAssertTrue(numbers(state).contains("99.0° in 13-D"))
    }

    func testThePlaneAngleIsNotThe13DAngle() throws {
        // banana·phone: 90° in fruit × tech (banana has no tech, phone no fruit), 99.02198657030992° in 13-D.
        var state = opened(step: 0)
        state.press("ppp")
        XCTAssertEqual(lesson(state).shown, WordPair("banana", "phone"))
        XCTAssertTrue(numbers(state).contains("99.0° in 13-D"))
        XCTAssertTrue(numbers(state).contains("90.0° in the plane"))
        XCTAssertTrue(numbers(state).contains("= -0.157"))
    }

    func testStep3StretchingCherryChangesTheDotProductNotTheCosine() throws {
        var state = opened(step: 2)
        XCTAssertEqual(lesson(state).shown, WordPair("banana", "cherry"))
        // numpy: banana·cherry = 2.8525, cosine 0.9137387823369462.
        XCTAssertTrue(numbers(state).contains("a·b     = 2.8525"))
        XCTAssertTrue(numbers(state).contains("= 0.914"))
        XCTAssertTrue(numbers(state).contains("banana·cherry      0.914  2.8525"), numbers(state))
        state.press("s")
        XCTAssertEqual(lesson(state).scale, 2)
        let stretched = try XCTUnwrap(lesson(state).vectors(state))
        XCTAssertEqual(stretched.b.word, "2×cherry")
        XCTAssertEqual(dot(stretched.a.vector, stretched.b.vector), 2 * 2.8525, accuracy: 1e-12)
        XCTAssertTrue(numbers(state).contains("a·b     = 5.7050"))
        XCTAssertTrue(numbers(state).contains("= 0.914"))
        // The pair list follows the stretch: the same a·b as above, not the unstretched pair's 2.8525.
        XCTAssertTrue(numbers(state).contains("banana·2×cherry    0.914  5.7050"), numbers(state))
        XCTAssertFalse(numbers(state).contains("2.8525"), numbers(state))
        state.press("ss")
        XCTAssertEqual(lesson(state).scale, 0.5)
        XCTAssertTrue(numbers(state).contains("a·b     = 1.4263"))
        XCTAssertTrue(numbers(state).contains("banana·0.5×cherry  0.914  1.4263"), numbers(state))
        XCTAssertTrue(numbers(state).contains("= 0.914"))
    }

    func testStep4EqualCosinesDifferentDotProducts() throws {
        var state = opened(step: 3)
        XCTAssertEqual(lesson(state).shown, WordPair("phone", "camera"))
        // numpy: phone·camera cos 0.9459531430147926, dot 1.8025; the·in cos 0.9461239017030666, dot 0.0193.
        XCTAssertTrue(numbers(state).contains("a·b     = 1.8025"))
        XCTAssertTrue(numbers(state).contains("= 0.946"))
        state.press("p")
        XCTAssertEqual(lesson(state).shown, WordPair("the", "in"))
        XCTAssertTrue(numbers(state).contains("a·b     = 0.0193"))
        XCTAssertTrue(numbers(state).contains("= 0.946"))
        let the = try XCTUnwrap(state.vector(of: "the"))
        let inWord = try XCTUnwrap(state.vector(of: "in"))
        XCTAssertEqual(try XCTUnwrap(cosineSimilarity(the, inWord)), 0.9461239017030666, accuracy: 1e-12)
        XCTAssertEqual(norm(the), 0.14212670403551897, accuracy: 1e-12)
    }

    func testArrowHeadsPointTheArrowsWay() {
        XCTAssertEqual(ArrowHead.glyph(1, 0), "→")
        XCTAssertEqual(ArrowHead.glyph(0.6, 0.65), "↗")
        XCTAssertEqual(ArrowHead.glyph(0, -1), "↓")
        XCTAssertEqual(ArrowHead.glyph(-1, -1), "↙")
    }

    func testEnterShowsTheCosineComputationForTheStretchedPair() throws {
        var state = opened(step: 2)
        state.press("s<Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("no lesson detail") }
        XCTAssertEqual(explanation.title, "cosine(banana, 2×cherry)")
    }

    func testAt80x24TheLastStepsTwoPairsWithEqualCosinesAreBothListed() {
        let size = Size(width: 80, height: 24)
        var state = opened(step: 3)
        _ = state.update(.resize(size))
        for _ in 0..<2 {
            let text = state.panelText(CosineLesson.Panel.numbers, size: size)
            XCTAssertTrue(text.contains("phone·camera       0.946  1.8025"), text)
            XCTAssertTrue(text.contains("the·in             0.946  0.0193"), text)
            state.press("p")  // Try: press p to draw the·in
        }
    }

    // MARK: The exercise

    func testTheExerciseIsSolvedByReplayingItsSolutions() {
        ExerciseReplay.assertSolutionsSolve("cosine")
    }

    func testTheLastExploreStepEndsWithARecap() {
        ExerciseReplay.assertRecap("cosine")
    }

    func testTheExercisesPairShowsADotProductAndTwoLengthsAndHidesItsCosine() throws {
        var state = opened(step: 4)
        XCTAssertEqual(lesson(state).shown, WordPair("orange", "lemon"))
        // numpy: orange·lemon = 1.9225, |orange| = 1.3919, |lemon| = 1.6454, cos = 0.8394, 32.9°.
        for size in ExerciseReplay.sizes {
            let text = screen(state, size.width, size.height).text
            for shown in ["a·b     = 1.9225", "|a|     = 1.392   |b| = 1.645", "cos     = a·b / (|a|·|b|) = ?", "angle   = ? in 13-D"] {
                XCTAssertTrue(text.contains(shown), "\(shown)\n\(text)")
            }
            XCTAssertFalse(text.contains("0.839") || text.contains("0.84") || text.contains("32.9"), text)
        }
        state.press("<Enter>0.84<Enter>")
        XCTAssertTrue(state.isSolved(task: state.tasks[0]))
        XCTAssertTrue(numbers(state).contains("cos     = a·b / (|a|·|b|) = 0.839"), numbers(state))
        XCTAssertTrue(numbers(state).contains("32.9° in 13-D"))
    }

    func testTheWideAngleTaskReadsTheSignOfTheDotProduct() {
        var state = opened(step: 4)
        let check = { self.lesson(state).wideAngle(state.workspace).compared }
        XCTAssertEqual(check(), "orange·lemon: a·b 1.9225 ≥ 0, so 90° or less")
        state.press("pppp")
        // numpy: banana·phone = −0.405, 99.02°.
        XCTAssertEqual(check(), "banana·phone: a·b -0.4050 < 0: 99.0°")
        XCTAssertTrue(state.isSolved(task: state.tasks[1]))
    }

    /// The worked answers (x) and the questions above them stay within 72 columns, so the answer
    /// box fits inside an 80-column screen with room around it (it was 79 wide).
    func testTheAnswerBoxStaysWithin76Columns() {
        AnswerBox.assertFits("cosine")
    }
}
