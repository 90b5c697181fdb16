// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Foundation
import TUIKit
import XCTest

@testable import AttnApp
@testable import Lessons

/// The block lesson: LayerNorm, causal attention, a residual, LayerNorm, the MLP and a residual,
/// one word followed through the course's own transformer cut down to d = 4.
final class BlockLessonTests: XCTestCase {
    // Printed by Tests/AttnAppTests/Reference/position_mask_block_reference.py (numpy, float64):
    // block 1, then block 2, of the hand-sized model on "an apple and a phone".
    static let norm: [[[Double]]] = [
        [
            [-0.653802423241, -0.467001730887, -0.607102250153, 1.727906404281],
            [-0.35836828143, -0.012132283347, -1.193312661124, 1.563813225901],
            [-1.049871250039, -0.862844309351, 1.358691041504, 0.554024517886],
            [-0.577152306457, -0.649429440979, 1.729680825235, -0.503099077798],
            [-0.605186402025, 0.958658212113, 0.974813468632, -1.32828527872],
        ],
        [
            [-0.662729203516, -0.45657820768, -0.607795366278, 1.727102777474],
            [-0.40653028218, -0.206925017013, -1.035603470693, 1.649058769886],
            [-1.1195382431, -0.847915284059, 1.198435124094, 0.769018403065],
            [-0.72031514647, -0.730368144578, 1.698849947746, -0.248166656698],
            [-0.636511625266, 0.705718274023, 1.209260124497, -1.278466773254],
        ],
    ]
    static let weights: [[[Double]]] = [
        [
            [1, 0, 0, 0, 0], [0.458653583256, 0.541346416744, 0, 0, 0], [0.183074895252, 0.082671541939, 0.734253562809, 0, 0],
            [0.04065111248, 0.020213834756, 0.381169844661, 0.557965208103, 0],
            [0.019350674458, 0.018441829966, 0.102575800502, 0.23811654437, 0.621515150704],
        ],
        [
            [1, 0, 0, 0, 0], [0.480194332002, 0.519805667998, 0, 0, 0], [0.212847585342, 0.124581853316, 0.662570561342, 0, 0],
            [0.052865412681, 0.030895205874, 0.375523926379, 0.540715455066, 0],
            [0.019545884016, 0.015967302476, 0.108267040252, 0.257703004868, 0.598516768389],
        ],
    ]
    static let residual: [[[Double]]] = [
        [
            [-0.346901211621, -0.173500865443, -0.303551125076, 1.86395320214],
            [0.353064895406, 0.539620107313, 0.017202960809, 1.697120136967],
            [-0.520096687195, -0.350022897913, 1.235383764516, 0.966509111268],
            [-0.33801598057, -0.345239322204, 1.714591470621, 0.086896020424],
            [-0.320256949654, 1.071706611582, 1.470967964252, -0.829267035902],
        ],
        [
            [-0.75517404009, -0.401789969283, -0.661006447304, 3.3414763329],
            [0.08828711937, 0.376216575244, -0.64996614792, 3.117528496446],
            [-1.286331956378, -0.882345545331, 1.834532367971, 1.665918424415],
            [-0.881416766461, -0.836090107184, 2.96417791021, 0.235320657792],
            [-0.775385839928, 1.267133522944, 2.442698123337, -1.541295216075],
        ],
    ]
    static let hidden: [[[Double]]] = [
        [
            [0, 0, 0, 1.227943484045, 0.153816453422, 0, 0.107115278178, 0], [0, 0, 0, 1.154281658982, 0, 0, 0.50416577369, 0],
            [0, 0, 0.66263454978, 0.31623721769, 0.598990849505, 0.379880917966, 0, 0],
            [0, 0, 1.194663928579, 0, 0.229307353186, 0.237837563221, 0, 0],
            [0, 0.260717204697, 0.680563787737, 0, 0.203013609699, 0, 0, 0.738267382735],
        ],
        [
            [0, 0, 0, 1.227105696152, 0.16273032348, 0, 0.107796393408, 0], [0, 0, 0, 1.171381823336, 0, 0, 0.469377420473, 0],
            [0, 0, 0.553220916532, 0.434954382337, 0.635766539354, 0.352408759514, 0, 0],
            [0, 0, 1.159699530652, 0, 0.301101999557, 0.272097405499, 0, 0],
            [0, 0.079277314774, 0.820400416383, 0, 0.208408861557, 0, 0, 0.691268869601],
        ],
    ]
    static let output: [[[Double]]] = [
        [
            [-0.423809438332, -0.173500865443, -0.357108764165, 2.477924944163],
            [0.353064895406, 0.539620107313, -0.234879926036, 2.274260966458],
            [-0.819592111947, -0.539963356896, 1.566701039406, 1.124627720113],
            [-0.452669657163, -0.464158103814, 2.311923434911, 0.086896020424],
            [-0.421763754503, 1.202065213931, 1.811249858121, -1.19840072727],
        ],
        [
            [-0.83653920183, -0.401789969283, -0.714904644008, 3.955029180976],
            [0.08828711937, 0.376216575244, -0.884654858156, 3.703219408114],
            [-1.604215226056, -1.058549925088, 2.111142826237, 1.883395615583],
            [-1.03196776624, -0.972138809933, 3.544027675536, 0.235320657792],
            [-0.879590270706, 1.306772180332, 2.852898331529, -1.886929650875],
        ],
    ]

    func opened(_ step: BlockLesson.Step, size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = opening("block", step: BlockLesson.Step.allCases.firstIndex(of: step)!)
        _ = state.update(.resize(size))
        return state
    }

    func lesson(_ state: AppState) throws -> BlockLesson { try XCTUnwrap(state.currentLesson.base as? BlockLesson) }

    func flowText(_ state: AppState) throws -> String {
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(BlockLesson.Panel.flow)))
        return screen(state, state.size.width, state.size.height).text(in: rect)
    }

    func explanation(_ state: AppState) -> Explanation? {
        if case .lesson(let explanation) = state.detail { return explanation }
        return nil
    }

    func assertClose(_ matrix: Matrix, _ expected: [[Double]], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(matrix.rows, expected.count, file: file, line: line)
        for (i, row) in expected.enumerated() {
            XCTAssertEqual(matrix.columns, row.count, file: file, line: line)
            for (j, value) in row.enumerated() {
                XCTAssertEqual(matrix[i, j], value, accuracy: 1e-11, "[\(i), \(j)]", file: file, line: line)
            }
        }
    }

    // MARK: The numbers, against numpy

    func testEveryStageOfBothBlocksMatchesNumpy() {
        let trace = BlockLesson.trace
        XCTAssertEqual(trace.blocks.count, 2)
        for (b, block) in trace.blocks.enumerated() {
            assertClose(block.attentionNorm.output, Self.norm[b])
            assertClose(block.heads[0].weights, Self.weights[b])
            assertClose(block.afterAttention, Self.residual[b])
            assertClose(block.hidden, Self.hidden[b])
            assertClose(block.output, Self.output[b])
        }
        // x = (fruit, tech) + p(i), as in the position lesson.
        for place in 0..<5 {
            XCTAssertEqual(trace.input.row(place), PositionLesson.lexiconWords[place] + PositionLesson.position(place))
        }
    }

    // MARK: The invariants

    func testTheResidualsAddAndTheBlocksStack() {
        let blocks = BlockLesson.trace.blocks
        for block in blocks {
            XCTAssertEqual(block.afterAttention.values, zip(block.input.values, block.attentionOutput.values).map { $0 + $1 })
            XCTAssertEqual(block.output.values, zip(block.afterAttention.values, block.feedForwardOutput.values).map { $0 + $1 })
            // W_O = ½·I: a is half the head's weighted sum; W_Q = W_K = W_V = I: q, k, v are h.
            XCTAssertEqual(block.attentionOutput.values, block.heads[0].output.values.map { $0 * 0.5 })
            XCTAssertEqual(block.heads[0].values, block.attentionNorm.output)
            // ReLU: max(0, z), and m = ½·(unit k − unit k + 4).
            XCTAssertEqual(block.hidden.values, block.hiddenBeforeReLU.values.map { max(0, $0) })
            for i in 0..<5 {
                for k in 0..<4 {
                    XCTAssertEqual(block.feedForwardOutput[i, k], 0.5 * (block.hidden[i, k] - block.hidden[i, k + 4]), accuracy: 1e-15)
                }
            }
        }
        XCTAssertEqual(blocks[1].input, blocks[0].output, "block 2 starts where block 1 ends")
    }

    /// LayerNorm's x̂ has mean 0 and variance 1 (σ²/(σ² + ε), ε = 1e-5), before its gain and bias.
    func testLayerNormGivesMeanZeroAndVarianceOne() {
        for block in BlockLesson.trace.blocks {
            for norm in [block.attentionNorm, block.feedForwardNorm] {
                for i in 0..<5 {
                    let (mean, variance) = BlockLesson.moments(norm.normalized.row(i))
                    XCTAssertEqual(mean, 0, accuracy: 1e-15)
                    XCTAssertEqual(variance, 1, accuracy: 1e-3)
                    let (_, inputVariance) = BlockLesson.moments(norm.input.row(i))
                    XCTAssertEqual(variance, inputVariance / (inputVariance + 1e-5), accuracy: 1e-14)
                }
            }
        }
    }

    func testTheAttentionIsCausal() {
        for block in BlockLesson.trace.blocks {
            let head = block.heads[0]
            for i in 0..<5 {
                XCTAssertEqual(head.weights.row(i).reduce(0, +), 1, accuracy: 1e-15)
                for j in (i + 1)..<5 {
                    XCTAssertEqual(head.weights[i, j], 0)
                    XCTAssertEqual(head.scores[i, j], -.infinity)
                }
            }
        }
    }

    // MARK: Each step's Try, replayed

    /// Step 1: "press ↓ to walk the stages and Enter on one: its numbers worked out. w follows another word."
    func testStep1TheStagesAreWalkedAndAnotherWordFollowed() throws {
        var state = opened(.flow)
        let flow = try flowText(state)
        // The rows of apple, stage by stage, as numpy has them.
        XCTAssertTrue(flow.contains("x     word + position     0.60   0.65   0.48   0.88"), flow)
        XCTAssertTrue(flow.contains("h     LayerNorm(x)       -0.36  -0.01  -1.19   1.56"), flow)
        XCTAssertTrue(flow.contains("x+a+m + residual: out     0.35   0.54  -0.23   2.27"), flow)
        state.press("<Down>")
        XCTAssertEqual(try lesson(state).stage, .attentionNorm)
        state.press("<Down><Enter>")
        let attention = try XCTUnwrap(explanation(state))
        XCTAssertEqual(attention.title, "attention for apple")
        XCTAssertTrue(attention.lines.contains { $0.hasPrefix("  an") && $0.hasSuffix("weight 0.46") }, "\(attention.lines)")
        XCTAssertTrue(attention.lines.contains { $0.hasPrefix("  phone") && $0.contains("masked") }, "\(attention.lines)")
        state.press("<Esc>w")
        XCTAssertEqual(try lesson(state).selected, 2)
        XCTAssertTrue(try flowText(state).contains("block 1 of 2 · and, place 2"))
    }

    /// Step 2: "press Enter: apple's mean, variance and each number worked out".
    func testStep2EnterWorksOutTheLayerNorm() throws {
        var state = opened(.layerNorm)
        state.press("<Enter>")
        let working = try XCTUnwrap(explanation(state))
        XCTAssertEqual(working.title, "LayerNorm(x) of apple")
        // μ = (0.6 + 0.65 + sin ½ + cos ½)/4, from x with 4 decimals: the sum of those as shown, then / 4.
        XCTAssertEqual(NumberFormat.fixed(sin(0.5), decimals: 4), "0.4794")
        XCTAssertEqual(NumberFormat.fixed(cos(0.5), decimals: 4), "0.8776")
        XCTAssertTrue(working.lines.contains("x = (0.6000, 0.6500, 0.4794, 0.8776)"), "\(working.lines)")
        XCTAssertTrue(working.lines.contains("mean μ = (0.6000 + 0.6500 + 0.4794 + 0.8776) / 4"), "\(working.lines)")
        XCTAssertEqual(0.6 + 0.65 + 0.4794 + 0.8776, 2.6070, accuracy: 1e-12)
        let mean = (0.6 + 0.65 + sin(0.5) + cos(0.5)) / 4
        XCTAssertTrue(
            working.lines.contains("       = 2.6070 / 4 = \(NumberFormat.fixed(mean, decimals: 4))"), "\(working.lines)")
        XCTAssertTrue(working.lines.contains("x̂ = (x − μ) / √(σ² + ε) = (-0.36, -0.01, -1.19, 1.56)"), "\(working.lines)")
        XCTAssertTrue(working.lines.contains("x̂ has mean 0.00 and variance 1.00"), "\(working.lines)")
    }

    /// Step 3: "press Enter: x + a, number by number".
    func testStep3EnterAddsTheResidual() throws {
        var state = opened(.residual)
        state.press("<Enter>")
        let working = try XCTUnwrap(explanation(state))
        XCTAssertEqual(working.title, "x+a for apple")
        // 4 decimals, each sum that of the numbers as shown; the 2-decimal row of the flow under them.
        XCTAssertTrue(working.lines.contains("  fruit  0.6000 + (-0.2469) =  0.3531"), "\(working.lines)")
        XCTAssertTrue(working.lines.contains("  cos    0.8776 +    0.8195 =  1.6971"), "\(working.lines)")
        XCTAssertTrue(working.lines.contains("x+a = (0.35, 0.54, 0.02, 1.70) to 2 decimals, as in the flow:"), "\(working.lines)")
    }

    /// Step 4: "press Enter: the 8 hidden units before and after ReLU".
    func testStep4EnterShowsTheHiddenUnitsBeforeAndAfterReLU() throws {
        var state = opened(.mlp)
        state.press("<Enter>")
        let working = try XCTUnwrap(explanation(state))
        XCTAssertEqual(working.title, "MLP(h₂) for apple")
        let z = try XCTUnwrap(working.lines.first { $0.hasPrefix("z   ") })
        XCTAssertEqual(z.split(separator: " ").count - 1, 8, z)
        XCTAssertTrue(
            working.lines.contains("ReLU(z)       0      0      0   1.15      0      0   0.50      0"), "\(working.lines)")
        XCTAssertTrue(working.lines.contains("ReLU(z) = max(0, z): 6 of the 8 units are 0"), "\(working.lines)")
        XCTAssertTrue(working.lines.contains("  m[k] = ½·(unit k − unit k+4) = (0.00, 0.00, -0.25, 0.58)"), "\(working.lines)")
        state.press("<Esc>")
        XCTAssertTrue(try flowText(state).contains("ReLU set 6 of 8 hidden units to 0"))
    }

    /// Step 5: "press n: block 2, starting from block 1's output".
    func testStep5BlockTwoStartsFromBlockOnesOutput() throws {
        var state = opened(.stacked)
        state.press("n")
        XCTAssertEqual(try lesson(state).block, 1)
        let flow = try flowText(state)
        XCTAssertTrue(flow.contains("block 2 of 2") && flow.contains("x     block 1's output    0.35   0.54  -0.23   2.27"), flow)
        state.press("n")
        XCTAssertEqual(try lesson(state).block, 0)
    }

    /// Enter works out every stage of every word in both blocks, and its working ends in the
    /// numbers the flow shows for that stage.
    func testEnterWorksOutEveryStageOfEveryWordInBothBlocks() {
        for block in 0..<BlockLesson.blockCount {
            for word in BlockLesson.sentence.indices {
                for stage in BlockLesson.Stage.allCases {
                    var lesson = BlockLesson()
                    (lesson.block, lesson.selected, lesson.stage) = (block, word, stage)
                    let text = lesson.working().lines.joined(separator: " ")
                    for number in lesson.row(stage).map(BlockLesson.number) {
                        XCTAssertTrue(
                            text.contains(number), "block \(block + 1), \(BlockLesson.sentence[word]), \(stage): \(number)\n\(text)")
                    }
                }
            }
        }
    }

    // MARK: Exercise

    func testTheExerciseIsSolvedByItsSolutionsAndHidesItsAnswers() throws {
        let fresh = try assertExerciseReplays("block")
        ExerciseReplay.assertSolutionsSolve("block")
        XCTAssertEqual(fresh.tasks.map(\.kind), [.number, .number])
        XCTAssertEqual(fresh.tasks[0].solution, "<Enter>-0.36<Enter>")
        XCTAssertEqual(fresh.tasks[1].solution, "<Enter><Down>0.54<Enter>")
        let flow = try flowText(fresh)
        for name in ["LayerNorm(x) ", "+ residual "] {
            let row = try XCTUnwrap(flow.split(separator: "\n").first { $0.contains(name) })
            XCTAssertEqual(row.filter { $0 == "?" }.count, 4, "\(row)")
            XCTAssertFalse(row.contains("."), "no number is left: \(row)")
        }
        XCTAssertFalse(flow.contains("-0.36"), flow)
        // By hand from the screen's x, rounded: (0.60 − μ)/σ with μ, σ of (0.60, 0.65, 0.48, 0.88).
        let x = [0.60, 0.65, 0.48, 0.88]
        let (mean, variance) = BlockLesson.moments(x)
        var byHand = fresh
        byHand.press("<Enter>\(NumberFormat.fixed((x[0] - mean) / variance.squareRoot(), decimals: 2))<Enter>")
        XCTAssertTrue(byHand.isSolved(task: byHand.tasks[0]))
        // And the residual from the rows shown: x + a = 0.65 + (−0.11).
        byHand.press("<Enter>\(NumberFormat.fixed(0.65 - 0.11, decimals: 2))<Enter>")
        XCTAssertTrue(byHand.isSolved(task: byHand.tasks[1]))
    }

    func testTheLastExploreStepEndsWithItsRecap() {
        ExerciseReplay.assertRecap("block")
    }

    // MARK: Screens

    func testEveryStepMatchesItsExpectedScreenAt120x40() {
        for step in BlockLesson.Step.allCases {
            let state = opened(step, size: Size(width: 120, height: 40))
            ScreenFile.assertMatches(screen(state, 120, 40), named: "block-\(step.rawValue)-120x40")
        }
    }

    /// At 120×40 the cursor stage is worked out under the flow, live; at 80×24 there is no room.
    func testAt120x40TheWorkingPanelFollowsTheCursor() throws {
        var state = opened(.layerNorm, size: Size(width: 120, height: 40))
        let rect = try XCTUnwrap(state.layout(for: state.size).rect(of: .panel(BlockLesson.Panel.working)))
        XCTAssertTrue(screen(state, 120, 40).text(in: rect).contains("How LayerNorm(x) of apple is worked out"))
        state.press("<Down>")
        XCTAssertTrue(screen(state, 120, 40).text(in: rect).contains("How attention for apple is worked out"))
        XCTAssertNil(opened(.layerNorm).layout(for: Size(width: 80, height: 24)).rect(of: .panel(BlockLesson.Panel.working)))
    }

    // MARK: Hand arithmetic

    /// A 4-decimal number as shown, in ten-thousandths (parentheses around a negative one).
    static func tenThousandths(_ text: Substring) -> Int? {
        let plain = text.trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
        return Double(plain).map { Int(($0 * 10_000).rounded()) }
    }

    /// Every residual popup, of every word in both blocks, adds up by hand: a + b = c with the
    /// numbers as shown (4 decimals), and c rounds to the 2 decimals of the flow's row. Before,
    /// the 2-decimal rows read 1.70 + 0.58 = 2.27.
    func testTheResidualsAddUpByHandAsShown() throws {
        for block in 0..<BlockLesson.blockCount {
            for word in BlockLesson.sentence.indices {
                for stage in [BlockLesson.Stage.afterAttention, .output] {
                    var lesson = BlockLesson()
                    (lesson.block, lesson.selected, lesson.stage) = (block, word, stage)
                    let sums = lesson.working().lines.filter { $0.contains(" + ") && $0.contains(" = ") && !$0.contains(",") }
                    XCTAssertEqual(sums.count, 4, "\(lesson.working().lines)")
                    for (k, line) in sums.enumerated() {
                        let sides = line.dropFirst(8).split(separator: "=")
                        let terms = try XCTUnwrap(sides.first).components(separatedBy: " + ").map { Substring($0) }
                        let (a, b, c) = (
                            try XCTUnwrap(Self.tenThousandths(terms[0])), try XCTUnwrap(Self.tenThousandths(terms[1])),
                            try XCTUnwrap(Self.tenThousandths(sides[1]))
                        )
                        XCTAssertEqual(a + b, c, line)
                        XCTAssertEqual(
                            NumberFormat.fixed(Double(c) / 10_000, decimals: 2), BlockLesson.number(lesson.row(stage)[k]),
                            "block \(block + 1), \(BlockLesson.sentence[word]), \(stage): \(line)")
                    }
                }
            }
        }
        // Block 1's x+a+m for apple, the report's 1.70 + 0.58 = 2.27.
        var lesson = BlockLesson()
        (lesson.selected, lesson.stage) = (BlockLesson.apple, .output)
        XCTAssertTrue(lesson.working().lines.contains("  cos    1.6971 +    0.5771 =  2.2742"), "\(lesson.working().lines)")
    }

    /// LayerNorm(x+a) names its input x + a, not x.
    func testTheSecondLayerNormNamesItsInputXPlusA() throws {
        var state = opened(.flow)
        state.press("<Down><Down><Down><Down><Enter>")
        let working = try XCTUnwrap(explanation(state))
        XCTAssertEqual(working.title, "LayerNorm(x+a) of apple")
        XCTAssertTrue(working.lines[0].hasPrefix("x + a = (0.3531, 0.5396, 0.0172, 1.6971)"), "\(working.lines)")
        XCTAssertFalse(working.lines.contains { $0.hasPrefix("x = ") }, "\(working.lines)")
        XCTAssertTrue(working.lines.contains { $0.hasPrefix("x̂ = (x + a − μ) / √(σ² + ε)") }, "\(working.lines)")
    }

    /// The exercise's hidden rows show their numbers once their task is solved, each on its own.
    func testTheExercisesHiddenRowsAreRevealedWhenSolved() throws {
        let fresh = try assertExerciseReplays("block")
        let row = { (state: AppState, name: String) in
            try XCTUnwrap(try self.flowText(state).split(separator: "\n").first { $0.contains(name) }).description
        }
        var state = fresh
        state.press(fresh.tasks[0].solution)
        XCTAssertTrue(state.isSolved(task: state.tasks[0]))
        let norm = try row(state, "LayerNorm(x) ")
        XCTAssertTrue(norm.contains("-0.36  -0.01  -1.19   1.56"), norm)
        XCTAssertEqual(try row(state, "+ residual ").filter { $0 == "?" }.count, 4, "the other row stays hidden")
        state.press("<Enter>0.54<Enter>")
        XCTAssertTrue(state.isSolved(task: state.tasks[1]))
        let residual = try row(state, "+ residual ")
        XCTAssertTrue(residual.contains("0.35   0.54   0.02   1.70"), residual)
        XCTAssertFalse(try flowText(state).contains("?"))
    }
}
