import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 3, Dot product: every step's Try replayed through `update`; the products and sums
/// on screen against numpy (`np.dot` and `a * b` on the lexicon's rows).
final class DotProductLessonTests: XCTestCase {
    func opened(step: Int) -> AppState { opening("dot-product", step: step) }

    func pair(_ state: AppState) -> WordPair { state.lesson(as: DotProductLesson.self).shown }

    func highlightedFeature(_ state: AppState) -> String {
        state.featureNames[state.lesson(as: DotProductLesson.self).feature]
    }

    /// The product column of a feature's row in the table (the number after both values).
    func product(_ state: AppState, _ feature: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let row = try XCTUnwrap(state.panelLine(DotProductLesson.Panel.products, containing: feature + " "), file: file, line: line)
        let numbers = row.split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "┃" || $0 == "█" }).filter { Double($0) != nil }
        return String(try XCTUnwrap(numbers.last, file: file, line: line))
    }

    func testThePairsDotProductsAgreeWithNumpy() throws {
        let expected: [String: Double] = [
            "banana·cherry": 2.8524999999999996, "cherry·phone": -0.10499999999999998, "phone·elephant": -1.0675,
            "apple·phone": 1.0225, "banana·mango": 2.9099999999999997, "lemon·laptop": -0.45499999999999996,
        ]
        let state = opened(step: 0)
        for pair in DotProductLesson.pairs {
            let value = try XCTUnwrap(DotProductLesson.dotProduct(pair, in: state))
            XCTAssertEqual(value, try XCTUnwrap(expected[pair.label]), accuracy: 1e-12, pair.label)
        }
        // A large, a small and a negative one, as the steps say.
        XCTAssertGreaterThan(try XCTUnwrap(expected["banana·cherry"]), 2.5)
        XCTAssertLessThan(abs(try XCTUnwrap(expected["cherry·phone"])), 0.2)
        XCTAssertLessThan(try XCTUnwrap(expected["phone·elephant"]), -1)
    }

    func testStep1DownMovesToTheNextFeaturesProduct() throws {
        var state = opened(step: 0)
        XCTAssertEqual(pair(state), WordPair("banana", "cherry"))
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("banana·cherry = Σ products = 2.852"))
        XCTAssertEqual(highlightedFeature(state), "fruit")
        // numpy: banana * cherry = [0.855, 0.595, 0.5625, 0, …]
        XCTAssertEqual(try product(state, "fruit"), "0.855")
        state.press("<Down>")
        XCTAssertEqual(highlightedFeature(state), "food")
        XCTAssertEqual(try product(state, "food"), "0.595")
        state.press("j")
        XCTAssertEqual(highlightedFeature(state), "sweet")
    }

    func testStep2SizeAndNatureNearlyCancel() throws {
        var state = opened(step: 1)
        XCTAssertEqual(pair(state), WordPair("cherry", "phone"))
        XCTAssertEqual(highlightedFeature(state), "nature")
        XCTAssertEqual(try product(state, "nature"), "-0.455")
        state.press("<Up>")
        XCTAssertEqual(highlightedFeature(state), "size")
        XCTAssertEqual(try product(state, "size"), "0.350")
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("= -0.105"))
        // Every other product is 0: one of the two is 0 wherever the other is not.
        for name in state.featureNames where name != "size" && name != "nature" {
            XCTAssertEqual(try product(state, name), "0.000", name)
        }
    }

    func testStep3SizeIsNegativeToo() throws {
        var state = opened(step: 2)
        XCTAssertEqual(pair(state), WordPair("phone", "elephant"))
        XCTAssertEqual(try product(state, "nature"), "-0.617")
        state.press("<Up>")
        XCTAssertEqual(highlightedFeature(state), "size")
        XCTAssertEqual(try product(state, "size"), "-0.450")
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("= -1.068"))
    }

    func testStep4PWalksThroughThePairsAndTheSumChanges() throws {
        var state = opened(step: 3)
        XCTAssertEqual(state.focus, .panel(DotProductLesson.Panel.pairs))
        XCTAssertEqual(pair(state), WordPair("apple", "phone"))
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("apple·phone = Σ products = 1.023"))
        state.press("p")
        XCTAssertEqual(pair(state), WordPair("banana", "mango"))
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("banana·mango = Σ products = 2.910"))
        state.press("pp")
        // It wraps round to the first pair.
        XCTAssertEqual(pair(state), WordPair("banana", "cherry"))
        // The shared word list follows, so the title bar and Enter name the same two words.
        XCTAssertEqual(state.wordNames, ["banana", "cherry"])
    }

    func testEnterShowsEveryProductAndTheSum() throws {
        var state = opened(step: 0)
        state.press("<Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("no lesson detail") }
        XCTAssertEqual(explanation.title, "dot product(banana, cherry)")
        XCTAssertTrue(explanation.lines.contains("dot = Σ products = 2.8525"))
    }

    // MARK: What the walk found

    func testAt80x24TheLastStepShowsEveryProductThatIsNot0AndTheSum() {
        let size = Size(width: 80, height: 24)
        var state = opened(step: 3)
        _ = state.update(.resize(size))
        let text = state.panelText(DotProductLesson.Panel.products, size: size)
        // numpy: apple * phone is 0 but for tech 0.585, screen 0.245, audio 0.09, size 0.125, nature −0.0325, home 0.01.
        for row in ["tech     0.65  0.90  0.585", "screen   0.35  0.70  0.245", "nature   0.05 -0.65 -0.033", "home     0.10  0.10  0.010"]
        {
            XCTAssertTrue(text.contains(row), "\(row)\n\(text)")
        }
        XCTAssertTrue(text.contains("7 more features, each with a 0: product 0"), text)
        XCTAssertTrue(text.contains("sum of the products: a·b = 1.023"), text)
        // ↑ to a feature whose product is 0: its row comes in.
        state.press("<Up>")
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products, size: size).contains("sour     0.20  0.00  0.000"))
    }

    func testAt120x40TheSumIsWrittenOutAndTheFeatureReadAcrossThePairs() {
        var state = opened(step: 1)
        let size = Size(width: 120, height: 40)
        _ = state.update(.resize(size))
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products, size: size).contains("a·b = 0.350 − 0.455 = -0.105"))
        let pairs = state.panelText(DotProductLesson.Panel.pairs, size: size)
        // nature's product in each pair: cherry 0.70 × phone −0.65, phone −0.65 × elephant 0.95 …
        XCTAssertTrue(pairs.contains("nature in each pair"), pairs)
        XCTAssertTrue(pairs.contains("cherry·phone    0.70 × -0.65 -0.455"), pairs)
        XCTAssertTrue(pairs.contains("phone·elephant  -0.65 × 0.95 -0.617"), pairs)
        ScreenFile.assertMatches(screen(state, 120, 40), named: "dot-product-unrelated-120x40")
        state.press("<Up>")
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.pairs, size: size).contains("size in each pair"))
    }

    // MARK: The exercise

    func testTheExerciseIsSolvedByReplayingItsSolutions() {
        ExerciseReplay.assertSolutionsSolve("dot-product")
    }

    func testTheLastExploreStepEndsWithARecap() {
        ExerciseReplay.assertRecap("dot-product")
    }

    func testTheExercisesPairKeepsItsSumHiddenUntilItIsFound() throws {
        var state = opened(step: 4)
        XCTAssertEqual(pair(state), WordPair("banana", "lemon"))
        // numpy: banana·lemon = 1.99 (products 0.8075, 0.425, 0.0375, 0.2, 0.03, 0.49).
        XCTAssertEqual(try XCTUnwrap(DotProductLesson.dotProduct(WordPair("banana", "lemon"), in: state)), 1.99, accuracy: 1e-12)
        for size in ExerciseReplay.sizes {
            let text = screen(state, size.width, size.height).text
            XCTAssertTrue(text.contains("banana·lemon = Σ products = ?"), text)
            XCTAssertFalse(text.contains("1.99") || text.contains("0.808") || text.contains("0.425"), text)
            // The values to multiply are there.
            XCTAssertTrue(text.contains("fruit     0.95   0.85      ?"), text)
        }
        XCTAssertEqual(state.lesson(as: DotProductLesson.self).pullsDown(state.workspace).compared, "banana·lemon is task 1's pair")
        state.press("<Enter>1.99<Enter>")
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("banana·lemon = Σ products = 1.990"))
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.pairs).contains("banana·lemon    1.990"))
    }

    func testTheNegativePairTaskWantsTheLowestProduct() {
        var state = opened(step: 4)
        state.press("pp")  // cherry·phone, fruit highlighted
        let lesson = { state.lesson(as: DotProductLesson.self) }
        XCTAssertEqual(lesson().pullsDown(state.workspace).compared, "cherry·phone = -0.105; fruit 0.000, not its lowest product")
        state.press("<Up>")  // home
        XCTAssertFalse(state.isSolved(task: state.tasks[1]))
        state.press("<Up>")  // nature: −0.455, below size's 0.35
        XCTAssertTrue(state.isSolved(task: state.tasks[1]))
        XCTAssertEqual(lesson().pullsDown(state.workspace).compared, "cherry·phone = -0.105; nature -0.455 is its lowest product")
    }
}
