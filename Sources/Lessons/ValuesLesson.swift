import AttnApp
import AttnMath
import TUIKit

/// Lesson 11: values, and the whole of softmax(QKᵀ/√d_k)·V on a short sentence. Every
/// intermediate matrix is a panel of its own, labelled with its shape; each step shows the
/// few that make its point, and Enter on any cell works out that cell.
struct ValuesLesson: Lesson, Equatable {
    static let id = "values"

    enum Step: String, LessonStep {
        case values, scores, weights, output, identity

        /// The matrices the step shows, left to right.
        var stages: [Stage] {
            switch self {
            case .values: [.input, .valueWeights, .values]
            case .scores: [.queries, .keys, .scores]
            case .weights: [.scores, .weights]
            case .output: [.weights, .values, .output]
            case .identity: [.weights, .output]
            }
        }

        /// Where the step's Try changes numbers, the focus starts on them, so their working-out shows.
        var focusedStage: Stage? {
            switch self {
            case .weights: .weights
            case .output: .output
            case .values, .scores, .identity: nil
            }
        }
    }

    enum Action: Hashable, Sendable {
        case up, down, left, right, head
    }

    typealias Panel = Stage

    static let sentence = ["an", "apple", "and", "a", "phone"]
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

    // MARK: Keys

    func keys(at step: Step) -> [LessonKey<Action>] {
        [
            LessonKey([.up, .character("k")], .up, help: "move the cell cursor up in the focused matrix", label: "↑/k", short: "row"),
            LessonKey(
                [.down, .character("j")], .down, help: "move the cell cursor down in the focused matrix", label: "↓/j", short: "row"),
            LessonKey([.character("[")], .left, help: "move the cell cursor left in the focused matrix", short: "col"),
            LessonKey([.character("]")], .right, help: "move the cell cursor right in the focused matrix", short: "col"),
            LessonKey(
                [.character("p")], .head, help: "switch the head: the lesson's 13×2 matrices or the 13×13 identity", short: "head"),
        ]
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open, .warmer, .cooler] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        usesIdentity = step == .identity
        cursors = [:]
        workspace.show(Self.sentence, selecting: "apple")
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        if action == .head {
            usesIdentity.toggle()
            return usesIdentity ? "head: the identity (13×13): Q = K = V = X" : "head: the lesson's (13×2): fruit and tech"
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
        return LessonLayouts.textOnTop(state, body: body, panels: step.stages.map { .panel($0) }, weights: weights)
    }

    func draw(_ stage: Stage, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        guard let shown = matrix(stage, state.workspace) else {
            Frame(title: "No numbers").render(into: &buffer, area: area)
            return
        }
        let full = stage == .weights ? "weights softmax(scores/\(NumberFormat.fixed(state.temperature, decimals: 1)))" : stage.name
        // MatrixPanel adds " · r×c"; the frame keeps a corner and a space either side of the title.
        let fits = DisplayWidth.of("\(full) · \(shown.matrix.rows)×\(shown.matrix.columns)") <= area.width - 4
        let title = fits ? full : stage.shortName
        let focused = state.focus == .panel(stage)
        // The focused matrix works out its cursor cell below the grid, live, where there is room.
        let details = focused ? explain(stage, at: step, state: state)?.lines ?? [] : []
        MatrixPanel(
            title: title, matrix: shown.matrix, rowLabels: shown.rows, columnLabels: shown.columns, cursor: cursor(stage),
            highlightedRow: nil, isFocused: focused, colorMode: colorMode, details: details
        ).render(into: &buffer, area: area)
    }

    func liveText(at step: Step, state: AppState) -> String? {
        let head = self.head(state.workspace)
        let shape = { (m: Matrix) in "\(m.rows)×\(m.columns)" }
        return
            "\"\(Self.sentence.joined(separator: " "))\" · X \(state.words.count)×\(state.space.dimension) · W_Q, W_K \(shape(head.query)) · W_V \(shape(head.value)) · d_k = \(head.key.columns)"
    }

    // MARK: Enter

    func explain(_ stage: Stage, at step: Step, state: AppState) -> Explanation? {
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
            lines.append("÷ √d_k = √\(result.keys.columns) = \(Self.number(root)):  score = \(Self.number(value))")
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
        let products = elementwiseProducts(left, right)
        // Each factor's column as wide as its widest entry, so the = signs line up.
        let leftWidth = shown.map { DisplayWidth.of(factor(left[$0])) }.max() ?? 0
        let rightWidth = shown.map { DisplayWidth.of(factor(right[$0])) }.max() ?? 0
        for index in shown {
            lines.append(
                NumberFormat.padRight(name(index), width + 1) + NumberFormat.pad(factor(left[index]), leftWidth) + "×"
                    + NumberFormat.padRight(factor(right[index]), rightWidth) + " = " + number(products[index]))
        }
        if zeros > 0 { lines.append("(+ \(zeros) term\(zeros == 1 ? "" : "s") × 0)") }
        lines += ["", "sum = \(number(total))"]
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
}
