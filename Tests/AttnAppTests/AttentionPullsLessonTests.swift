// SPDX-License-Identifier: Apache-2.0

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

    // MARK: What the learner's walk found

    /// The hand example says it scores with cosines, and that a transformer uses QKᵀ/√d_k.
    func testStep1SaysTheHandExampleUsesCosinesNotQK() throws {
        let text = stepText(opened(step: 0))
        XCTAssertTrue(text.contains("scores with cosines; a transformer uses QKᵀ/√d_k, as the next lessons show"), text)
    }

    /// The hollow markers are explained where they first show.
    func testStep2ExplainsTheHollowMarkers() throws {
        let state = opened(step: 1)
        XCTAssertTrue(try mapText(state).contains("∘phone"))
        XCTAssertTrue(stepText(state).contains("∘ marks words not in play now"))
    }

    /// At 6 layers the note lists six moves, and the text says why fewer marks show: from the third the moves round to 0.00.
    func testStep3SaysWhyLaterLayersShareOneMark() throws {
        var state = opened(step: 2)
        state.press("nnnn")
        XCTAssertEqual(try lesson(state).layers, 6)
        let note = try mapText(state)
        XCTAssertTrue(note.contains("0.63, 0.08, 0.00, 0.00, 0.00, 0.00"), note)
        XCTAssertTrue(stepText(state).contains("from the third they round to 0.00, so those marks sit on one spot"))
        let path = AttentionPullsLesson.path(of: state.words.map(\.vector), layers: 6)
        for layer in 3...6 { XCTAssertLessThan(distance(path[layer - 1], path[layer]), 0.005) }
    }

    /// At 80×24 the weights panel's title is whole, not cut at "softmax(… ".
    func testAt80x24TheWeightsTitleIsWhole() throws {
        for step in 1...3 {
            var state = opened(step: step)
            _ = state.update(.resize(Size(width: 80, height: 24)))
            let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(AttentionPullsLesson.Panel.weights)))
            let top = screen(state, 80, 24).lines(in: rect)[0]
            XCTAssertTrue(top.contains("apple · softmax(cos)"), top)
            XCTAssertFalse(top.contains("…"), top)
            state.press("<Tab>")
            let focused = screen(state, 80, 24).lines(in: rect)[0]
            XCTAssertTrue(focused.contains("apple · softmax(cos)"), focused)
        }
        // Wide enough, the long title, and "Enter why" beside it when focused.
        var wide = opened(step: 1)
        _ = wide.update(.resize(Size(width: 120, height: 40)))
        wide.press("<Tab>")
        XCTAssertEqual(wide.focus, .panel(AttentionPullsLesson.Panel.weights))
        XCTAssertTrue(screen(wide, 120, 40).text.contains("Weights of apple · softmax(cos) ━"), screen(wide, 120, 40).text)
        XCTAssertTrue(screen(wide, 120, 40).text.contains("Enter why"))
    }

    /// ↑/↓ pick a weight and Enter works it out: e^cos over the sum.
    func testArrowsPickAWeightAndEnterWorksItOut() throws {
        var state = opened(step: 1)
        state.press("<Down>")
        XCTAssertEqual(state.focus, .panel(AttentionPullsLesson.Panel.weights))
        state.press("<Enter>")
        guard case .lesson(let explanation) = try XCTUnwrap(state.detail) else { return XCTFail("no explanation") }
        XCTAssertEqual(explanation.title, "apple's weight on orange")
        let weight = try XCTUnwrap(state.analysis.attention).weights[0][1]
        XCTAssertTrue(explanation.lines.last?.hasSuffix("= \(NumberFormat.fixed(weight, decimals: 3))") ?? false, "\(explanation.lines)")
        let cosines = try XCTUnwrap(state.analysis.attention).scores[0]
        let total = cosines.map { exp($0) }.reduce(0, +)
        XCTAssertEqual(exp(cosines[1]) / total, weight, accuracy: 1e-12)
    }

    // MARK: Exercise

    func testTheExerciseIsSolvedByItsSolutionsAndMatchesHandArithmetic() throws {
        let fresh = try assertExerciseReplays("attention")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.number, .number])
        // By hand: cos(apple, banana) = 4 / (√8·√10); softmax(1, cos); apple′ = w·(2,2) + w′·(−1,3).
        let cosine = 4 / (8.0.squareRoot() * 10.0.squareRoot())
        let wBanana = exp(cosine) / (exp(1) + exp(cosine))
        let moved = byHand(partner: [-1, 3])
        XCTAssertEqual(fresh.tasks[0].solution, "<Enter>\(NumberFormat.fixed(wBanana, decimals: 2))<Enter>")
        XCTAssertEqual(fresh.tasks[1].solution, "<Enter><Down>\(NumberFormat.fixed(moved[1], decimals: 2))<Enter>")
        XCTAssertEqual(NumberFormat.fixed(wBanana, decimals: 2), "0.37")
        XCTAssertEqual(NumberFormat.fixed(moved[1], decimals: 2), "2.37")
        // With the rounded weights 0.63 and 0.37, as a learner would: 0.63·2 + 0.37·3 = 2.37.
        var rounded = fresh
        rounded.press("<Enter><Down>2.37<Enter>")
        XCTAssertTrue(rounded.isSolved(task: rounded.tasks[1]))
        // The word's coordinates are on screen: in the question and on the plane.
        let shown = stepText(fresh)
        XCTAssertTrue(shown.contains("banana (-1, 3)"), shown)
        // Both tasks solved: the exercise is done (Enter then opens the one still open).
        var both = fresh
        both.press(fresh.tasks[0].solution + "<Enter>2.37<Enter>")
        XCTAssertTrue(both.tasks.allSatisfy { both.isSolved(task: $0) })
        XCTAssertTrue(both.message?.contains("Exercise done") ?? false, both.message ?? "")
    }
}

extension AttentionPullsLessonTests {
    /// A number as the learner rounds it: half away from zero, at `decimals` places.
    func rounded(_ value: Double, _ decimals: Int) -> String { NumberFormat.fixed(value, decimals: decimals) }

    /// The numbers of a line, in order ("-1" and "0.5727" alike).
    func numbers(_ line: String) -> [Double] {
        line.split { !("0123456789.-".contains($0)) }.compactMap { Double($0) }
    }

    /// Step 1 after its Try: phone beside apple.
    func phoneBeside() -> AppState {
        var state = opened(step: 0)
        state.press("p")
        return state
    }

    /// Every line of working the hand panel, its Enter popup and the exercise's answers show adds
    /// up by hand from the factors it shows: the cosine from the shown dot product and lengths,
    /// the weight from the shown cosine, apple′ from the shown weights (0.57·2 = 1.14 would not
    /// give apple′'s 1.15: the weights have four decimals).
    func testEveryShownWorkingAddsUpFromItsShownFactors() throws {
        let cases: [(lines: [String], partner: [Double])] = [
            (try lesson(opened(step: 0)).handLines(), [0, 3]),
            (try lesson(phoneBeside()).handLines(), [4, 0]),
            (AttentionPullsLesson.exerciseWorking(), [-1, 3]),
        ]
        for (lines, partner) in cases {
            let cosineLine = try XCTUnwrap(lines.first { $0.hasPrefix("  = ") })
            let c = numbers(cosineLine)  // dot, |apple|, |partner|, cos
            XCTAssertEqual(rounded(c[0] / (c[1] * c[2]), 3), rounded(c[3], 3), cosineLine)
            let softmaxLine = try XCTUnwrap(lines.first { $0.hasPrefix("  e^1 / ") })
            let s = numbers(softmaxLine)  // 1, 1, cos, weight
            XCTAssertEqual(s[2], c[3], "the softmax takes the cosine as shown")
            XCTAssertEqual(rounded(exp(1) / (exp(1) + exp(s[2])), 4), rounded(s[3], 4), softmaxLine)
            let rest = numbers(try XCTUnwrap(lines.first { $0.contains("the rest goes to") })).last!
            XCTAssertEqual(s[3] + rest, 1, accuracy: 1e-12, "the two weights sum to 1")
            let first = numbers(try XCTUnwrap(lines.first { $0.hasPrefix("apple′ = ") }))  // w, 2, 2
            let second = numbers(try XCTUnwrap(lines.first { $0.hasPrefix("       + ") }))  // w′, x, y
            let result = numbers(try XCTUnwrap(lines.first { $0.hasPrefix("       = ") }))
            XCTAssertEqual(first[0], s[3])
            XCTAssertEqual(second[0], rest)
            XCTAssertEqual(Array(second.dropFirst()), partner)
            for axis in 0..<2 {
                XCTAssertEqual(rounded(first[0] * first[1 + axis] + second[0] * second[1 + axis], 2), rounded(result[axis], 2), "\(lines)")
            }
            // And the true values, rounded as shown.
            let moved = byHand(partner: partner)
            XCTAssertEqual(result.map { rounded($0, 2) }, moved.map { rounded($0, 2) })
        }
        // The text's sum adds up exactly from its factors: 0.573·(2,2) + 0.427·(0,3) = (1.146, 2.427).
        let text = LessonScreenTests.words(course.text(lesson: index("attention"), step: 0))
        XCTAssertTrue(text.contains("cosines 1 and 0.707 gives 0.573 and 0.427"), text)
        XCTAssertTrue(text.contains("0.573·(2,2) + 0.427·(0,3) = (1.146, 2.427)"), text)
        XCTAssertEqual(rounded(exp(1) / (exp(1) + exp(0.707)), 3), "0.573")
        XCTAssertEqual(rounded(0.573 * 2 + 0.427 * 0, 3), "1.146")
        XCTAssertEqual(rounded(0.573 * 2 + 0.427 * 3, 3), "2.427")
        // The hand panel shows the whole working at 80×24, apple′ included.
        let panel = panelWords(opened(step: 0), .panel(AttentionPullsLesson.Panel.handNumbers))
        XCTAssertTrue(panel.contains("apple′ = 0.5727·(2, 2) + 0.4273·(0, 3) = (1.15, 2.43)"), panel)
    }

    /// The exercise's text says what its tasks do: banana beside apple, the two alone.
    func testTheExerciseTextMatchesItsTasks() throws {
        let state = opened(step: 4)
        let shown = stepText(state)
        XCTAssertFalse(shown.contains("A fourth word"), shown)
        XCTAssertTrue(shown.contains("Both tasks put banana beside apple in orange's place, the two alone"), shown)
        XCTAssertTrue(state.tasks.allSatisfy { !$0.question.contains("orange") && !$0.question.contains("phone") })
        // The text says banana is drawn on the plane: it is, named, at 80×24 and 100×30.
        for size in [Size(width: 80, height: 24), Size(width: 100, height: 30)] {
            let plane = panelWords(state, .panel(AttentionPullsLesson.Panel.handPlane), size.width, size.height)
            XCTAssertTrue(plane.contains("banana●") || plane.contains("banana (-1, 3)●") || plane.contains("●banana"), plane)
            XCTAssertFalse(plane.contains("hidden"), plane)
        }
        let weight = try XCTUnwrap(AttentionPullsLesson.exerciseAttention)
        XCTAssertEqual(weight.weights[0].count, 2, "a softmax of apple and banana alone")
    }
}
