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
}
