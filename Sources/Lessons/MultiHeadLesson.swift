// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit
import Vocabularies

/// Several attention heads side by side, each with its own W_Q, W_K, W_V, so one
/// word attends to different words in different heads; their outputs are concatenated and
/// projected by W_O.
struct MultiHeadLesson: Lesson, Equatable {
    static let id = "multi-head"

    enum Step: String, LessonStep {
        case heads
        case twoSenses = "two-senses"
        case matrices, concat, exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }
    }

    enum Action: Hashable, Sendable {
        case previous, next, head, entry, raise, lower, projection
    }

    enum Panel: String, LessonPanel {
        /// Every head's weights.
        case heads
        /// Each head's W_Q = W_K column.
        case matrices
        /// The heads' outputs joined and projected by W_O.
        case concatenation
    }

    static let words = ["apple", "banana", "cherry", "orange", "phone", "laptop"]
    /// The three features the heads read (d_model = 3), from the lexicon.
    static let features = ["fruit", "tech", "colour"]
    /// Each head's W_Q = W_K column: it compares words by one feature (colour is weaker, so it gets more).
    static let presets: [[Double]] = [[3, 0, 0], [0, 3, 0], [0, 0, 4]]
    static let entryStep = 0.5
    /// The exercise's heads: the presets, but head 3 compares colour at 2, not 4, so apple's final
    /// vector is one the concat step never showed.
    static let exerciseColumns: [[Double]] = [presets[0], presets[1], [0, 0, 2]]
    /// W_O presets (9×3): how the concatenated head outputs become one vector of 3 features.
    static let projections: [(name: String, matrix: Matrix)] = {
        let identity = Matrix.identity(3)
        let zero = Matrix(rows: 3, columns: 3)
        let third = Matrix(rows: 3, columns: 3, values: identity.values.map { $0 / 3 })
        var own = Matrix(rows: 9, columns: 3)
        for head in 0..<3 { own[head * 3 + head, head] = 1 }
        return [
            ("mean of the heads", stacked([third, third, third])),
            ("each head's own feature", own),
            ("head 1 only", stacked([identity, zero, zero])),
        ]
    }()

    static func stacked(_ blocks: [Matrix]) -> Matrix {
        Matrix(rows: blocks.map(\.rows).reduce(0, +), columns: 3, values: blocks.flatMap(\.values))
    }

    var columns = presets
    /// The head the edit keys change, and the feature (entry of its W_Q and W_K) they change.
    var editedHead = 0
    var feature = 0
    var projection = 0
    /// The words' three features, rows in `words` order.
    var input = Matrix(rows: 0, columns: 3)

    var attention: MultiHeadAttention {
        let heads = columns.map { column in
            let w = Matrix(rows: 3, columns: 1, values: column)
            return AttentionHead(query: w, key: w, value: .identity(3))
        }
        return MultiHeadAttention(heads: heads, output: Self.projections[projection].matrix)
    }

    /// Every head's numbers for the words in play; nil only if a score were not a number.
    var result: MultiHeadAttention.Result? { try? attention.attend(input) }

    func keys(at step: Step) -> [LessonKey<Action>] {
        var keys = [
            LessonKey(
                [.up, .character("k")], Action.previous, help: "select the previous word (its row in every head)", label: "↑/↓",
                short: "word"),
            LessonKey(
                [.down, .character("j")], .next, help: "select the next word", label: "↓/j", short: "word", showsInStatusBar: false),
            // In the exercise the text names n and e, and the key bar keeps its room for the exercise's keys.
            LessonKey([.character("n")], .head, help: "choose the head to edit", short: "head", showsInStatusBar: step != .exercise),
            LessonKey(
                [.character("e")], .entry, help: "choose the feature whose W_Q and W_K entry +/- change", short: "entry",
                showsInStatusBar: step != .exercise),
            LessonKey([.character("+"), .character("=")], .raise, help: "raise the entry by 0.5", label: "+/-", short: "change"),
            LessonKey(
                [.character("-"), .character("_")], .lower, help: "lower the entry by 0.5", label: "-/_", short: "change",
                showsInStatusBar: false),
        ]
        if step == .concat || step == .exercise {
            keys.append(LessonKey([.character("o")], .projection, help: "switch W_O between its presets", short: "W_O"))
        }
        // The exercise is about apple: its row stays selected (and the key bar keeps room for the exercise's keys).
        return step == .exercise ? keys.filter { $0.action != .previous && $0.action != .next } : keys
    }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        columns = step == .exercise ? Self.exerciseColumns : Self.presets
        editedHead = step == .matrices ? 1 : 0
        feature = editedHead
        projection = 0
        let indices = Self.features.compactMap { workspace.featureNames.firstIndex(of: $0) }
        input = Matrix(Self.words.map { word in indices.map { workspace.vector(of: word)?[$0] ?? 0 } }, columns: 3)
        workspace.show(Self.words, selecting: step == .heads ? "cherry" : "apple")
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        switch action {
        case .previous, .next:
            let count = Self.words.count
            workspace.select(Self.words[(workspace.selected + (action == .next ? 1 : count - 1)) % count])
            return nil
        case .head:
            editedHead = (editedHead + 1) % columns.count
            feature = editedHead < Self.features.count ? editedHead : 0
            return "editing head \(editedHead + 1) (\(headName(editedHead)))"
        case .entry:
            feature = (feature + 1) % Self.features.count
            return "entry: \(Self.features[feature])"
        case .raise, .lower:
            let value = columns[editedHead][feature] + (action == .raise ? Self.entryStep : -Self.entryStep)
            columns[editedHead][feature] = min(6, max(-6, value))
            return
                "head \(editedHead + 1): W_Q and W_K \(Self.features[feature]) entry \(NumberFormat.fixed(columns[editedHead][feature], decimals: 1))"
        case .projection:
            projection = (projection + 1) % Self.projections.count
            return "W_O: \(Self.projections[projection].name)"
        }
    }

    /// What a head compares now, from its W_Q = W_K column: the feature with the largest entry
    /// (its sign does not matter: the score (x·w)(y·w) is the same for −w), both where two tie,
    /// "nothing" where every entry is 0. The presets' names until the learner edits them.
    func headName(_ head: Int) -> String {
        let column = columns[head].map(abs)
        guard let top = column.max(), top > 0 else { return "nothing" }
        return column.indices.filter { column[$0] == top }.map { Self.features[$0] }.joined(separator: "+")
    }

    func panels(at step: Step) -> [Focus] {
        [.panel(Panel.heads), .panel(step == .concat || step == .exercise ? Panel.concatenation : .matrices)]
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        let textHeight = min(StepTextPanel.height(state, width: body.width), max(3, body.height / 2))
        let lowerHeight = 5
        let rest = max(0, body.height - textHeight)
        // The concatenation can shrink to one line, so the heads keep every row at 80×24.
        let lowerMinimum = panels(at: step)[1] == .panel(Panel.concatenation) ? 3 : lowerHeight
        let headsHeight = max(0, min(Self.words.count + 3, rest - lowerMinimum))
        // Where there is room, the matrices and the concatenation both show; else the step's own.
        let lower: [Focus] =
            rest >= headsHeight + 2 * lowerHeight ? [.panel(Panel.matrices), .panel(Panel.concatenation)] : [panels(at: step)[1]]
        let rows = Layout.split(
            body, .vertical, [.length(textHeight), .length(headsHeight)] + lower.dropLast().map { _ in .length(lowerHeight) } + [.fill(1)])
        return LessonLayout(
            [PanelPlacement(.text, rows[0]), PanelPlacement(.panel(Panel.heads), rows[1])]
                + zip(lower, rows.dropFirst(2)).map { PanelPlacement($0, $1) })
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        switch panel {
        case .heads: drawHeads(state: state, focused: focused, colorMode: colorMode, into: &buffer, area: area)
        case .matrices: drawMatrices(state: state, focused: focused, into: &buffer, area: area)
        case .concatenation: drawConcatenation(step: step, state: state, focused: focused, into: &buffer, area: area)
        }
    }

    private func drawHeads(state: AppState, focused: Bool, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        guard let result, area.width > 0 else { return }
        // Only the first head carries the row labels: the rows line up, and three narrow tables keep room for numbers.
        let labelWidth = 7
        let cells = Self.words.count * 3 + 2
        let parts = Layout.split(area, .horizontal, result.heads.indices.map { .fill($0 == 0 ? cells + labelWidth : cells) })
        for (index, part) in parts.enumerated() {
            let edited = index == editedHead
            let frame = Frame(title: "head \(index + 1) · \(headName(index))\(edited ? " ✎" : "")", isFocused: focused && edited)
            let inner = frame.draw(into: &buffer, area: part)
            let labels = index == 0 ? labelWidth : 0
            Heatmap(
                rowLabels: index == 0 ? Self.words : Self.words.map { _ in "" },
                columnLabels: Self.words.map { String($0.prefix(2)) },
                values: result.heads[index].weights.rowVectors.map { $0.map { Optional($0) } },
                scale: ColorScale(lower: 0, upper: 1, kind: .sequential), colorMode: colorMode, selectedRow: state.selected,
                rowLabelWidth: index == 0 ? labelWidth - 1 : 0, cellWidth: max(1, min(4, (inner.width - labels) / Self.words.count))
            ).render(into: &buffer, area: inner)
        }
    }

    private func drawMatrices(state: AppState, focused: Bool, into buffer: inout Buffer, area: Rect) {
        let frame = Frame(title: "W_Q = W_K of each head: (" + Self.features.joined(separator: ", ") + ") · W_V = I", isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        let word = Self.words[state.selected]
        let weights = result?.heads.map { $0.weights.row(state.selected) }
        for (head, column) in columns.enumerated() where inner.y + head < inner.bottom {
            var line = StyledText("head \(head + 1)", style: head == editedHead ? Style(modifiers: [.bold]) : .plain)
            for (index, value) in column.enumerated() {
                let cell = NumberFormat.pad(NumberFormat.fixed(value, decimals: 1), 7)
                line.append(cell, style: head == editedHead && index == feature ? Style(modifiers: [.reverse, .bold]) : .plain)
            }
            if let row = weights?[head] {
                // The two words this head gives the selected word most of its weight to; none stands out in a flat row.
                let top = row.indices.sorted { row[$0] > row[$1] }.prefix(2)
                let flat = (row.max() ?? 0) - (row.min() ?? 0) < 0.005
                line.append(
                    "   \(word) → "
                        + (flat
                            ? "all \(row.count) alike, \(NumberFormat.fixed(row.first ?? 0, decimals: 2)) each"
                            : top.map { "\(Self.words[$0]) \(NumberFormat.fixed(row[$0], decimals: 2))" }.joined(separator: ", ")))
            }
            buffer.write(line, x: inner.x, y: inner.y + head, maxWidth: inner.width)
        }
    }

    private func drawConcatenation(step: Step, state: AppState, focused: Bool, into buffer: inout Buffer, area: Rect) {
        let row = state.selected
        let frame = Frame(title: "\(Self.words[row]): heads joined, then · W_O (\(Self.projections[projection].name))", isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard let result else { return }
        let numbers = { (values: [Double]) in values.map { NumberFormat.fixed($0, decimals: 2) }.joined(separator: " ") }
        let heads = result.heads.indices.map { "head \($0 + 1) → \(numbers(result.heads[$0].output.row(row)))" }
        let joined = heads.indices.map { numbers(result.heads[$0].output.row(row)) }.joined(separator: " │ ")
        // The exercise's typed task is the final vector: it stays the learner's to work out until solved.
        let hidden = step == .exercise && !state.tasks.contains { $0.id == Self.finalTaskID && state.isSolved(task: $0) }
        let final =
            hidden
            ? StyledText("? ? ?", style: Style(modifiers: [.bold])) + StyledText(" (task 2)", style: Style(modifiers: [.dim]))
            : StyledText(numbers(result.output.row(row)), style: Style(modifiers: [.bold]))
        var lines = [
            StyledText(heads.joined(separator: "   ")),
            StyledText("concat (9) = " + joined),
            StyledText("· W_O (9×3) = ") + final + StyledText("   (" + Self.features.joined(separator: ", ") + ")"),
        ]
        // Short of rows, the heads' line goes first (the joined line has the same numbers), then
        // the joined and final numbers share one line.
        if inner.height < lines.count { lines.removeFirst() }
        if inner.height < lines.count { lines = [StyledText(joined + " · W_O = ") + final] }
        var y = inner.y
        for line in lines where y < inner.bottom {
            let paragraph = Paragraph(line)
            paragraph.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: inner.bottom - y))
            y += paragraph.lineCount(width: inner.width)
        }
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        guard panel == .heads, let result else { return nil }
        let row = state.selected
        let head = result.heads[editedHead]
        let word = Self.words[row]
        let numbers = { (values: [Double]) in values.map { NumberFormat.fixed($0, decimals: 2) }.joined(separator: ", ") }
        return Explanation(
            title: "\(word) in head \(editedHead + 1) (\(headName(editedHead)))",
            lines: [
                "x(\(word)) = (\(numbers(input.row(row)))) as (\(Self.features.joined(separator: ", ")))",
                "q = x·W_Q = \(numbers(head.queries.row(row)));  keys k = x·W_K: \(numbers(head.keys.values))",
                "scores q·k/√1: \(numbers(head.scores.row(row)))",
                "weights = softmax(scores): \(numbers(head.weights.row(row)))",
                "output = weights·V = \(numbers(head.output.row(row)))",
            ])
    }

    // MARK: Exercise

    static let apple = words.firstIndex(of: "apple")!
    static let laptop = words.firstIndex(of: "laptop")!
    /// The W_O preset the typed task asks about: the mean of the heads (the one the exercise opens with).
    static let meanProjection = projections.firstIndex { $0.name == "mean of the heads" }!
    static let finalTaskID = "mean-fruit"

    /// The word apple gives most weight to in head 1, with the live matrices.
    func appleTopInHead1() -> (word: Int, weight: Double)? {
        guard let row = result?.heads[0].weights.row(Self.apple), let top = row.indices.max(by: { row[$0] < row[$1] }) else { return nil }
        return (top, row[top])
    }

    /// apple's final fruit value with W_O = the mean of the heads, with the live heads: the typed task.
    func appleFruitThroughTheMean() -> Double? {
        var lesson = self
        lesson.projection = Self.meanProjection
        return lesson.result?.output[Self.apple, Self.features.firstIndex(of: "fruit")!]
    }

    /// The fewest keys that make laptop apple's top word in head 1 from the exercise's opening
    /// (head 1 and its fruit entry selected): lower fruit some times, then `e` to tech and raise it.
    static let laptopKeys: String = {
        var best: (count: Int, keys: String)?
        for lowered in 0...12 {
            for raised in 0...12 {
                var lesson = exerciseOpening
                lesson.columns[0][0] = exerciseColumns[0][0] - entryStep * Double(lowered)
                lesson.columns[0][1] = exerciseColumns[0][1] + entryStep * Double(raised)
                guard lesson.appleTopInHead1()?.word == laptop else { continue }
                let keys = String(repeating: "-", count: lowered) + (raised > 0 ? "e" + String(repeating: "+", count: raised) : "")
                if best == nil || keys.count < best!.count { best = (keys.count, keys) }
            }
        }
        return best?.keys ?? ""
    }()

    /// The words' three features from the built-in lexicon, as `enter` reads them from the workspace.
    static let openingInput: Matrix = {
        let lexicon = Vocabulary.builtIn()
        let names = lexicon.lexicon?.featureNames ?? []
        let indices = features.compactMap { names.firstIndex(of: $0) }
        return Matrix(
            words.map { word in indices.map { index in lexicon.table.index(of: word).map { lexicon.table.vector(at: $0)[index] } ?? 0 } },
            columns: 3)
    }()

    static func fixed(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }

    /// The exercise as it opens: what task 2's solution answers.
    static var exerciseOpening: MultiHeadLesson {
        var lesson = MultiHeadLesson()
        lesson.input = openingInput
        lesson.columns = exerciseColumns
        return lesson
    }

    func exercise(at step: Step) -> Exercise<MultiHeadLesson>? {
        Exercise([
            ExerciseTask(
                id: "laptop-in-head-1", question: "Edit head 1 so that apple gives laptop its largest weight there.",
                answer: .keys { lesson, _ in
                    guard let top = lesson.appleTopInHead1() else { return TaskCheck(false, "no weights") }
                    return TaskCheck(top.word == Self.laptop, "head 1: apple → \(Self.words[top.word]) \(Self.fixed(top.weight))")
                },
                solution: Self.laptopKeys,
                hint: "laptop has tech and no fruit: head 1 must compare tech more than fruit (e picks the entry)",
                explanation: { lesson, _ in
                    [
                        "A head's score is (x·w)(y·w) for its column w: laptop wins",
                        "when w weighs tech well above fruit. From (3, 0, 0) the keys",
                        "\(Self.laptopKeys) do it: - lowers fruit, e then + raises tech.",
                    ]
                }),
            ExerciseTask(
                id: Self.finalTaskID,
                question: "With W_O = the mean of the heads, what is apple's final fruit value? (2 decimals)",
                answer: .number(quantity: "apple's final fruit", decimals: 2) { lesson, _ in lesson.appleFruitThroughTheMean() },
                solution: "<Enter>\(Self.exerciseOpening.appleFruitThroughTheMean().map(Self.fixed) ?? "")<Enter>",
                hint: "the mean W_O averages the three heads' outputs, feature by feature: read the fruit of each",
                explanation: { lesson, _ in
                    guard let result = lesson.result else { return [] }
                    let fruits = result.heads.map { $0.output[Self.apple, 0] }
                    let shown = fruits.map { (($0 * 100).rounded()) / 100 }.reduce(0, +) / 3
                    return [
                        "The mean W_O gives each feature the mean of the three heads' values.",
                        "Fruit: (" + fruits.map(Self.fixed).joined(separator: " + ") + ") / 3 = \(NumberFormat.fixed(shown, decimals: 3))",
                        "(with the heads' outputs unrounded: \(lesson.appleFruitThroughTheMean().map { NumberFormat.fixed($0, decimals: 3) } ?? "—"))",
                    ]
                }),
        ])
    }
}
