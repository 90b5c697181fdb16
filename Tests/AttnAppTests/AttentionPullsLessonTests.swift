import AttnMath
import Foundation
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 9, attention pulls words: the hand example against hand arithmetic, every Try
/// replayed, and the lexicon numbers against numpy.
final class AttentionPullsLessonTests: XCTestCase {
    func opened(step: Int) -> AppState { opening("attention", step: step) }

    func lesson(_ state: AppState) throws -> AttentionPullsLesson { try XCTUnwrap(state.currentLesson.base as? AttentionPullsLesson) }

    func text(_ state: AppState, _ width: Int = 80, _ height: Int = 24) -> String {
        LessonScreenTests.words(screen(state, width, height).text)
    }

    /// The text inside the lexicon map (its note under the plot), at 80×24.
    func mapText(_ state: AppState) throws -> String {
        var state = state
        _ = state.update(.resize(Size(width: 80, height: 24)))
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(AttentionPullsLesson.Panel.map))).inset(by: 1)
        return LessonScreenTests.words(screen(state, 80, 24).text(in: rect))
    }

    /// apple (2,2) and a partner: softmax of the cosines 1 and cos(apple, partner), by hand.
    func byHand(partner: [Double]) -> [Double] {
        let cosine =
            (2 * partner[0] + 2 * partner[1]) / ((8.0).squareRoot() * (partner[0] * partner[0] + partner[1] * partner[1]).squareRoot())
        let (eSelf, ePartner) = (exp(1.0), exp(cosine))
        let (wSelf, wPartner) = (eSelf / (eSelf + ePartner), ePartner / (eSelf + ePartner))
        return [wSelf * 2 + wPartner * partner[0], wSelf * 2 + wPartner * partner[1]]
    }

    func testStep1TheHandExampleMatchesHandArithmeticAndTheText() throws {
        var state = opened(step: 0)
        let attention = try XCTUnwrap(try lesson(state).handAttention)
        XCTAssertEqual(attention.scores[0][1], 6 / (8.0.squareRoot() * 3), accuracy: 1e-12)
        // numpy: softmax([1, 6 / (√8·3)])[0]
        XCTAssertEqual(attention.weights[0][0], 0.5727042927955368, accuracy: 1e-12)
        let expected = byHand(partner: [0, 3])
        XCTAssertEqual(attention.context[0][0], expected[0], accuracy: 1e-12)
        XCTAssertEqual(attention.context[0][1], expected[1], accuracy: 1e-12)
        XCTAssertTrue(text(state).contains("= (1.15, 2.43)"))
        XCTAssertTrue(text(state).contains("apple′ (1.15, 2.43)"))
        // Try: p puts phone beside apple.
        state.press("p")
        let moved = try XCTUnwrap(try lesson(state).handAttention).context[0]
        let phone = byHand(partner: [4, 0])
        XCTAssertEqual(moved[0], phone[0], accuracy: 1e-12)
        XCTAssertEqual(moved[1], phone[1], accuracy: 1e-12)
        XCTAssertEqual(NumberFormat.fixed(moved[0], decimals: 2) + ", " + NumberFormat.fixed(moved[1], decimals: 2), "2.85, 1.15")
        XCTAssertTrue(text(state).contains("= (2.85, 1.15)"))
        XCTAssertTrue(text(state).contains("apple beside phone"))
    }

    func testStep2TrySSwitchesThePullFromTheFruitsToTheElectronics() throws {
        var state = opened(step: 1)
        XCTAssertEqual(state.wordNames, ["apple", "orange", "banana"])
        let fruits = scale(add(try XCTUnwrap(state.vector(of: "orange")), try XCTUnwrap(state.vector(of: "banana"))), by: 0.5)
        let tech = scale(add(try XCTUnwrap(state.vector(of: "phone")), try XCTUnwrap(state.vector(of: "laptop"))), by: 0.5)
        let apple = try XCTUnwrap(state.vector(of: "apple"))
        var context = try XCTUnwrap(state.analysis.attention).context[0]
        // numpy: apple's softmax weights over apple, orange, banana are 0.4009, 0.2994, 0.2996;
        // its context lies 0.4195 from the fruits' mean (apple itself: 1.0464).
        XCTAssertEqual(try XCTUnwrap(state.analysis.attention).weights[0][0], 0.4009, accuracy: 1e-4)
        XCTAssertEqual(distance(context, fruits), 0.4195391854064303, accuracy: 1e-9)
        XCTAssertLessThan(distance(context, fruits), distance(apple, fruits))
        state.press("s")
        XCTAssertEqual(state.wordNames, ["apple", "phone", "laptop"])
        context = try XCTUnwrap(state.analysis.attention).context[0]
        // numpy: among phone and laptop its context lies 0.5866 from their mean (apple itself: 1.3165).
        XCTAssertEqual(distance(context, tech), 0.5866196880944852, accuracy: 1e-9)
        XCTAssertLessThan(distance(context, tech), distance(apple, tech))
        XCTAssertTrue(try mapText(state).contains("towards phone and laptop"))
    }

    func testStep3TryNAddsALayerAndTheStepsShrink() throws {
        var state = opened(step: 2)
        XCTAssertEqual(try lesson(state).layers, 2)
        let note = try mapText(state)
        XCTAssertTrue(note.contains("each layer moved apple by 0.63, 0.08"), note)
        state.press("n")  // Try: press n to add layers and watch each step shrink
        XCTAssertEqual(try lesson(state).layers, 3)
        let third = try mapText(state)
        XCTAssertTrue(third.contains("each layer moved apple by 0.63, 0.08, 0.00"), third)
        let path = AttentionPullsLesson.path(of: state.words.map(\.vector), layers: 4)
        XCTAssertEqual(path.count, 5)
        // numpy: the first layer moves apple 0.6269, the second 0.0835.
        XCTAssertEqual(distance(path[0], path[1]), 0.6269, accuracy: 1e-4)
        XCTAssertEqual(distance(path[1], path[2]), 0.0835, accuracy: 1e-4)
        XCTAssertLessThan(distance(path[2], path[3]), distance(path[1], path[2]))
        state.press("nnn")
        XCTAssertEqual(try lesson(state).layers, 6)
        state.press("n")
        XCTAssertEqual(try lesson(state).layers, 1, "after 6 layers n starts again at 1")
    }

    func testStep4TryWTakesTheSmallWordsOutAndTheContextGrowsBack() throws {
        var state = opened(step: 3)
        XCTAssertEqual(state.wordNames, ["apple", "orange", "banana", "an", "and", "the"])
        // numpy: |context| = 0.8999790 with an, and, the; 1.3097345 without.
        XCTAssertEqual(norm(try XCTUnwrap(state.analysis.attention).context[0]), 0.8999790125682231, accuracy: 1e-9)
        XCTAssertTrue(try mapText(state).contains("|context| = 0.90 with an, and, the; 1.31 without"))
        state.press("w")
        XCTAssertEqual(state.wordNames, ["apple", "orange", "banana"])
        XCTAssertEqual(norm(try XCTUnwrap(state.analysis.attention).context[0]), 1.3097344622324065, accuracy: 1e-9)
        XCTAssertTrue(try mapText(state).contains("|context| = 1.31 without the small words"))
    }

    func testTheMapKeepsItsPlaceWhenWordsComeAndGo() throws {
        var state = opened(step: 3)
        _ = state.update(.resize(Size(width: 100, height: 30)))
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(AttentionPullsLesson.Panel.map)))
        func cell(of marker: String, in state: AppState) -> [Int] {
            let lines = screen(state, 100, 30).lines(in: rect)
            return lines.enumerated().compactMap { row, line in line.contains(marker) ? row : nil }
        }
        // Electronic words are drawn in every state (dim when not in play): their rows never change.
        let phoneRows = cell(of: "phone", in: state)
        XCTAssertFalse(phoneRows.isEmpty)
        state.press("w")
        XCTAssertEqual(cell(of: "phone", in: state), phoneRows)
        state.press("s")
        XCTAssertEqual(cell(of: "phone", in: state), phoneRows)
    }
}
