// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Lesson 5, Scaled dot product: every step's Try replayed through `update`. The lexicon's
/// scores against numpy; the random vectors' spreads and weights against numpy run on a Python
/// SplitMix64 stream with the same seed (`np.std`, softmax as exp(s − max) / Σ).
final class ScaledDotLessonTests: XCTestCase {
    func opened(step: Int) -> AppState { opening("scaled-dot", step: step) }

    func scores(_ state: AppState) throws -> ScaledDotLesson.Scores {
        try XCTUnwrap(state.lesson(as: ScaledDotLesson.self).scores(step: ScaledDotLesson.Step.allCases[state.step], state: state))
    }

    func testStep1BananasScoresAgreeWithNumpy() throws {
        let state = opened(step: 0)
        let scores = try scores(state)
        XCTAssertEqual(scores.d, 13)
        XCTAssertEqual(scores.keyNames, ["banana", "cherry", "apple", "lemon", "phone", "laptop"])
        let raw = [2.8474999999999997, 2.8524999999999996, 1.4925, 1.99, -0.40499999999999997, -0.45499999999999996]
        let scaled = [
            0.7897544043756699, 0.7911411548662329, 0.4139450214330772, 0.551926695244103, -0.11232678973560889, -0.12619429464123963,
        ]
        let rawWeights = [
            0.3619713488263238, 0.36378573776282125, 0.09336953009882827, 0.15355596014633735, 0.01400010825107325, 0.013317314914616102,
        ]
        let scaledWeights = [
            0.23351824355785164, 0.23384229973726173, 0.1603647361756527, 0.1840914225307069, 0.0947440467462431, 0.0934392512522841,
        ]
        for k in raw.indices {
            XCTAssertEqual(scores.raw[k], raw[k], accuracy: 1e-12)
            XCTAssertEqual(scores.scaled[k], scaled[k], accuracy: 1e-12)
            XCTAssertEqual(scores.rawWeights[k], rawWeights[k], accuracy: 1e-12)
            XCTAssertEqual(scores.scaledWeights[k], scaledWeights[k], accuracy: 1e-12)
        }
        // The text's numbers: banana·cherry 2.85 becomes 0.79.
        XCTAssertTrue(try XCTUnwrap(state.panelLine(ScaledDotLesson.Panel.scores, containing: "cherry")).contains("2.85"))
        XCTAssertTrue(try XCTUnwrap(state.panelLine(ScaledDotLesson.Panel.scores, containing: "cherry")).contains("0.79"))
    }

    func testStep1WScoresAnotherWord() throws {
        var state = opened(step: 0)
        XCTAssertTrue(state.panelText(ScaledDotLesson.Panel.scores).contains("banana against the words"))
        state.press("w")
        XCTAssertEqual(try scores(state).queryName, "cherry")
        XCTAssertTrue(state.panelText(ScaledDotLesson.Panel.scores).contains("cherry against the words"))
        // cherry·cherry = |cherry|² = 1.85² = 3.4225 (numpy: 3.4224999999999994).
        XCTAssertEqual(try scores(state).raw[1], 3.4225, accuracy: 1e-12)
    }

    /// Seed 2, numpy on the same SplitMix64 stream: (d, std of raw, std of scaled, top raw weight, top scaled weight).
    static let seed2: [(d: Int, rawSpread: Double, scaledSpread: Double, rawTop: Double, scaledTop: Double)] = [
        (2, 1.08, 0.76, 0.231, 0.205), (13, 2.77, 0.77, 0.914, 0.404), (50, 4.96, 0.70, 0.981, 0.374),
        (300, 14.22, 0.82, 1.000, 0.472),
    ]

    func check(_ state: AppState, against expected: (d: Int, rawSpread: Double, scaledSpread: Double, rawTop: Double, scaledTop: Double))
        throws
    {
        let scores = try scores(state)
        XCTAssertEqual(scores.d, expected.d)
        XCTAssertEqual(standardDeviation(scores.raw), expected.rawSpread, accuracy: 0.005, "d = \(expected.d)")
        XCTAssertEqual(standardDeviation(scores.scaled), expected.scaledSpread, accuracy: 0.005, "d = \(expected.d)")
        XCTAssertEqual(scores.rawWeights.max()!, expected.rawTop, accuracy: 0.0005, "d = \(expected.d)")
        XCTAssertEqual(scores.scaledWeights.max()!, expected.scaledTop, accuracy: 0.0005, "d = \(expected.d)")
    }

    func testStep2RaisingDSpreadsTheRawScoresButNotTheScaledOnes() throws {
        var state = opened(step: 1)
        try check(state, against: Self.seed2[1])
        XCTAssertTrue(try XCTUnwrap(state.panelLine(ScaledDotLesson.Panel.scores, containing: "spread ")).contains("2.77"))
        state.press("d")
        try check(state, against: Self.seed2[2])
        XCTAssertTrue(try XCTUnwrap(state.panelLine(ScaledDotLesson.Panel.scores, containing: "spread ")).contains("4.96"))
        state.press("d")
        try check(state, against: Self.seed2[3])
        XCTAssertTrue(try XCTUnwrap(state.panelLine(ScaledDotLesson.Panel.scores, containing: "spread ")).contains("14.22"))
        // The scaled spread stays near 1 at every d: the point of dividing by √d.
        for row in Self.seed2 { XCTAssertEqual(row.scaledSpread, 1, accuracy: 0.35) }
        // Then d = 2, where √2 changes the scores little: both columns of weights alike.
        state.press("d")
        try check(state, against: Self.seed2[0])
        let small = try scores(state)
        for (raw, scaled) in zip(small.rawWeights, small.scaledWeights) { XCTAssertEqual(raw, scaled, accuracy: 0.05) }
    }

    /// The text's figures are the screen's: spreads 2.77, 4.96, 14.22 against √d, and a·b/√d near 0.8 at each d.
    func testStep2TextAgreesWithTheSpreadsOnScreen() throws {
        let text = LessonScreenTests.words(course.text(lesson: index("scaled-dot"), step: 1))
        XCTAssertTrue(text.contains("spread 2.77, 4.96, 14.22 at d = 13, 50, 300"), text)
        XCTAssertTrue(text.contains("near 0.8"), text)
        // At 80×24 the text leaves the scores panel room for its spreads and what "spread" means.
        let panel = panelWords(opened(step: 1), .panel(ScaledDotLesson.Panel.scores))
        XCTAssertTrue(panel.contains("spread 2.77 0.77") && panel.contains("spread = standard deviation"), panel)
        for row in Self.seed2 {
            // "about as fast as √d grows": the ratio raw spread / √d is the scaled spread, 0.70–0.82 here.
            XCTAssertEqual(row.rawSpread / Double(row.d).squareRoot(), 0.8, accuracy: 0.11, "d = \(row.d)")
            XCTAssertEqual(row.scaledSpread, 0.8, accuracy: 0.11, "d = \(row.d)")
        }
    }

    func testStep3CyclingDShowsTheRawSoftmaxTurningOneHot() throws {
        var state = opened(step: 2)
        try check(state, against: Self.seed2[3])
        XCTAssertTrue(state.panelText(ScaledDotLesson.Panel.weights).contains("1.00"))
        // The text: "b2 takes 1.00 of the raw weights and the rest 0".
        let start = try scores(state)
        let top = try XCTUnwrap(start.rawWeights.max())
        XCTAssertEqual(start.keyNames[try XCTUnwrap(start.rawWeights.firstIndex(of: top))], "b2")
        XCTAssertTrue(LessonScreenTests.words(course.text(lesson: index("scaled-dot"), step: 2)).contains("b2 takes 1.00"))
        XCTAssertEqual(NumberFormat.fixed(top, decimals: 2), "1.00")
        XCTAssertEqual(NumberFormat.fixed(start.rawWeights.filter { $0 != top }.max() ?? 1, decimals: 2), "0.00")
        state.press("d")
        try check(state, against: Self.seed2[0])
        var tops: [Double] = []
        for _ in 0..<3 {
            tops.append(try scores(state).rawWeights.max()!)
            state.press("d")
        }
        tops.append(try scores(state).rawWeights.max()!)
        // d = 2, 13, 50, 300: the top raw weight climbs to 1; the scaled one never passes one half.
        XCTAssertEqual(tops, tops.sorted())
        XCTAssertGreaterThan(tops.last!, 0.999)
        XCTAssertLessThan(try scores(state).scaledWeights.max()!, 0.5)
    }

    func testNewVectorsChangeTheScores() throws {
        var state = opened(step: 1)
        let before = try scores(state).raw
        state.press("n")
        XCTAssertNotEqual(try scores(state).raw, before)
        state.press("r")
        XCTAssertEqual(try scores(state).raw, before)
    }

    func testTheShownScoresAreTheDotProductsOfTheDrawnVectors() throws {
        // By hand: the sum of products of q's and k1's first d features, and that over √d.
        let state = opened(step: 1)
        let drawn = unitVarianceVectors(count: 9, dimension: 300, seed: 2)
        var sum = 0.0
        for i in 0..<13 { sum += drawn[0][i] * drawn[1][i] }
        XCTAssertEqual(try scores(state).raw[0], sum, accuracy: 1e-12)
        XCTAssertEqual(try scores(state).scaled[0], sum / 13.0.squareRoot(), accuracy: 1e-12)
    }

    // MARK: Exercise

    func testTheExerciseIsSolvedByItsSolutionsAndChecksTheLiveScores() throws {
        let fresh = try assertExerciseReplays("scaled-dot")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.keys, .number])
        XCTAssertEqual(try scores(fresh).d, 13)
        // Seed 2: d = 300 is the first where the raw top weight passes 0.99 and the scaled stays under 0.5.
        XCTAssertEqual(fresh.tasks[0].solution, "dd")
        XCTAssertGreaterThan(Self.seed2[3].rawTop, 0.99)
        XCTAssertLessThan(Self.seed2[3].scaledTop, 0.5)
        XCTAssertLessThan(Self.seed2[2].rawTop, 0.99)
        // The compared text says where it stands: d = 13's raw top is 0.91, short of 0.99.
        XCTAssertTrue(stepText(fresh).contains("Now: d = 13: top raw 0.9142, top scaled 0.4045"), stepText(fresh))
        var fifty = fresh
        fifty.press("d")
        XCTAssertFalse(fifty.isSolved(task: fifty.tasks[0]))
        // The factor is √1000 whatever the vectors: new vectors keep the answer.
        XCTAssertEqual(fresh.tasks[1].solution, "<Enter>31.6<Enter>")
        var redrawn = fresh
        redrawn.press("nnn<Enter>31.6<Enter>")
        XCTAssertTrue(redrawn.isSolved(task: redrawn.tasks[1]))
        // d = 1000 is beyond the d key: no screen of the lesson shows its √d or its spreads;
        // step 3's √300 is not the answer.
        var cycled = fresh
        for _ in ScaledDotLesson.dimensions {
            cycled.press("d")
            XCTAssertFalse(screen(cycled, 80, 24).text.contains("31.6"), screen(cycled, 80, 24).text)
        }
        var old = fresh
        old.press("<Enter>17.3<Enter>")
        XCTAssertFalse(old.isSolved(task: old.tasks[1]))
    }
}

extension ScaledDotLessonTests {
    /// Keys are taught two lessons later (queries-keys): this lesson's random vectors are a and
    /// b1…b8, as in a·b, and no word of it says "key".
    func testNoKeysBeforeTheyAreTaught() {
        let lesson = index("scaled-dot")
        XCTAssertLessThan(lesson, index("queries-keys"))
        for step in 0..<course.lessons[lesson].stepCount {
            var state = opening("scaled-dot", step: step)
            for keys in ["", "d", "x", "<Esc><Tab><Enter>"] {
                state.press(keys)
                for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                    // The popups' footer says "any key closes": a keyboard's key, not attention's.
                    let text = screen(state, size.width, size.height).text.replacingOccurrences(of: "any key closes", with: "")
                    XCTAssertNil(text.range(of: "\\bkeys?\\b", options: .regularExpression), "step \(step + 1) after \(keys):\n\(text)")
                    XCTAssertFalse(text.contains("k1") || text.contains("k2"), text)
                }
                if case .detail(.lesson(let detail), _) = state.mode {
                    XCTAssertFalse(detail.title.contains("key") || detail.lines.contains { $0.contains("key") }, "\(detail)")
                }
            }
        }
    }
}
