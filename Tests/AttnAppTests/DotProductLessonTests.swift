// SPDX-License-Identifier: Apache-2.0

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
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("banana·cherry = Σ products = 2.8525"))
        XCTAssertEqual(highlightedFeature(state), "fruit")
        // numpy: banana * cherry = [0.855, 0.595, 0.5625, 0, …]
        XCTAssertEqual(try product(state, "fruit"), "0.8550")
        state.press("<Down>")
        XCTAssertEqual(highlightedFeature(state), "food")
        XCTAssertEqual(try product(state, "food"), "0.5950")
        state.press("j")
        XCTAssertEqual(highlightedFeature(state), "sweet")
    }

    func testStep2SizeAndNatureNearlyCancel() throws {
        var state = opened(step: 1)
        XCTAssertEqual(pair(state), WordPair("cherry", "phone"))
        XCTAssertEqual(highlightedFeature(state), "nature")
        XCTAssertEqual(try product(state, "nature"), "-0.4550")
        state.press("<Up>")
        XCTAssertEqual(highlightedFeature(state), "size")
        XCTAssertEqual(try product(state, "size"), "0.3500")
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("= -0.1050"))
        // Every other product is 0: one of the two is 0 wherever the other is not.
        for name in state.featureNames where name != "size" && name != "nature" {
            XCTAssertEqual(try product(state, name), "0.0000", name)
        }
    }

    func testStep3SizeIsNegativeToo() throws {
        var state = opened(step: 2)
        XCTAssertEqual(pair(state), WordPair("phone", "elephant"))
        XCTAssertEqual(try product(state, "nature"), "-0.6175")
        state.press("<Up>")
        XCTAssertEqual(highlightedFeature(state), "size")
        XCTAssertEqual(try product(state, "size"), "-0.4500")
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("= -1.0675"))
    }

    func testStep4PWalksThroughThePairsAndTheSumChanges() throws {
        var state = opened(step: 3)
        XCTAssertEqual(state.focus, .panel(DotProductLesson.Panel.pairs))
        XCTAssertEqual(pair(state), WordPair("apple", "phone"))
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("apple·phone = Σ products = 1.0225"))
        state.press("p")
        XCTAssertEqual(pair(state), WordPair("banana", "mango"))
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("banana·mango = Σ products = 2.9100"))
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
        for row in [
            "tech     0.65  0.90  0.5850", "screen   0.35  0.70  0.2450", "nature   0.05 -0.65 -0.0325", "home     0.10  0.10  0.0100",
        ] {
            XCTAssertTrue(text.contains(row), "\(row)\n\(text)")
        }
        XCTAssertTrue(text.contains("7 more features, each with a 0: product 0"), text)
        XCTAssertTrue(text.contains("sum of the products: a·b = 1.0225"), text)
        // ↑ skips the features whose product is 0, which the table does not list: tech to home, the row above.
        XCTAssertEqual(highlightedFeature(state), "tech")
        state.press("<Up>")
        XCTAssertEqual(highlightedFeature(state), "home")
        XCTAssertFalse(state.panelText(DotProductLesson.Panel.products, size: size).contains("sour"))
    }

    // MARK: Numbers that add up by hand

    /// Every product and sum with 4 decimals, exact: the rows shown add up to the sum shown (to
    /// 3 decimals banana·cherry's rows 0.855 + 0.595 + 0.563 + … made 2.853 against a sum of 2.852).
    func testTheRowsShownAddUpToTheSumShownInEveryStepAndPair() throws {
        for step in 0..<4 {
            var state = opened(step: step)
            for _ in DotProductLesson.pairs {
                for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                    let text = state.panelText(DotProductLesson.Panel.products, size: size)
                    // A feature's row: its name, both values, the product (then its bar).
                    let rows = text.split(separator: "\n").map { $0.split(whereSeparator: { " │┃█".contains($0) }) }
                        .filter { $0.first.map { state.featureNames.contains(String($0)) } ?? false }
                    XCTAssertGreaterThanOrEqual(rows.count, 2, text)
                    let products = try rows.map { try XCTUnwrap(Double($0[3]), "\($0)") }
                    let title = try XCTUnwrap(text.firstMatch(of: /Σ products = (-?[0-9.]+)/), text)
                    let shownSum = try XCTUnwrap(Double(title.1))
                    XCTAssertEqual(products.reduce(0, +), shownSum, accuracy: 1e-9, "step \(step + 1), \(pair(state).label):\n\(text)")
                    XCTAssertEqual(title.1.split(separator: ".").last?.count, 4)
                }
                state.press("p")
            }
        }
    }

    /// The features whose rows the products table lists at `size`.
    func listedFeatures(_ state: AppState, size: Size) -> [String] {
        state.panelText(DotProductLesson.Panel.products, size: size).split(separator: "\n")
            .compactMap { $0.split(whereSeparator: { " │┃".contains($0) }).first.map(String.init) }
            .filter { state.featureNames.contains($0) }
    }

    /// The steps' texts quote the sums the tables show.
    func testTheTextsQuoteTheSumsAsShown() {
        let texts = (0..<4).map { course.text(lesson: index("dot-product"), step: $0) }
        XCTAssertTrue(texts[0].contains("piles up to 2.8525"))
        XCTAssertTrue(texts[1].contains("Sum −0.105"))
        XCTAssertTrue(texts[2].contains("Sum −1.0675"))
        XCTAssertTrue(texts[3].contains("apple·phone is 1.0225"))
        XCTAssertTrue(opened(step: 2).panelText(DotProductLesson.Panel.pairs).contains("phone·elephant -1.0675"))
    }

    /// Where ↓ walks the table (steps 1–3), every row is on screen at 80×24; in the steps whose table lists
    /// only the products that are not 0, ↑/↓ walk those rows only (before, ↓ took about ten presses
    /// through rows the table did not show to reach size and nature in the exercise).
    func testUpAndDownNeverHighlightARowTheTableDoesNotShow() {
        let size = Size(width: 80, height: 24)
        for step in 0..<5 {
            var state = opened(step: step)
            _ = state.update(.resize(size))
            for _ in 0..<(DotProductLesson.pairs.count + 1) {
                for key in ["<Down>", "<Up>"] {
                    // After the first press (which may leave a row of 0 the step opened on), the rows
                    // listed stay the same, and the highlighted feature is always one of them.
                    var walked = state
                    walked.press(key)
                    let listed = listedFeatures(walked, size: size)
                    for _ in 0..<14 {
                        walked.press(key)
                        let feature = highlightedFeature(walked)
                        XCTAssertEqual(listedFeatures(walked, size: size), listed, "step \(step + 1), \(pair(walked).label), \(feature)")
                        XCTAssertTrue(listed.contains(feature), "step \(step + 1), \(pair(walked).label): \(feature) in \(listed)")
                    }
                }
                state.press("p")
            }
        }
        // The exercise's negative pair: from fruit, one ↑ reaches nature, its lowest product.
        var state = opened(step: 4)
        state.press("pp")
        state.press("<Down>")
        XCTAssertEqual(highlightedFeature(state), "size")
        state.press("<Down>")
        XCTAssertEqual(highlightedFeature(state), "nature")
    }

    func testAt120x40TheSumIsWrittenOutAndTheFeatureReadAcrossThePairs() {
        var state = opened(step: 1)
        let size = Size(width: 120, height: 40)
        _ = state.update(.resize(size))
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products, size: size).contains("a·b = 0.3500 − 0.4550 = -0.1050"))
        let pairs = state.panelText(DotProductLesson.Panel.pairs, size: size)
        // nature's product in each pair: cherry 0.70 × phone −0.65, phone −0.65 × elephant 0.95 …
        XCTAssertTrue(pairs.contains("nature in each pair"), pairs)
        XCTAssertTrue(pairs.contains("cherry·phone    0.70 × -0.65 -0.4550"), pairs)
        XCTAssertTrue(pairs.contains("phone·elephant  -0.65 × 0.95 -0.6175"), pairs)
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
            XCTAssertTrue(text.contains("fruit     0.95   0.85      ?"), text)  // under the products' last digit
        }
        XCTAssertEqual(state.lesson(as: DotProductLesson.self).pullsDown(state.workspace).compared, "banana·lemon is task 1's pair")
        state.press("<Enter>1.99<Enter>")
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.products).contains("banana·lemon = Σ products = 1.9900"))
        XCTAssertTrue(state.panelText(DotProductLesson.Panel.pairs).contains("banana·lemon    1.9900"))
    }

    func testTheNegativePairTaskWantsTheLowestProduct() {
        var state = opened(step: 4)
        state.press("pp")  // cherry·phone, fruit highlighted
        let lesson = { state.lesson(as: DotProductLesson.self) }
        XCTAssertEqual(lesson().pullsDown(state.workspace).compared, "cherry·phone = -0.1050; fruit 0.0000, not its lowest product")
        state.press("<Down>")  // size: 0.35 (the rows whose product is 0 are skipped)
        XCTAssertFalse(state.isSolved(task: state.tasks[1]))
        XCTAssertEqual(lesson().pullsDown(state.workspace).compared, "cherry·phone = -0.1050; size 0.3500, not its lowest product")
        state.press("<Down>")  // nature: −0.455, below size's 0.35
        XCTAssertTrue(state.isSolved(task: state.tasks[1]))
        XCTAssertEqual(lesson().pullsDown(state.workspace).compared, "cherry·phone = -0.1050; nature -0.4550 is its lowest product")
    }

    func testTheAnswerBoxStaysWithin76Columns() {
        AnswerBox.assertFits("dot-product")
    }
}
