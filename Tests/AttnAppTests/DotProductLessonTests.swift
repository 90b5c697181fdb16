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
}
