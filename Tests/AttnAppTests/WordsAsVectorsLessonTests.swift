import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 1, Words as vectors: every "Try" replayed through `update`.
final class WordsAsVectorsLessonTests: XCTestCase {
    private func opened(step: Int) -> AppState { opening("vectors", step: step) }

    /// The own panel's text at 100×30.
    private func panel(_ state: AppState, _ focus: Focus) throws -> String {
        let layout = state.layout(for: Size(width: 100, height: 30))
        return AppView.render(state, size: Size(width: 100, height: 30), colorMode: .palette256).text(
            in: try XCTUnwrap(layout.rect(of: focus)))
    }

    func testStep1ShowsBananasThirteenNumbersAndDownShowsAnothersNumbers() throws {
        var state = opened(step: 0)
        XCTAssertEqual(state.selectedWord?.word, "banana")
        let before = try panel(state, .panel(WordsAsVectorsLesson.Panel.numbers))
        XCTAssertTrue(before.contains("banana as 13 numbers"), before)
        // banana's fruit feature as the lexicon has it, to two decimals.
        let fruit = try XCTUnwrap(state.vector(of: "banana")?.first)
        XCTAssertTrue(before.contains(NumberFormat.fixed(fruit, decimals: 2)))

        state.press("<Down>")  // Try: press ↓ to pick another word
        XCTAssertEqual(state.selectedWord?.word, "cherry")
        let after = try panel(state, .panel(WordsAsVectorsLesson.Panel.numbers))
        XCTAssertTrue(after.contains("cherry as 13 numbers"), after)
        XCTAssertNotEqual(before, after)
    }

    func testStep1ShowsAllThirteenNumbersAt80x24() throws {
        var state = opened(step: 0)
        _ = state.update(.resize(Size(width: 80, height: 24)))
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(WordsAsVectorsLesson.Panel.numbers)))
        let text = screen(state, 80, 24).text(in: rect)
        for name in state.featureNames {
            XCTAssertTrue(text.contains(name + " "), "\(name) is cut off:\n\(text)")
        }
    }

    func testTheNearestWordsSpeakTheLegendsWordsAndSayWhatTheNumberIs() throws {
        let state = opened(step: 1)
        let text = try panel(state, .panel(WordsAsVectorsLesson.Panel.nearest))
        XCTAssertTrue(text.contains("nearest words · closeness"), text)
        XCTAssertTrue(text.contains("two senses"), text)
        XCTAssertFalse(text.contains("ambiguous"), "the map's legend says \"two senses\"")
    }

    func testStep2TheMapSeparatesFruitsFromElectronicsWithAppleBetween() throws {
        let state = opened(step: 1)
        let points = Dictionary(uniqueKeysWithValues: zip(state.wordNames, state.analysis.points))
        let fruits = ["orange", "banana", "cherry", "grape", "lemon"].compactMap { points[$0]?.x }
        let tech = ["phone", "laptop", "keyboard", "television", "camera"].compactMap { points[$0]?.x }
        // On the first principal axis every fruit lies on one side of every gadget …
        XCTAssertTrue(fruits.min()! > tech.max()! || fruits.max()! < tech.min()!, "fruits \(fruits) vs tech \(tech)")
        // … and apple, with two senses, between the two groups' means.
        let apple = try XCTUnwrap(points["apple"]?.x)
        let (f, t) = (fruits.reduce(0, +) / 5, tech.reduce(0, +) / 5)
        XCTAssertTrue((min(f, t)...max(f, t)).contains(apple))
        XCTAssertTrue(try panel(state, .panel(WordsAsVectorsLesson.Panel.nearest)).contains("What is apple?"))
    }

    func testStep3AddingMangoNamesItAFruit() throws {
        var state = opened(step: 2)
        state.press("amango<Enter>")  // Try: press a, type mango and Enter
        XCTAssertEqual(state.selectedWord?.word, "mango")
        let nearest = state.neighbors(count: 5)
        XCTAssertEqual(nearest.count, 5)
        XCTAssertEqual(nearest.map(\.category), Array(repeating: "fruit", count: 5), "its nearest words are fruits")
        let text = try panel(state, .panel(WordsAsVectorsLesson.Panel.nearest))
        XCTAssertTrue(text.contains("→ fruit (5 of 5 nearest)"), text)
    }

    func testStep4AMadeUpWordMovesTowardsTheFruitsAsItsFruitFeatureRises() throws {
        var state = opened(step: 3)
        state.press("azorb<Enter>")  // Try: press a, type a made-up word (zorb) and Enter
        let start = try XCTUnwrap(state.placement)
        XCTAssertEqual(start.feature, 0, "fruit is the first feature")
        let fruitCentroid = centroid(of: "fruit")
        let before = try XCTUnwrap(cosineSimilarity(start.vector, fruitCentroid))
        state.press("<Right><Right><Right><Right><Right>")  // raise fruit with →
        let raised = try XCTUnwrap(state.placement)
        XCTAssertEqual(raised.vector[0], min(1, start.vector[0] + 0.5), accuracy: 1e-9)
        XCTAssertGreaterThan(try XCTUnwrap(cosineSimilarity(raised.vector, fruitCentroid)), before, "closer to the fruits")
        XCTAssertTrue(
            try panel(state, .panel(WordsAsVectorsLesson.Panel.nearest)).contains("What is zorb?"),
            "the panel follows the word being placed")
        state.press("<Enter>")  // and Enter
        XCTAssertEqual(state.selectedWord?.word, "zorb")
        XCTAssertEqual(state.customWords.map(\.word), ["zorb"], "kept as the learner's own word")
    }

    func testTheVerdictIsTheMostCommonCategoryOfTheNearest() {
        XCTAssertEqual(WordsAsVectorsLesson.verdict(["fruit", "ambiguous", "fruit"]).category, "fruit")
        XCTAssertEqual(WordsAsVectorsLesson.verdict(["fruit", "ambiguous", "fruit"]).votes, 2)
        XCTAssertEqual(WordsAsVectorsLesson.verdict(["electronics", "fruit"]).category, "electronics", "a tie: the nearest wins")
    }
}
