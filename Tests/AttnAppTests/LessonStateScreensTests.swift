// SPDX-License-Identifier: Apache-2.0

import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// Expected screens of states a newcomer reaches with a step's keys (the steps as they open are
/// `LessonScreenTests`'): what the walk at 80×24 found, fixed, kept as screens. They are named
/// "after-keys-…": a file named after a lesson's step is that step's opening screen.
final class LessonStateScreensTests: XCTestCase {
    func assertScreen(_ lesson: String, step: Int, keys: String, _ width: Int, _ height: Int, named name: String) {
        var state = opening(lesson, step: step)
        state.pressRunningJobs(keys)
        ScreenFile.assertMatches(screen(state, width, height), named: name)
    }

    /// Enter in the loss step: one pair's σ values, their −log and the sum.
    func testTheLossOfOnePair() {
        assertScreen("learning-embeddings", step: 2, keys: "<Enter>", 80, 24, named: "after-keys-learning-embeddings-loss-enter-80x24")
    }

    /// The loss step's Try, sharpening towards phone: phone named beside both averages.
    func testSoftmaxSharpenedTowardsPhone() {
        assertScreen("softmax", step: 2, keys: "---", 80, 24, named: "after-keys-softmax-temperature-sharp-80x24")
    }

    /// The rotation drawn as a turned unit square, no scattered grid, at both sizes the walk used.
    func testQueriesKeysRotation() {
        assertScreen("queries-keys", step: 2, keys: "", 120, 40, named: "queries-keys-rotation-120x40")
        assertScreen("queries-keys", step: 0, keys: "+++", 80, 24, named: "after-keys-queries-keys-identity-stretched-80x24")
    }

    /// The multi-head exercise once task 1 is solved: head 1 titled by what it compares now, the final vector still hidden.
    func testMultiHeadAfterTask1() {
        assertScreen("multi-head", step: 4, keys: "------e+", 80, 24, named: "after-keys-multi-head-exercise-task1-80x24")
    }

    /// The attention exercise's worked answers: every product adds up as shown.
    func testAttentionAnswers() {
        assertScreen("attention", step: 4, keys: "x", 80, 24, named: "after-keys-attention-exercise-answers-80x24")
    }

    /// The sandbox after v: the GloVe vectors, v named in the key bar.
    func testSandboxRealVectors() {
        assertScreen(sandboxID, step: 2, keys: "v", 80, 24, named: "after-keys-sandbox-explain-glove-80x24")
    }
}
