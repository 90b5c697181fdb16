// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit
import Vocabularies

/// Values, and the whole of softmax(QKᵀ/√d_k)·V on a short sentence. Every intermediate
/// matrix is a panel of its own, labelled with its shape; each step shows the few that make
/// its point, and Enter on any cell works out that cell. Where the screen is tall enough, a
/// panel below the matrices works out the focused cell live (`working`).
struct ValuesLesson: Lesson, Equatable {
    static let id = "values"

    enum Step: String, LessonStep {
        case values, queries, scores, weights, output, identity, exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }

        /// The matrices the step shows, left to right. The exercise leaves out the output its
        /// typed task asks for.
        var stages: [Stage] {
            switch self {
            case .values: [.input, .valueWeights, .values]
            case .queries: [.input, .queryWeights, .queries]
            case .scores: [.queries, .keys, .scores]
            case .weights: [.scores, .weights]
            case .output: [.weights, .values, .output]
            case .identity: [.weights, .output]
            case .exercise: [.weights, .values]
            }
        }

        /// Where the step's Try changes numbers, the focus starts on them, so their working-out shows.
        var focusedStage: Stage? {
            switch self {
            case .weights, .exercise: .weights
            case .output: .output
            case .values, .queries, .scores, .identity: nil
            }
        }
    }

    enum Action: Hashable, Sendable {
        case up, down, left, right, head
    }

    typealias Panel = Stage

    static let sentence = ["an", "apple", "and", "a", "phone"]
    /// The exercise's sentence: apple with laptop instead of phone, so the output it asks for is
    /// one no step has shown.
    static let exerciseSentence = ["an", "apple", "and", "a", "laptop"]
    /// The lesson's head reads two features; its columns are named after them.
    static let headFeatures = ["fruit", "tech"]
    /// W_Q and W_K read fruit and tech doubled, so the softmax has differences worth choosing
    /// between; W_V reads them as they are, so an output row says how fruity and how techy its context is.
    static let queryKeyScale = 2.0

    /// The matrices of the computation, in the order they are computed: each a panel of its own.
    enum Stage: String, CaseIterable, LessonPanel {
        case input
        case queryWeights = "query-weights"
        case keyWeights = "key-weights"
        case valueWeights = "value-weights"
        case queries, keys, values, scores, weights, output
        /// Not a matrix: the focused matrix's cursor cell worked out, below the matrices where the screen is tall.
        case working

        var name: String {
            switch self {
            case .input: "X"
            case .queryWeights: "W_Q"
            case .keyWeights: "W_K"
            case .valueWeights: "W_V"
            case .queries: "Q = X·W_Q"
            case .keys: "K = X·W_K"
            case .values: "V = X·W_V"
            case .scores: "scores QKᵀ/√d_k"
            case .weights: "weights softmax(scores/T)"
            case .output: "output weights·V"
            case .working: "working"
            }
        }

        /// The name for a panel too narrow for `name`: never a title cut in the middle of its formula.
        var shortName: String {
            switch self {
            case .scores: "scores"
            case .weights: "weights"
            case .output: "output"
            default: name
            }
        }
    }

    /// The lesson's own head (13×2) or the identity (13×13), whose numbers are `attn-tui attention`'s.
    var usesIdentity = false
    /// Each panel's cursor cell, by stage.
    var cursors: [Stage: Heatmap.Position] = [:]

    // MARK: Numbers

    /// The sentence's vectors as rows (n × d).
    static func input(_ state: Workspace) -> Matrix {
        Matrix(state.words.map(\.vector), columns: state.space.dimension)
    }

    /// The lesson's head: each of W_Q, W_K, W_V sends one feature to each output column.
    static func ownHead(featureNames: [String]) -> AttentionHead {
        func reading(_ scale: Double) -> Matrix {
            var matrix = Matrix(rows: featureNames.count, columns: headFeatures.count)
            for (column, feature) in headFeatures.enumerated() {
                if let row = featureNames.firstIndex(of: feature) { matrix[row, column] = scale }
            }
            return matrix
        }
        return AttentionHead(query: reading(queryKeyScale), key: reading(queryKeyScale), value: reading(1))
    }

    func head(_ state: Workspace) -> AttentionHead {
        usesIdentity ? .identity(dimension: state.space.dimension) : Self.ownHead(featureNames: state.featureNames)
    }

    func result(_ state: Workspace) -> AttentionResult? {
        try? head(state).attend(Self.input(state), temperature: state.temperature)
    }

    /// A stage's matrix with its row and column labels.
    func matrix(_ stage: Stage, _ state: Workspace) -> (matrix: Matrix, rows: [String], columns: [String])? {
        let head = self.head(state)
        let words = state.words.map(\.word)
        let features = state.featureNames
        let columns = usesIdentity ? features : Self.headFeatures
        switch stage {
        case .input: return (Self.input(state), words, features)
        case .queryWeights: return (head.query, features, columns)
        case .keyWeights: return (head.key, features, columns)
        case .valueWeights: return (head.value, features, columns)
        case .working: return nil
        default: break
        }
        guard let result = result(state) else { return nil }
        switch stage {
        case .queries: return (result.queries, words, columns)
        case .keys: return (result.keys, words, columns)
        case .values: return (result.values, words, columns)
        case .scores: return (result.scores, words, words)
        case .weights: return (result.weights, words, words)
        default: return (result.output, words, columns)
        }
    }

    /// Apple's row, and for the word-by-word tables phone's column: the pair the text talks about.
    static func startCursor(_ stage: Stage) -> Heatmap.Position {
        switch stage {
        case .scores, .weights: Heatmap.Position(row: 1, column: 4)
        case .queryWeights, .keyWeights, .valueWeights: Heatmap.Position(row: 0, column: 0)
        default: Heatmap.Position(row: 1, column: 0)
        }
    }

    func cursor(_ stage: Stage) -> Heatmap.Position { cursors[stage] ?? Self.startCursor(stage) }

    /// The matrix whose cursor cell the working panel works out: the focused one, else the step's own.
    func workedStage(at step: Step, focus: Focus) -> Stage {
        if let stage = step.stages.first(where: { focus == .panel($0) }) { return stage }
        return step.focusedStage ?? step.stages.last ?? .output
    }

    // MARK: Keys

    func keys(at step: Step) -> [LessonKey<Action>] {
        // The exercise keeps the lesson's own head: its tasks are about it.
        let head = LessonKey(
            [.character("p")], Action.head, help: "switch W_Q, W_K, W_V: the lesson's 13×2 matrices or the 13×13 identity",
            short: "matrices")
        return [
            // One status-bar entry per pair, so the step keys keep their place at 80 columns.
            LessonKey([.up, .character("k")], .up, help: "move the cell cursor up in the focused matrix", label: "↑/↓", short: "row"),
            LessonKey(
                [.down, .character("j")], .down, help: "move the cell cursor down in the focused matrix", label: "↓/j", short: "row",
                showsInStatusBar: false),
            // In the exercise, help lists [ ] and the key bar keeps its room for the exercise's keys.
            LessonKey(
                [.character("[")], .left, help: "move the cell cursor left in the focused matrix", label: "[/]", short: "col",
                showsInStatusBar: step != .exercise),
            LessonKey(
                [.character("]")], .right, help: "move the cell cursor right in the focused matrix", short: "col", showsInStatusBar: false),
        ] + (step == .exercise ? [] : [head])
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open, .warmer, .cooler] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        usesIdentity = step == .identity
        cursors = [:]
        workspace.show(step == .exercise ? Self.exerciseSentence : Self.sentence, selecting: "apple")
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        if action == .head {
            usesIdentity.toggle()
            return usesIdentity
                ? "W_Q = W_K = W_V = the identity (13×13): Q = K = V = X" : "W_Q, W_K, W_V: the lesson's (13×2), fruit and tech"
        }
        guard let stage = context.focused(Stage.self), let shown = matrix(stage, workspace) else {
            return "Tab to a matrix first"
        }
        var cell = cursor(stage)
        let (rows, columns) = (shown.matrix.rows, shown.matrix.columns)
        switch action {
        case .up: cell.row = (cell.row + rows - 1) % rows
        case .down: cell.row = (cell.row + 1) % rows
        case .left: cell.column = (cell.column + columns - 1) % columns
        case .right: cell.column = (cell.column + 1) % columns
        case .head: break
        }
        cursors[stage] = cell
        return nil
    }

    // MARK: Panels

    /// Tab order, from the panel the step's Try is about (then on round, left to right).
    func panels(at step: Step) -> [Focus] {
        let stages = step.stages
        let first = step.focusedStage.flatMap { stages.firstIndex(of: $0) } ?? 0
        return (stages[first...] + stages[..<first]).map { .panel($0) }
    }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        // Each matrix gets width in proportion to the columns it can show.
        let weights = step.stages.map { stage in
            let columns = matrix(stage, state.workspace)?.matrix.columns ?? 2
            return 12 + 5 * min(columns, 6)
        }
        let base = LessonLayouts.textOnTop(state, body: body, panels: step.stages.map { .panel($0) }, weights: weights)
        // Tall screens: the matrices take the rows they need and the working panel the rest,
        // instead of half the screen of empty grid.
        let needed = step.stages.map { (matrix($0, state.workspace)?.matrix.rows ?? 5) + 3 }.max() ?? 8
        guard let first = base.rect(of: .panel(step.stages[0])), first.height - needed >= Self.workingMinimum else { return base }
        let placements = base.placements.map { placement in
            placement.panel == .text
                ? placement
                : PanelPlacement(placement.panel, Rect(x: placement.rect.x, y: first.y, width: placement.rect.width, height: needed))
        }
        let working = Rect(x: body.x, y: first.y + needed, width: body.width, height: first.bottom - first.y - needed)
        return LessonLayout(placements + [PanelPlacement(.panel(Stage.working), working)])
    }

    /// The fewest rows the working panel takes: a title, a few terms and the sum.
    static let workingMinimum = 8

    func draw(_ stage: Stage, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        if stage == .working {
            drawWorking(at: step, state: state, into: &buffer, area: area)
            return
        }
        guard let shown = matrix(stage, state.workspace) else {
            Frame(title: "No numbers").render(into: &buffer, area: area)
            return
        }
        let full = stage == .weights ? "weights softmax(scores/\(NumberFormat.fixed(state.temperature, decimals: 1)))" : stage.name
        // MatrixPanel adds " · r×c"; the frame keeps a corner and a space either side of the title.
        let fits = DisplayWidth.of("\(full) · \(shown.matrix.rows)×\(shown.matrix.columns)") <= area.width - 4
        let title = fits ? full : stage.shortName
        let focused = state.focus == .panel(stage)
        // The focused matrix works out its cursor cell below the grid, live, where there is room
        // and no working panel does it.
        let hasWorking = ScreenLayout(size: state.size, state: state).rect(of: .panel(Stage.working)) != nil
        let details = focused && !hasWorking ? explain(stage, at: step, state: state)?.lines ?? [] : []
        MatrixPanel(
            title: title, matrix: shown.matrix, rowLabels: shown.rows, columnLabels: shown.columns, cursor: cursor(stage),
            highlightedRow: nil, isFocused: focused, colorMode: colorMode, details: details
        ).render(into: &buffer, area: area)
    }

    func liveText(at step: Step, state: AppState) -> String? {
        let head = self.head(state.workspace)
        let shape = { (m: Matrix) in "\(m.rows)×\(m.columns)" }
        return
            "\"\(state.words.map(\.word).joined(separator: " "))\" · X \(state.words.count)×\(state.space.dimension) · W_Q, W_K \(shape(head.query)) · W_V \(shape(head.value)) · d_k = \(head.key.columns)"
    }

    /// The worked cell of `workedStage`, whole: the Enter popup's lines, live as the cursor moves.
    private func drawWorking(at step: Step, state: AppState, into buffer: inout Buffer, area: Rect) {
        let stage = workedStage(at: step, focus: state.focus)
        let explanation = explain(stage, at: step, state: state)
        let inner = Frame(title: "How \(explanation?.title ?? stage.name) is worked out").draw(into: &buffer, area: area)
        let lines = explanation?.lines ?? []
        for (row, line) in lines.enumerated() where row < inner.height {
            buffer.write(line, x: inner.x, y: inner.y + row, maxWidth: inner.width)
        }
        if lines.count > inner.height, inner.height > 0 {
            buffer.write(
                "… Enter shows it whole", x: inner.x, y: inner.bottom - 1, style: Style(modifiers: [.dim]), maxWidth: inner.width)
        }
        let hint = step.stages.contains(stage) && state.focus != .panel(stage) ? "Tab picks a matrix, ↑/↓ [ ] a cell" : nil
        if let hint, lines.count < inner.height {
            buffer.write(hint, x: inner.x, y: inner.bottom - 1, style: Style(modifiers: [.dim]), maxWidth: inner.width)
        }
    }

    // MARK: Enter

    func explain(_ stage: Stage, at step: Step, state: AppState) -> Explanation? {
        if stage == .working { return explain(workedStage(at: step, focus: state.focus), at: step, state: state) }
        guard let shown = matrix(stage, state.workspace) else { return nil }
        let cell = cursor(stage)
        guard cell.row < shown.matrix.rows, cell.column < shown.matrix.columns else { return nil }
        let (row, column) = (shown.rows[cell.row], shown.columns[cell.column])
        let value = shown.matrix[cell.row, cell.column]
        let head = self.head(state.workspace)
        let x = Self.input(state.workspace)
        let title = "\(stage.name.split(separator: " ").first ?? "")[\(row), \(column)] = \(Self.number(value))"
        switch stage {
        case .input:
            return Explanation(title: title, lines: ["\(row)'s \(column) in the lexicon", "(X's rows: the words' vectors)"])
        case .queryWeights, .keyWeights, .valueWeights:
            return Explanation(
                title: title,
                lines: ["column \(column) takes", "\(Self.number(value)) × each word's \(row)"])
        case .queries, .keys, .values:
            let weights = [Stage.queries: head.query, .keys: head.key, .values: head.value][stage]!
            return Explanation(
                title: title,
                lines: Self.sumLines(
                    labels: state.featureNames, left: x.row(cell.row), right: weights.transposed.row(cell.column),
                    header: "X[\(row),f] × W[f,\(column)]", total: value))
        default: break
        }
        guard let result = result(state.workspace) else { return nil }
        switch stage {
        case .scores:
            let root = Double(result.keys.columns).squareRoot()
            var lines = Self.sumLines(
                labels: usesIdentity ? state.featureNames : Self.headFeatures, left: result.queries.row(cell.row),
                right: result.keys.row(cell.column), header: "q(\(row)) × k(\(column))",
                total: dot(result.queries.row(cell.row), result.keys.row(cell.column)))
            // √d_k to 4 decimals: 2.34 / 1.41 would give 1.66, not the score's 1.65.
            lines.append("÷ √d_k = √\(result.keys.columns) = \(Self.number(root, 4)):  score = \(Self.number(value))")
            return Explanation(title: title, lines: lines)
        case .weights:
            return Explanation(
                title: title,
                lines: Self.softmaxLines(result, row: cell.row, column: cell.column, words: shown.rows, temperature: state.temperature))
        default:
            return Explanation(
                title: title,
                lines: Self.sumLines(
                    labels: shown.rows, left: result.weights.row(cell.row), right: result.values.transposed.row(cell.column),
                    header: "w(\(row),j) × V[j,\(column)]", total: value))
        }
    }

    /// One line per term of Σ leftᵢ·rightᵢ, then the sum. Terms whose right factor is exactly 0
    /// are left out (and counted), so a matrix that reads one feature shows one term, not thirteen.
    static func sumLines(labels: [String], left: [Double], right: [Double], header: String, total: Double) -> [String] {
        let zeros = right.filter { $0 == 0 }.count
        let shown = right.indices.filter { right[$0] != 0 }
        let name = { (index: Int) in labels.indices.contains(index) ? labels[index] : "\(index + 1)" }
        let width = shown.map { DisplayWidth.of(name($0)) }.max() ?? 0
        var lines = [header, ""]
        // Each product of the factors as shown, exactly, so the lines add up by hand.
        let products = left.indices.map { HandArithmetic.product(left[$0], right[$0]) }
        // Each factor's column as wide as its widest entry, so the = signs line up.
        let leftWidth = shown.map { DisplayWidth.of(factor(left[$0])) }.max() ?? 0
        let rightWidth = shown.map { DisplayWidth.of(factor(right[$0])) }.max() ?? 0
        for index in shown {
            lines.append(
                NumberFormat.padRight(name(index), width + 1) + NumberFormat.pad(factor(left[index]), leftWidth) + "×"
                    + NumberFormat.padRight(factor(right[index]), rightWidth) + " = "
                    + HandArithmetic.text(tenThousandths: products[index]))
        }
        if zeros > 0 { lines.append("(+ \(zeros) term\(zeros == 1 ? "" : "s") × 0)") }
        lines += ["", HandArithmetic.sumLine(shown.map { products[$0] }, total: total)]
        return lines
    }

    /// The softmax of one row of scores: the exponentials, their sum, the share.
    static func softmaxLines(_ result: AttentionResult, row: Int, column: Int, words: [String], temperature: Double) -> [String] {
        let scores = result.scores.row(row)
        let top = scores.max() ?? 0
        let exponentials = softmaxExponentials(scores, temperature: temperature, max: top)
        let total = exponentials.reduce(0, +)
        var lines = [
            NumberFormat.padRight("word", 7) + NumberFormat.pad("score", 8) + NumberFormat.pad("exp((s−max)/T)", 16)
                + NumberFormat.pad("weight", 8)
        ]
        for (j, word) in words.enumerated() {
            lines.append(
                NumberFormat.padRight(word, 7) + NumberFormat.pad(number(scores[j]), 8) + NumberFormat.pad(number(exponentials[j], 4), 16)
                    + NumberFormat.pad(number(result.weights[row, j], 4), 8) + (j == column ? " ◀" : ""))
        }
        lines += [
            "", "T = \(number(temperature)), max = \(number(top)), Σ exp = \(number(total, 4))",
            "weight = \(number(exponentials[column], 4)) / \(number(total, 4)) = \(number(result.weights[row, column], 4))",
        ]
        return lines
    }

    static func number(_ value: Double, _ decimals: Int = 2) -> String { NumberFormat.fixed(value, decimals: decimals) }

    /// A factor of a product as written on paper: a negative one in brackets, "0.06×(-0.02)".
    static func factor(_ value: Double) -> String {
        let text = number(value)
        return text.hasPrefix("-") ? "(\(text))" : text
    }

    // MARK: Exercise

    /// apple's row among the sentence's words.
    static let apple = sentence.firstIndex(of: "apple")!

    /// The output column the typed task asks for: tech.
    static let techColumn = headFeatures.firstIndex(of: "tech")!

    /// apple's output, tech column, in the exercise's sentence with the lesson's matrices on the
    /// built-in lexicon at T = 1: the typed task's answer as the step opens.
    static let openingTechOutput: Double? = {
        let lexicon = Vocabulary.builtIn()
        guard let names = lexicon.lexicon?.featureNames else { return nil }
        let rows = exerciseSentence.compactMap { lexicon.table.index(of: $0).map { lexicon.table.vector(at: $0) } }
        guard rows.count == exerciseSentence.count else { return nil }
        return (try? ownHead(featureNames: names).attend(Matrix(rows, columns: names.count)))?.output[apple, techColumn]
    }()

    func exercise(at step: Step) -> Exercise<ValuesLesson>? {
        Exercise([
            ExerciseTask(
                id: "apple-tech-output", question: "What is apple's output in the tech column, weights·V? (2 decimals)",
                answer: .number(quantity: "output[apple, tech]", decimals: 2) { lesson, workspace in
                    lesson.result(workspace)?.output[Self.apple, Self.techColumn]
                },
                solution: "<Enter>\(Self.openingTechOutput.map { Self.number($0) } ?? "")<Enter>",
                hint: "apple's row of weights times V's tech column: w(apple, an)·V[an, tech] + … for all five words",
                explanation: { lesson, workspace in
                    guard let result = lesson.result(workspace) else { return [] }
                    let column = Self.techColumn
                    let terms = workspace.words.indices.map {
                        "\(Self.number(result.weights[Self.apple, $0]))×\(Self.factor(result.values[$0, column]))"
                    }
                    // The sum of the factors as shown (products of two 2-decimal numbers: exact at 4 decimals).
                    let rounded = { (value: Double) in (value * 100).rounded() / 100 }
                    let shown = workspace.words.indices.map {
                        rounded(result.weights[Self.apple, $0]) * rounded(result.values[$0, column])
                    }.reduce(0, +)
                    return [
                        "output[apple, tech] = Σⱼ w(apple, j) · V[j, tech]",
                        "= " + terms.joined(separator: " + "),
                        "= \(Self.number(shown, 4)) (with the weights unrounded: \(Self.number(result.output[Self.apple, column], 4)))",
                    ]
                }),
            ExerciseTask(
                id: "apple-looks-at-itself", question: "Change the temperature until apple gives itself more than 0.9 of its weight.",
                answer: .keys { lesson, workspace in
                    guard let weight = lesson.result(workspace)?.weights[Self.apple, Self.apple] else {
                        return TaskCheck(false, "no weights")
                    }
                    return TaskCheck(weight > 0.9, "apple → apple \(Self.number(weight)) at T = \(Self.number(workspace.temperature))")
                },
                // From T = 1 the shared steps go 0.7, 0.5, 0.3, 0.2: the test replays it against the live weights.
                solution: "----",
                hint: "apple scores itself highest (2.21): a lower T gives the top score more",
                explanation: { lesson, workspace in
                    guard let result = lesson.result(workspace) else { return [] }
                    let scores = result.scores.row(Self.apple).map { Self.number($0) }.joined(separator: ", ")
                    return [
                        "apple's scores: \(scores) (its own the largest);",
                        "softmax(scores / T) gives the largest more as T falls:",
                        "press - until apple's own weight passes 0.9.",
                    ]
                }),
        ])
    }
}
