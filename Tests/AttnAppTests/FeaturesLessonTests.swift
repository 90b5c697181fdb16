// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 2, Features: every step's Try replayed through `update`, and the numbers on screen
/// against the lexicon's values (`Assets/lexicon.tsv`, copied here by hand).
final class FeaturesLessonTests: XCTestCase {
    func opened(step: Int) -> AppState { opening("features", step: step) }

    func testTheFeaturesHaveTheLexiconsThirteenNames() {
        let state = opened(step: 0)
        XCTAssertEqual(
            state.featureNames,
            ["fruit", "food", "sweet", "sour", "tech", "screen", "audio", "animal", "vehicle", "colour", "size", "nature", "home"])
        // Every name is on screen in the bars panel.
        let text = state.panelText(FeaturesLesson.Panel.pair)
        for name in state.featureNames { XCTAssertTrue(text.contains(name), "\(name) is not drawn") }
    }

    func testStep1PressingPShowsAnotherPair() throws {
        var state = opened(step: 0)
        XCTAssertEqual(state.lesson(as: FeaturesLesson.self).shown, WordPair("banana", "cherry"))
        // banana fruit 0.95, cherry fruit 0.90 (lexicon.tsv).
        let before = try XCTUnwrap(state.panelLine(FeaturesLesson.Panel.pair, containing: "fruit"))
        XCTAssertTrue(before.contains("0.95") && before.contains("0.90"), before)
        state.press("p")
        XCTAssertEqual(state.lesson(as: FeaturesLesson.self).shown, WordPair("banana", "phone"))
        XCTAssertTrue(state.panelText(FeaturesLesson.Panel.pair).contains("banana and phone"))
        // phone has fruit 0.00 where cherry had 0.90.
        let after = try XCTUnwrap(state.panelLine(FeaturesLesson.Panel.pair, containing: "fruit"))
        XCTAssertTrue(after.contains("0.95") && after.contains("0.00") && !after.contains("0.90"), after)
    }

    func testStep2ArrowsHighlightAnotherFeature() throws {
        var state = opened(step: 1)
        let names = state.featureNames
        XCTAssertEqual(names[state.lesson(as: FeaturesLesson.self).feature], "tech")
        // banana tech 0, phone tech 0.9: the text's "phone is the reverse".
        XCTAssertTrue(state.panelText(FeaturesLesson.Panel.feature).contains("tech across words"))
        XCTAssertTrue(try XCTUnwrap(state.panelLine(FeaturesLesson.Panel.feature, containing: "phone")).contains("0.90"))
        state.press("<Down>")
        XCTAssertEqual(names[state.lesson(as: FeaturesLesson.self).feature], "screen")
        XCTAssertTrue(state.panelText(FeaturesLesson.Panel.feature).contains("screen across words"))
        XCTAssertTrue(try XCTUnwrap(state.panelLine(FeaturesLesson.Panel.feature, containing: "phone")).contains("0.70"))
        state.press("<Up><Up>")
        XCTAssertEqual(names[state.lesson(as: FeaturesLesson.self).feature], "sour")
        // ↑ from the first feature wraps to the last.
        state.press("kkkk")
        XCTAssertEqual(names[state.lesson(as: FeaturesLesson.self).feature], "home")
    }

    func testStep3AppleHasSomeOfBothAndPCompareItWithBanana() throws {
        var state = opened(step: 2)
        let apple = try XCTUnwrap(state.vector(of: "apple"))
        XCTAssertEqual(apple[0], 0.6)
        XCTAssertEqual(apple[4], 0.65)
        XCTAssertEqual(state.lesson(as: FeaturesLesson.self).shown, WordPair("apple", "phone"))
        state.press("p")
        XCTAssertEqual(state.lesson(as: FeaturesLesson.self).shown, WordPair("apple", "banana"))
        // They share fruit (0.60 and 0.95), not tech (0.65 and 0.00).
        let fruit = try XCTUnwrap(state.panelLine(FeaturesLesson.Panel.pair, containing: "fruit"))
        XCTAssertTrue(fruit.contains("0.60") && fruit.contains("0.95"), fruit)
        let tech = try XCTUnwrap(state.panelLine(FeaturesLesson.Panel.pair, containing: "tech"))
        XCTAssertTrue(tech.contains("0.65") && tech.contains("0.00"), tech)
    }

    func testStep4ReadsSizeDownTheWordsAndUpReadsColour() throws {
        var state = opened(step: 3)
        XCTAssertEqual(state.focus, .panel(FeaturesLesson.Panel.feature))
        // The pair's panel leaves room for the recap; its key goes with it.
        XCTAssertNil(state.layout(for: Size(width: 80, height: 24)).rect(of: .panel(FeaturesLesson.Panel.pair)))
        XCTAssertFalse(AppKeys.statusBar(for: state).contains { $0.label == "p" })
        XCTAssertTrue(state.panelText(FeaturesLesson.Panel.feature).contains("size across words"))
        // cherry size −0.70, elephant 0.90.
        XCTAssertTrue(try XCTUnwrap(state.panelLine(FeaturesLesson.Panel.feature, containing: "cherry")).contains("-0.70"))
        XCTAssertTrue(try XCTUnwrap(state.panelLine(FeaturesLesson.Panel.feature, containing: "elephant")).contains("0.90"))
        state.press("<Up>")
        XCTAssertTrue(state.panelText(FeaturesLesson.Panel.feature).contains("colour across words"))
        XCTAssertTrue(try XCTUnwrap(state.panelLine(FeaturesLesson.Panel.feature, containing: "cherry")).contains("0.70"))
        XCTAssertTrue(try XCTUnwrap(state.panelLine(FeaturesLesson.Panel.feature, containing: "elephant")).contains("0.00"))
    }

    func testTwoFruitsHaveNearlyTheSameBars() throws {
        // numpy: cos(banana, cherry) = 0.9137387823369462, cos(banana, phone) = −0.156813467104101.
        let state = opened(step: 0)
        let banana = try XCTUnwrap(state.vector(of: "banana"))
        XCTAssertEqual(
            try XCTUnwrap(cosineSimilarity(banana, try XCTUnwrap(state.vector(of: "cherry")))), 0.9137387823369462, accuracy: 1e-12)
        XCTAssertEqual(
            try XCTUnwrap(cosineSimilarity(banana, try XCTUnwrap(state.vector(of: "phone")))), -0.156813467104101, accuracy: 1e-12)
    }

    func testResetReturnsToTheStepsPair() {
        var state = opened(step: 0)
        state.press("pp<Down>")
        state.press("r")
        XCTAssertEqual(state.lesson(as: FeaturesLesson.self).shown, WordPair("banana", "cherry"))
        XCTAssertEqual(state.lesson(as: FeaturesLesson.self).feature, 0)
    }

    // MARK: What the walk found

    func testEveryStepThatShowsThePairNamesItsColumnsAt80x24() throws {
        for step in [0, 1, 2, 4] {
            var state = opened(step: step)
            _ = state.update(.resize(Size(width: 80, height: 24)))
            let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(FeaturesLesson.Panel.pair))).inset(by: 1)
            let lines = screen(state, 80, 24).lines(in: rect)
            let pair = state.lesson(as: FeaturesLesson.self).shown
            XCTAssertTrue(lines[0].contains(pair.first) && lines[0].contains(pair.second), "step \(step + 1): \(lines[0])")
            for name in state.featureNames {
                XCTAssertTrue(lines.contains { $0.hasPrefix(name + " ") }, "step \(step + 1): \(name) is cut off")
            }
        }
    }

    func testAt120x40ThePairIsReadInWordsAndTheFeatureDownMoreWords() {
        var state = opened(step: 2)
        let size = Size(width: 120, height: 40)
        _ = state.update(.resize(size))
        let pair = state.panelText(FeaturesLesson.Panel.pair, size: size)
        // apple and phone (lexicon.tsv): tech, screen, audio, home both above 0; nature 0.05 against −0.65.
        XCTAssertTrue(pair.contains("both above 0: tech, screen, audio, home"), pair)
        XCTAssertTrue(pair.contains("opposite signs: nature"), pair)
        XCTAssertTrue(pair.contains("both below 0: size"), pair)
        let feature = state.panelText(FeaturesLesson.Panel.feature, size: size)
        XCTAssertTrue(feature.contains("more words"), feature)
        XCTAssertTrue(feature.contains("watermelon 0.90"), feature)
        ScreenFile.assertMatches(screen(state, 120, 40), named: "features-two-senses-120x40")
        // At 80×24 neither: the bars need every row.
        XCTAssertFalse(state.panelText(FeaturesLesson.Panel.pair, size: Size(width: 80, height: 24)).contains("both above 0"))
    }

    // MARK: The exercise

    func testTheExerciseIsSolvedByReplayingItsSolutions() {
        ExerciseReplay.assertSolutionsSolve("features")
    }

    func testTheLastExploreStepEndsWithARecap() {
        ExerciseReplay.assertRecap("features")
    }

    func testTheExerciseOpensOnAPairWithNoOppositeSignsAndAsksForItsLargestGap() throws {
        var state = opened(step: 4)
        XCTAssertEqual(state.lesson(as: FeaturesLesson.self).shown, WordPair("banana", "cherry"))
        let banana = try XCTUnwrap(state.vector(of: "banana"))
        let cherry = try XCTUnwrap(state.vector(of: "cherry"))
        XCTAssertFalse(zip(banana, cherry).contains { $0 * $1 < 0 }, "p is needed to find opposite signs")
        XCTAssertEqual(state.lesson(as: FeaturesLesson.self).signs(state.workspace).compared, "fruit: banana 0.95, cherry 0.90, same sign")
        // numpy: np.abs(banana - cherry).max() = 0.6, on size (−0.10 against −0.70): both below 0.
        let gap = try XCTUnwrap(FeaturesLesson.largestGap(state.workspace))
        XCTAssertEqual(gap.feature, "size")
        XCTAssertEqual(gap.gap, 0.6, accuracy: 1e-12)
        state.press("<Enter>0.8<Enter>")  // −0.10 + −0.70 added, not subtracted
        XCTAssertTrue(state.message?.hasPrefix("Not yet") == true)
        state.press("<Enter>0.61<Enter>")  // one unit off in the last place: rounded products land there
        XCTAssertTrue(state.isSolved(task: state.tasks[1]))
    }

    /// The worked answer counts presses in words ("p once", not "p 1 times") and fits the box.
    func testTheWorkedAnswerSaysHowManyPressesInWords() throws {
        var state = opened(step: 4)
        state.press("x")
        guard case .detail(.lesson(let answers), _) = state.mode else { return XCTFail("x opens the answers") }
        let text = answers.lines.joined(separator: "\n")
        XCTAssertFalse(text.contains(" 1 times") || text.contains(" 0 times"), text)
        XCTAssertTrue(text.contains("p once → banana·phone, nature: 0.70 and -0.65"), text)
        XCTAssertEqual(Presses.of("p", 2), "p twice")
        XCTAssertEqual(Presses.of("t", 3), "t 3 times")
        AnswerBox.assertFits("features")
    }
}
