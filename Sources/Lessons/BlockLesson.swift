// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// The transformer block: attention wrapped in LayerNorm, a residual, and a small MLP, one
/// word's numbers followed through it stage by stage.
///
/// The model is the course's own transformer (`Transformer`, the capstone's code) cut down
/// so every number fits on screen: d = 4 (the position lesson's fruit, tech, sin and cos), one
/// causal head, an MLP of 8 hidden units, two blocks, and fixed weights of ±1 and ±½ chosen
/// to be read rather than learnt. Its `trace` gives every intermediate number.
struct BlockLesson: Lesson, Equatable {
    static let id = "block"

    enum Step: String, LessonStep {
        case flow
        case layerNorm = "layer-norm"
        case residual, mlp, stacked, exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }

        /// The stage the cursor starts on: the one the step's text is about.
        var startStage: Stage {
            switch self {
            case .flow, .stacked, .exercise: .input
            case .layerNorm: .attentionNorm
            case .residual: .afterAttention
            case .mlp: .feedForward
            }
        }
    }

    /// The stages of a block, in the order the numbers flow.
    enum Stage: Int, CaseIterable, Sendable {
        case input, attentionNorm, attention, afterAttention, feedForwardNorm, feedForward, output

        /// What the row holds, as a symbol.
        var symbol: String {
            switch self {
            case .input: "x"
            case .attentionNorm: "h"
            case .attention: "a"
            case .afterAttention: "x+a"
            case .feedForwardNorm: "h₂"
            case .feedForward: "m"
            case .output: "x+a+m"
            }
        }

        /// What to see in the row, beside its numbers where there is room.
        func note(block: Int) -> String {
            switch self {
            case .input: block == 0 ? "the word's vector" : "the residual stream"
            case .attentionNorm, .feedForwardNorm: "mean 0, variance 1"
            case .attention: "from the words so far"
            case .afterAttention: "x kept, a added"
            case .feedForward: "each word alone, ReLU"
            case .output: block == 0 ? "to the next block" : "the last block's output"
            }
        }

        /// How the row is computed.
        func formula(block: Int) -> String {
            switch self {
            case .input: block == 0 ? "word + position" : "block 1's output"
            case .attentionNorm: "LayerNorm(x)"
            case .attention: "attention(h)·W_O"
            case .afterAttention: "+ residual"
            case .feedForwardNorm: "LayerNorm(x+a)"
            case .feedForward: "MLP(h₂)"
            case .output: "+ residual: out"
            }
        }
    }

    enum Action: Hashable, Sendable {
        case up, down, word, block
    }

    enum Panel: String, LessonPanel {
        /// The stages, one row of four numbers each, for the selected word.
        case flow
        /// The cursor stage worked out, live, where the screen is tall enough.
        case working
    }

    static let sentence = PositionLesson.sentence
    static let apple = PositionLesson.apple
    static let columnNames = ["fruit", "tech", "sin", "cos"]
    static let hiddenWidth = 8
    static let blockCount = 2
    /// A hidden unit fires when its number passes ±½ (b₁ = −½).
    static let threshold = 0.5
    /// W_O = ½·I and W₂ = ½·[I; −I]: each block adds half of what attention and the MLP find.
    static let half = 0.5

    /// The word whose numbers flow (an index into `sentence`).
    var selected = BlockLesson.apple
    var stage = Stage.input
    /// Which block the flow shows (from 0).
    var block = 0

    // MARK: The model

    /// The hand-sized transformer: the words' (fruit, tech) and p(i) = (sin(i/2), cos(i/2)) as
    /// its embeddings, both blocks with the same readable weights.
    static let model: Transformer = {
        let d = columnNames.count
        let configuration = TransformerConfiguration(
            vocabularySize: sentence.count, modelWidth: d, contextLength: sentence.count, layerCount: blockCount, headCount: 1,
            hiddenWidth: hiddenWidth)
        var parameters = TransformerParameters.zeros(configuration)
        parameters[.tokenEmbedding] = Matrix(PositionLesson.lexiconWords.map { $0 + [0, 0] })
        parameters[.positionEmbedding] = Matrix(sentence.indices.map { [0, 0] + PositionLesson.position($0) })
        let ones = Matrix(rows: 1, columns: d, repeating: 1)
        let identity = Matrix.identity(d)
        let halfIdentity = Matrix(rows: d, columns: d, values: identity.values.map { half * $0 })
        var expand = Matrix(rows: d, columns: hiddenWidth)
        var contract = Matrix(rows: hiddenWidth, columns: d)
        for k in 0..<d {
            // Unit k fires on a number above ½, unit d + k on one below −½.
            expand[k, k] = 1
            expand[k, d + k] = -1
            contract[k, k] = half
            contract[d + k, k] = -half
        }
        for layer in 0..<blockCount {
            parameters[.attentionNormGain(layer: layer)] = ones
            parameters[.query(layer: layer)] = identity
            parameters[.key(layer: layer)] = identity
            parameters[.value(layer: layer)] = identity
            parameters[.attentionOutput(layer: layer)] = halfIdentity
            parameters[.feedForwardNormGain(layer: layer)] = ones
            parameters[.hiddenWeights(layer: layer)] = expand
            parameters[.hiddenBias(layer: layer)] = Matrix(rows: 1, columns: hiddenWidth, repeating: -threshold)
            parameters[.feedForwardOutputWeights(layer: layer)] = contract
        }
        parameters[.finalNormGain] = ones
        return Transformer(parameters: parameters)
    }()

    /// Every number of the model on "an apple and a phone".
    static let trace = model.trace(Array(sentence.indices))

    /// A stage's numbers for every word (positions × 4) in block `block`.
    static func values(_ stage: Stage, block: Int) -> Matrix {
        let b = trace.blocks[block]
        switch stage {
        case .input: return b.input
        case .attentionNorm: return b.attentionNorm.output
        case .attention: return b.attentionOutput
        case .afterAttention: return b.afterAttention
        case .feedForwardNorm: return b.feedForwardNorm.output
        case .feedForward: return b.feedForwardOutput
        case .output: return b.output
        }
    }

    func row(_ stage: Stage) -> [Double] { Self.values(stage, block: block).row(selected) }

    // MARK: Keys

    func keys(at step: Step) -> [LessonKey<Action>] {
        // The exercise asks about apple in block 1, with some rows hidden: its keys are the exercise's.
        guard step != .exercise else { return [] }
        return [
            LessonKey([.up, .character("k")], Action.up, help: "the stage above", label: "↑/↓", short: "stage"),
            LessonKey([.down, .character("j")], .down, help: "the stage below", label: "↓/j", short: "stage", showsInStatusBar: false),
            LessonKey([.character("w")], .word, help: "follow the next word of the sentence", short: "word"),
            LessonKey([.character("n")], .block, help: "switch between block 1 and block 2", short: "block"),
        ]
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { step == .exercise ? [] : [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        selected = Self.apple
        stage = step.startStage
        block = 0
        workspace.show(Self.sentence, selecting: Self.sentence[selected])
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        let count = Stage.allCases.count
        switch action {
        case .up: stage = Stage(rawValue: (stage.rawValue + count - 1) % count)!
        case .down: stage = Stage(rawValue: (stage.rawValue + 1) % count)!
        case .word:
            selected = (selected + 1) % Self.sentence.count
            workspace.select(Self.sentence[selected])
            return "following \(Self.sentence[selected]) (place \(selected))"
        case .block:
            block = (block + 1) % Self.blockCount
            return block == 0 ? "block 1: x is the word plus its position" : "block 2: x is block 1's output"
        }
        return nil
    }

    // MARK: Panels

    func panels(at step: Step) -> [Focus] { [.panel(Panel.flow)] }

    /// The flow's rows: frame, header, seven stages and the cursor stage's summary.
    static let flowHeight = Stage.allCases.count + 4

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        // Tall screens: below the flow, the cursor stage worked out (not in the exercise, whose rows are the answers).
        WorkingPanel.layout(
            state, body: body, panels: [.panel(Panel.flow)], weights: [1], tablesHeight: Self.flowHeight,
            working: step == .exercise ? nil : .panel(Panel.working))
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        switch panel {
        case .flow: drawFlow(at: step, state: state, into: &buffer, area: area)
        case .working: WorkingPanel.draw(working(), into: &buffer, area: area)
        }
    }

    static func number(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }

    static func vector(_ values: [Double]) -> String { "(" + values.map(number).joined(separator: ", ") + ")" }

    /// The rows the exercise hides: its typed answers, each with the task that asks for it.
    static let hiddenInExercise: [Stage: String] = [.attentionNorm: "layer-norm-fruit", .afterAttention: "residual-tech"]

    /// Whether the exercise still hides a stage's row: until its task is solved, then it shows what was worked out.
    func isHidden(_ stage: Stage, state: AppState) -> Bool {
        guard let task = Self.hiddenInExercise[stage] else { return false }
        return !state.tasks.contains { $0.id == task && state.isSolved(task: $0) }
    }

    private func drawFlow(at step: Step, state: AppState, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(Panel.flow)
        let word = Self.sentence[selected]
        let frame = Frame(
            title: "block \(block + 1) of \(Self.blockCount) · \(word), place \(selected)",
            trailingTitle: focused && step.kind == .explore ? "Enter why" : nil, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        let labelWidth = 23
        let cell = 7
        buffer.write(
            NumberFormat.padRight("", labelWidth) + Self.columnNames.map { NumberFormat.pad($0, cell) }.joined(), x: inner.x, y: inner.y,
            style: Style(modifiers: [.dim]), maxWidth: inner.width)
        for stage in Stage.allCases where inner.y + 1 + stage.rawValue < inner.bottom {
            let y = inner.y + 1 + stage.rawValue
            let isCursor = stage == self.stage && step.kind == .explore
            let label = NumberFormat.padRight(stage.symbol, 6) + NumberFormat.padRight(stage.formula(block: block), labelWidth - 6)
            let x =
                inner.x
                + buffer.write(
                    label, x: inner.x, y: y, style: isCursor ? Style(modifiers: [.bold, .reverse]) : Style(modifiers: [.bold]),
                    maxWidth: inner.width)
            let hidden = step == .exercise && isHidden(stage, state: state)
            let numbers = row(stage).map { NumberFormat.pad(hidden ? "?" : Self.number($0), cell) }.joined()
            let end =
                x
                + buffer.write(numbers, x: x, y: y, style: isCursor ? Style(modifiers: [.bold]) : .plain, maxWidth: max(0, inner.right - x))
            // The note only whole, never cut: the numbers and the text say the same.
            let note = "   " + stage.note(block: block)
            if end + DisplayWidth.of(note) <= inner.right {
                buffer.write(note, x: end, y: y, style: Style(modifiers: [.dim]), maxWidth: inner.right - end)
            }
        }
        let summaryY = inner.y + 1 + Stage.allCases.count
        if summaryY < inner.bottom, step.kind == .explore {
            buffer.write(summary(), x: inner.x, y: summaryY, style: Style(modifiers: [.italic]), maxWidth: inner.width)
        }
    }

    /// One line about the cursor stage: what to see in its numbers.
    func summary() -> String {
        let b = Self.trace.blocks[block]
        let word = Self.sentence[selected]
        switch stage {
        case .input:
            return block == 0
                ? "\(word)'s fruit and tech, plus p(\(selected)) in sin and cos" : "block 2 starts from block 1's output for \(word)"
        case .attentionNorm, .feedForwardNorm:
            let norm = stage == .attentionNorm ? b.attentionNorm : b.feedForwardNorm
            let (mean, variance) = Self.moments(norm.normalized.row(selected))
            return "mean \(Self.number(mean)), variance \(Self.number(variance)); then γ = 1, β = 0"
        case .attention:
            let weights = b.heads[0].weights.row(selected)
            let seen = (0...selected).map { "\(Self.sentence[$0]) \(Self.number(weights[$0]))" }.joined(separator: ", ")
            return "\(word)'s weights: \(seen)"
        case .afterAttention: return "\(word)'s own numbers, plus what attention found"
        case .feedForward:
            let zeros = b.hidden.row(selected).filter { $0 == 0 }.count
            return "ReLU set \(zeros) of \(Self.hiddenWidth) hidden units to 0"
        case .output: return block == 0 ? "the block's output: block 2's input (n)" : "the last block's output here"
        }
    }

    /// Ten-thousandths, as shown to 4 decimals.
    static func tenThousandths(_ value: Double) -> Int { Int((value * 10_000).rounded()) }

    /// `a + b = c` with 4 decimals, c the sum of a and b as shown (so it adds up by hand; it
    /// rounds to what the flow shows to 2 decimals).
    static func sumLine(_ a: Double, _ b: Double, aligned: Bool = true) -> String {
        let (x, y) = (tenThousandths(a), tenThousandths(b))
        let text = { (value: Int) in NumberFormat.fixed(Double(value) / 10_000, decimals: 4) }
        let added = y < 0 ? "(\(text(y)))" : text(y)
        let width = aligned ? (7, 9) : (0, 0)
        return NumberFormat.pad(text(x), width.0) + " + " + NumberFormat.pad(added, width.1) + " = "
            + NumberFormat.pad(text(x + y), width.0)
    }

    /// The mean and the population variance of a vector (LayerNorm's).
    static func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        return (mean, values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count))
    }

    // MARK: Enter

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? { working() }

    /// The cursor stage of the selected word, worked out with its numbers.
    func working() -> Explanation {
        let b = Self.trace.blocks[block]
        let word = Self.sentence[selected]
        let i = selected
        let vector = Self.vector
        let number = Self.number
        switch stage {
        case .input:
            if block > 0 {
                return Explanation(title: "x(\(word)), block 2", lines: ["x = block 1's output for \(word)", "  = \(vector(row(.input)))"])
            }
            let embedding = Self.trace.wordEmbeddings.row(i)
            let position = Self.trace.positionEmbeddings.row(i)
            return Explanation(
                title: "x(\(word)) = word + position",
                lines: [
                    "word      \(vector(embedding))   fruit, tech from the lexicon",
                    "p(\(i))      \(vector(position))   sin(\(i)/2), cos(\(i)/2)",
                    "x = sum   \(vector(row(.input)))",
                ])
        case .attentionNorm, .feedForwardNorm:
            return Explanation(title: "LayerNorm(\(stage == .attentionNorm ? "x" : "x+a")) of \(word)", lines: layerNormLines(stage))
        case .attention:
            let head = b.heads[0]
            var lines = [
                "q = h·W_Q, k = h·W_K, v = h·W_V with W_Q = W_K = W_V = I: q, k, v = h",
                "score(j) = q(\(word))·k(j) / √4, softmax over the words up to \(word) (causal):", "",
            ]
            for (j, other) in Self.sentence.enumerated() {
                let score = head.scores[i, j]
                lines.append(
                    "  " + NumberFormat.padRight(other, 6)
                        + (j > i
                            ? "−∞ (after \(word): masked)      weight 0"
                            : "q·k = \(NumberFormat.pad(number(score * 2), 5)) / 2 = \(NumberFormat.pad(number(score), 5))   weight \(number(head.weights[i, j]))")
                )
            }
            lines += [
                "", "attention(h) = Σ weight × v(j) = \(vector(head.output.row(i)))",
                "a = attention(h)·W_O, W_O = ½·I:   \(vector(row(.attention)))",
            ]
            return Explanation(title: "attention for \(word)", lines: lines)
        case .afterAttention, .output:
            let (base, added, baseName, addedName) =
                stage == .afterAttention ? (row(.input), row(.attention), "x", "a") : (row(.afterAttention), row(.feedForward), "x+a", "m")
            var lines = ["\(baseName) + \(addedName), number by number (4 decimals, so the sums add up by hand):"]
            for (k, name) in Self.columnNames.enumerated() {
                lines.append("  " + NumberFormat.padRight(name, 6) + Self.sumLine(base[k], added[k]))
            }
            lines += [
                "", "\(stage.symbol) = \(vector(row(stage))) to 2 decimals, as in the flow:",
                "the word keeps its own numbers and adds what the \(stage == .afterAttention ? "attention" : "MLP") found.",
            ]
            return Explanation(title: "\(stage.symbol) for \(word)", lines: lines)
        case .feedForward:
            let z = b.hiddenBeforeReLU.row(i)
            let r = b.hidden.row(i)
            // One column per hidden unit, so a unit's z and its ReLU read down.
            let unitRow = { (name: String, values: [String]) in
                NumberFormat.padRight(name, 8) + values.map { NumberFormat.pad($0, 7) }.joined()
            }
            return Explanation(
                title: "MLP(h₂) for \(word)",
                lines: [
                    "h₂ = \(vector(row(.feedForwardNorm)))",
                    "z = h₂·W₁ + b₁ with W₁ = [I | −I], b₁ = −½:",
                    "  unit k = h₂[k] − ½, unit k+4 = −h₂[k] − ½ (k = 1…4)", "",
                    unitRow("unit", (1...Self.hiddenWidth).map(String.init)),
                    unitRow("z", z.map(number)),
                    unitRow("ReLU(z)", r.map { $0 == 0 ? "0" : number($0) }),
                    "ReLU(z) = max(0, z): \(r.filter { $0 == 0 }.count) of the 8 units are 0", "",
                    "m = ReLU(z)·W₂ + b₂ with W₂ = ½·[I; −I], b₂ = 0:",
                    "  m[k] = ½·(unit k − unit k+4) = \(vector(row(.feedForward)))",
                ])
        }
    }

    /// A LayerNorm of the selected word: the mean, the variance, each number, and the check.
    private func layerNormLines(_ stage: Stage) -> [String] {
        let b = Self.trace.blocks[block]
        let norm = stage == .attentionNorm ? b.attentionNorm : b.feedForwardNorm
        let i = selected
        let x = norm.input.row(i)
        let mean = norm.means[i]
        let deviation = norm.deviations[i]
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
        let number = Self.number
        // Three decimals: the squares of two-decimal differences would not add up to the variance shown.
        let centred = x.map { value in
            let text = NumberFormat.fixed(value - mean, decimals: 3)
            return (text.hasPrefix("-") ? "(\(text))" : text) + "²"
        }.joined(separator: " + ")
        let (checkMean, checkVariance) = Self.moments(norm.normalized.row(i))
        // Its input with 4 decimals, and the sum of those numbers as shown: the mean adds up by hand.
        let name = stage == .attentionNorm ? "x" : "x + a"
        let four = { (value: Double) in NumberFormat.fixed(value, decimals: 4) }
        let terms = x.map { value in four(value).hasPrefix("-") ? "(\(four(value)))" : four(value) }
        let sum = x.map(Self.tenThousandths).reduce(0, +)
        return [
            "\(name) = (\(x.map(four).joined(separator: ", ")))",
            "mean μ = (\(terms.joined(separator: " + "))) / 4",
            "       = \(four(Double(sum) / 10_000)) / 4 = \(four(Double(sum) / 40_000))",
            "variance σ² = (\(centred)) / 4 = \(NumberFormat.fixed(variance, decimals: 4))",
            "√(σ² + ε) = \(NumberFormat.fixed(deviation, decimals: 3))   (ε = 0.00001 keeps it above 0)",
            "x̂ = (\(name) − μ) / √(σ² + ε) = \(Self.vector(norm.normalized.row(i)))",
            "x̂ has mean \(number(checkMean)) and variance \(number(checkVariance))",
            "h = γ ⊙ x̂ + β, here γ = 1 and β = 0: \(Self.vector(norm.output.row(i)))",
        ]
    }

    // MARK: Exercise

    static let normAnswer = trace.blocks[0].attentionNorm.output[apple, 0]
    static let residualAnswer = trace.blocks[0].afterAttention[apple, 1]

    func exercise(at step: Step) -> Exercise<BlockLesson>? {
        Exercise([
            ExerciseTask(
                id: "layer-norm-fruit", question: "What is apple's fruit number after the first LayerNorm, h? (2 decimals)",
                answer: .number(quantity: "h(apple), fruit", decimals: 2) { _, _ in Self.trace.blocks[0].attentionNorm.output[Self.apple, 0]
                },
                solution: "<Enter>\(Self.number(Self.normAnswer))<Enter>",
                hint: "mean and variance of x's four numbers, then (fruit − mean) / √variance",
                explanation: { lesson, _ in
                    var first = lesson
                    (first.block, first.selected, first.stage) = (0, Self.apple, .attentionNorm)
                    return first.layerNormLines(.attentionNorm)
                }),
            ExerciseTask(
                id: "residual-tech", question: "What is apple's tech number after the first + residual, x+a? (2 decimals)",
                answer: .number(quantity: "x+a (apple), tech", decimals: 2) { _, _ in Self.trace.blocks[0].afterAttention[Self.apple, 1] },
                // Enter opens the first open number task; ↓ moves to this one.
                solution: "<Enter><Down>\(Self.number(Self.residualAnswer))<Enter>",
                hint: "the residual adds attention's output a to x, number by number",
                explanation: { _, _ in
                    let b = Self.trace.blocks[0]
                    return ["x+a = x + a: tech = " + Self.sumLine(b.input[Self.apple, 1], b.attentionOutput[Self.apple, 1], aligned: false)]
                }),
        ])
    }
}
