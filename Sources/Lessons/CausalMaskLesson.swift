// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit
import Vocabularies

/// The causal mask of a next-word model: a word attends only to itself and the words before
/// it. The head is lesson 11's (W_Q = W_K read fruit and tech doubled, W_V reads them as they
/// are) on "an apple and a phone", so the weights are that lesson's with the upper triangle
/// taken out: −∞ in the scores, exactly 0 in the weights. A key replaces the last word, and
/// the outputs of the words before it stay bit for bit the same.
struct CausalMaskLesson: Lesson, Equatable {
    static let id = "causal-mask"

    enum Step: String, LessonStep {
        case nextWord = "next-word"
        case minusInfinity = "minus-infinity"
        case laterWords = "later-words"
        case exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }

        /// The two tables each step shows, left to right.
        var panels: [Panel] {
            switch self {
            case .nextWord, .laterWords: [.weights, .outputs]
            case .minusInfinity: [.scores, .weights]
            // The typed task's weight is worked out from the scores, so the weights stay off screen.
            case .exercise: [.scores, .outputs]
            }
        }
    }

    enum Action: Hashable, Sendable {
        case previous, next, mask, replace
    }

    enum Panel: String, LessonPanel {
        /// QKᵀ/√d_k, −∞ above the diagonal when masked.
        case scores
        /// softmax of each row: 0 above the diagonal when masked.
        case weights
        /// weights·V, beside the outputs the sentence had with its last word before the change.
        case outputs
        /// Not a table: what Enter opens on the focused one, worked out live where the screen is tall.
        case working
    }

    static let opening = ValuesLesson.sentence
    /// The words `w` puts last, in turn (the first is the sentence's own).
    static let lastWords = ["phone", "laptop", "banana", "cherry"]
    static let apple = opening.firstIndex(of: "apple")!
    /// a: the word whose row predicts the last word.
    static let article = opening.count - 2

    var masked = true
    /// The last word now, an index into `lastWords`.
    var last = 0
    /// The last word before the latest `w` (nil until it is pressed): the outputs compare against it.
    var previous: Int?
    /// The query row the tables mark and Enter works out.
    var selected = CausalMaskLesson.apple

    // MARK: Numbers

    /// The sentence with `lastWords[last]` at its end.
    static func sentence(last: Int) -> [String] { opening.dropLast() + [lastWords[last]] }

    var sentence: [String] { Self.sentence(last: last) }

    /// The head on the sentence ending with `lastWords[last]`, masked or not; the words' 13
    /// features come from the lexicon.
    static func result(last: Int, masked: Bool, _ workspace: Workspace) -> AttentionResult? {
        result(last: last, masked: masked, featureNames: workspace.featureNames, vector: workspace.vector(of:))
    }

    static func result(last: Int, masked: Bool, featureNames: [String], vector: (String) -> [Double]?) -> AttentionResult? {
        let words = sentence(last: last)
        let rows = words.compactMap(vector)
        guard rows.count == words.count else { return nil }
        let head = ValuesLesson.ownHead(featureNames: featureNames)
        return try? head.attend(Matrix(rows, columns: featureNames.count), causal: masked)
    }

    func result(_ workspace: Workspace) -> AttentionResult? { Self.result(last: last, masked: masked, workspace) }

    /// The outputs the sentence had with its previous last word, under the mask as it is now.
    func previousResult(_ workspace: Workspace) -> AttentionResult? {
        previous.flatMap { Self.result(last: $0, masked: masked, workspace) }
    }

    /// Whether row `row`'s output is exactly what it was with the previous last word.
    func keepsItsOutput(_ row: Int, _ workspace: Workspace) -> Bool? {
        guard let now = result(workspace), let before = previousResult(workspace) else { return nil }
        return now.output.row(row) == before.output.row(row)
    }

    // MARK: Keys

    func keys(at step: Step) -> [LessonKey<Action>] {
        [
            LessonKey(
                [.up, .character("k")], Action.previous, help: "select the previous word's row", label: "↑/↓", short: "row",
                showsInStatusBar: step != .exercise),
            LessonKey(
                [.down, .character("j")], .next, help: "select the next word's row", label: "↓/j", short: "row", showsInStatusBar: false),
            LessonKey([.character("m")], .mask, help: "switch the causal mask on or off", short: "mask"),
            LessonKey(
                [.character("w")], .replace, help: "replace the last word (phone, laptop, banana, cherry in turn)", short: "last word"),
        ]
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        masked = true
        last = 0
        previous = nil
        selected = step == .minusInfinity ? 0 : Self.apple
        workspace.show(sentence, selecting: sentence[selected])
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        switch action {
        case .previous, .next:
            let count = sentence.count
            selected = (selected + (action == .next ? 1 : count - 1)) % count
            workspace.select(sentence[selected])
            return nil
        case .mask:
            masked.toggle()
            return masked ? "mask on: each word sees itself and the words before it" : "mask off: every word sees every word"
        case .replace:
            previous = last
            last = (last + 1) % Self.lastWords.count
            workspace.show(sentence, selecting: sentence[selected])
            return LessonResponse(
                message: "last word: \(Self.lastWords[previous!]) → \(Self.lastWords[last])", focus: .panel(Panel.outputs))
        }
    }

    // MARK: Panels

    /// Tab order: the weights first where the step's Try opens them; on screen the scores stay left of the weights.
    func panels(at step: Step) -> [Focus] {
        (step == .minusInfinity ? step.panels.reversed() : step.panels).map { .panel($0) }
    }

    /// The tables' rows: frame, two header lines, five words and the summary.
    static let tablesHeight = 10

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        WorkingPanel.layout(
            state, body: body, panels: step.panels.map { .panel($0) }, weights: [1, 1], tablesHeight: Self.tablesHeight,
            working: step == .exercise ? nil : .panel(Panel.working))
    }

    /// The table the working panel works out: the focused one, else the first in Tab order.
    func workedPanel(at step: Step, focus: Focus) -> Panel {
        if case .own(let name) = focus, let panel = Panel(rawValue: name.rawValue), panel != .working { return panel }
        return (step == .minusInfinity ? step.panels.last : step.panels.first) ?? .weights
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        let workspace = state.workspace
        if panel == .working {
            WorkingPanel.draw(explain(workedPanel(at: step, focus: state.focus), at: step, state: state), into: &buffer, area: area)
            return
        }
        guard let result = result(workspace) else {
            Frame(title: "No numbers").render(into: &buffer, area: area)
            return
        }
        let why = focused && step.kind == .explore ? "Enter why" : nil
        let mask = masked ? "masked" : "no mask"
        switch panel {
        case .scores:
            drawGrid(
                title: "scores QKᵀ/√d_k · \(mask)", values: result.scores, maskedText: "-∞", why: why, focused: focused,
                colorMode: colorMode,
                into: &buffer, area: area)
        case .weights:
            drawGrid(
                title: "weights · \(mask)", values: result.weights, maskedText: "0", why: why, focused: focused, colorMode: colorMode,
                into: &buffer, area: area)
        case .outputs:
            drawOutputs(result, workspace: workspace, why: why, focused: focused, into: &buffer, area: area)
        case .working: break
        }
    }

    /// A word-by-word table; with the mask the cells above the diagonal hold `maskedText`
    /// (−∞ or 0), dimmed and uncoloured, so the triangle the mask takes out reads at a glance.
    private func drawGrid(
        title: String, values: Matrix, maskedText: String, why: String?, focused: Bool, colorMode: ColorMode, into buffer: inout Buffer,
        area: Rect
    ) {
        let inner = Frame(title: title, trailingTitle: why, isFocused: focused).draw(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        let words = sentence
        let isMasked = { (i: Int, j: Int) in self.masked && j > i }
        let cells = values.rowVectors.enumerated().map { i, row in
            row.enumerated().map { j, value in isMasked(i, j) ? nil : Optional(value) }
        }
        let heatmap = Heatmap(
            rowLabels: words, columnLabels: words, values: cells, colorMode: colorMode, selectedRow: selected, rowLabelWidth: 6,
            cellWidth: max(4, min(8, (inner.width - 7) / max(1, words.count))))
        heatmap.render(into: &buffer, area: inner)
        let g = heatmap.geometry(in: inner)
        for row in 0..<g.visibleRows {
            for column in 0..<g.visibleColumns where isMasked(g.firstRow + row, g.firstColumn + column) {
                let right = g.gridX + (column + 1) * g.cellWidth
                let cell = Rect(x: right - g.cellWidth, y: g.gridY + row, width: g.cellWidth, height: 1)
                buffer.fill(cell, style: .plain)
                let style = Style(modifiers: g.firstRow + row == selected ? [.dim, .bold] : [.dim])
                buffer.write(maskedText, x: right - DisplayWidth.of(maskedText), y: cell.y, style: style, clip: inner)
            }
        }
    }

    /// Each word's output (fruit, tech); after `w`, beside the outputs with the previous last
    /// word, each row marked = (bit for bit the same) or ≠.
    private func drawOutputs(
        _ result: AttentionResult, workspace: Workspace, why: String?, focused: Bool, into buffer: inout Buffer, area: Rect
    ) {
        let inner = Frame(title: "outputs weights·V", trailingTitle: why, isFocused: focused).draw(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        let before = previousResult(workspace)
        let pair = { (values: [Double]) in values.map { NumberFormat.pad(NumberFormat.fixed($0, decimals: 2), 6) }.joined() }
        var lines: [(String, Style)] = []
        if let before, let previous {
            lines.append(
                (
                    NumberFormat.padRight("", 7) + NumberFormat.padRight("with \(Self.lastWords[previous])", 13)
                        + "with \(Self.lastWords[last])",
                    Style(modifiers: [.dim])
                ))
            lines.append((NumberFormat.padRight("", 7) + " fruit  tech  fruit  tech", Style(modifiers: [.dim])))
            for (row, word) in sentence.enumerated() {
                let same = before.output.row(row) == result.output.row(row)
                lines.append(
                    (
                        NumberFormat.padRight(word, 7) + pair(before.output.row(row)) + " " + pair(result.output.row(row))
                            + (same ? "  =" : "  ≠"),
                        row == selected ? Style(modifiers: [.bold]) : .plain
                    ))
            }
            let kept = sentence.indices.filter { before.output.row($0) == result.output.row($0) }.count
            lines.append(("\(kept) of \(sentence.count) rows exactly equal", Style(modifiers: [.bold])))
        } else {
            lines.append((NumberFormat.padRight("", 7) + " fruit  tech", Style(modifiers: [.dim])))
            for (row, word) in sentence.enumerated() {
                lines.append(
                    (NumberFormat.padRight(word, 7) + pair(result.output.row(row)), row == selected ? Style(modifiers: [.bold]) : .plain))
            }
            lines.append(("w replaces \(Self.lastWords[last]): = marks what stays", Style(modifiers: [.dim])))
        }
        for (row, (line, style)) in lines.enumerated() where inner.y + row < inner.bottom {
            buffer.write(line, x: inner.x, y: inner.y + row, style: style, maxWidth: inner.width)
        }
    }

    // MARK: Enter

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        if panel == .working { return explain(workedPanel(at: step, focus: state.focus), at: step, state: state) }
        guard let result = result(state.workspace) else { return nil }
        let words = sentence
        let row = selected
        let word = words[row]
        let number = { (value: Double) in NumberFormat.fixed(value, decimals: 2) }
        switch panel {
        case .scores:
            var lines = ["score(\(word), j) = q(\(word))·k(j) / √2", ""]
            for (j, other) in words.enumerated() {
                let raw = dot(result.queries.row(row), result.keys.row(j))
                lines.append(
                    NumberFormat.padRight(other, 7)
                        + (masked && j > row
                            ? "-∞  (after \(word): masked)"
                            : "\(number(raw)) / \(number(2.0.squareRoot())) = \(number(result.scores[row, j]))"))
            }
            if masked { lines += ["", "The mask puts −∞ wherever the key comes after the query."] }
            return Explanation(title: "\(word)'s scores\(masked ? ", masked" : "")", lines: lines)
        case .weights:
            var lines = ValuesLesson.softmaxLines(result, row: row, column: row, words: words, temperature: 1)
            if masked && row < words.count - 1 {
                lines += [
                    "", "e^(−∞) = 0: the \(words.count - 1 - row) masked word\(words.count - 2 - row == 0 ? "" : "s") get exactly 0,",
                    "and the rest still sum to 1.",
                ]
            }
            return Explanation(title: "softmax of \(word)'s scores", lines: lines)
        case .outputs:
            var lines = ValuesLesson.sumLines(
                labels: words, left: result.weights.row(row), right: result.values.transposed.row(0), header: "w(\(word),j) × V[j,fruit]",
                total: result.output[row, 0])
            if masked && row < words.count - 1 {
                lines += ["", "The words after \(word) have weight 0: no change to them reaches this row."]
            }
            return Explanation(title: "\(word)'s fruit output", lines: lines)
        case .working: return nil
        }
    }

    // MARK: Exercise

    /// apple's weight on itself under the mask: the typed task.
    static func appleOnItself(_ workspace: Workspace) -> Double? { result(last: 0, masked: true, workspace)?.weights[apple, apple] }

    /// Whether a's output differs from what it is with phone last, under the mask as it is now: the keys task.
    func articleChanged(_ workspace: Workspace) -> (changed: Bool, now: Double, withPhone: Double)? {
        articleChanged(featureNames: workspace.featureNames, vector: workspace.vector(of:))
    }

    func articleChanged(featureNames: [String], vector: (String) -> [Double]?) -> (changed: Bool, now: Double, withPhone: Double)? {
        guard let now = Self.result(last: last, masked: masked, featureNames: featureNames, vector: vector),
            let withPhone = Self.result(last: 0, masked: masked, featureNames: featureNames, vector: vector)
        else { return nil }
        let row = Self.article
        return (now.output.row(row) != withPhone.output.row(row), now.output[row, 1], withPhone.output[row, 1])
    }

    /// The exercise's numbers on the built-in lexicon, as the workspace reads them: the solutions.
    static let solutions: (appleOnItself: Double?, changeKeys: String) = {
        let lexicon = Vocabulary.builtIn()
        let names = lexicon.lexicon?.featureNames ?? []
        let vector = { (word: String) in lexicon.table.index(of: word).map { lexicon.table.vector(at: $0) } }
        let weight = result(last: 0, masked: true, featureNames: names, vector: vector)?.weights[apple, apple]
        return (weight, changeKeys(featureNames: names, vector: vector))
    }()

    /// The fewest presses of m and w that change a's output, from the exercise's opening.
    static func changeKeys(featureNames: [String], vector: (String) -> [Double]?) -> String {
        var frontier = [(lesson: CausalMaskLesson(), keys: "")]
        for _ in 0..<5 {
            var next: [(lesson: CausalMaskLesson, keys: String)] = []
            for (lesson, keys) in frontier {
                if lesson.articleChanged(featureNames: featureNames, vector: vector)?.changed == true { return keys }
                var masked = lesson
                masked.masked.toggle()
                var replaced = lesson
                replaced.previous = replaced.last
                replaced.last = (replaced.last + 1) % lastWords.count
                next += [(masked, keys + "m"), (replaced, keys + "w")]
            }
            frontier = next
        }
        return ""
    }

    static func number(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }

    func exercise(at step: Step) -> Exercise<CausalMaskLesson>? {
        let number = Self.number
        return Exercise([
            ExerciseTask(
                id: "apple-on-itself", question: "With the mask, what weight does apple give itself? (2 decimals)",
                answer: .number(quantity: "apple → apple, masked", decimals: 2) { _, workspace in Self.appleOnItself(workspace) },
                solution: "<Enter>\(Self.solutions.appleOnItself.map(number) ?? "")<Enter>",
                hint: "apple's row has two scores and three −∞: softmax of the two, e^(−∞) = 0",
                explanation: { _, workspace in
                    guard let result = Self.result(last: 0, masked: true, workspace) else { return [] }
                    let (an, own) = (result.scores[Self.apple, 0], result.scores[Self.apple, Self.apple])
                    return [
                        "apple sees an (score \(number(an))) and itself (\(number(own))); the rest are −∞, e^(−∞) = 0:",
                        "e^\(number(own)) / (e^\(number(an)) + e^\(number(own))) = \(NumberFormat.fixed(result.weights[Self.apple, Self.apple], decimals: 3))",
                    ]
                }),
            ExerciseTask(
                id: "reach-a", question: "Change “a”'s output by changing only the last word.",
                answer: .keys { lesson, workspace in
                    guard let check = lesson.articleChanged(workspace) else { return TaskCheck(false, "no outputs") }
                    let now = lesson.last == 0 ? "" : " with \(Self.lastWords[lesson.last]), \(number(check.withPhone))"
                    return TaskCheck(
                        check.changed, "a's tech \(number(check.now))\(now) with phone, mask \(lesson.masked ? "on" : "off")")
                },
                solution: Self.solutions.changeKeys,
                hint: "with the mask, no word after a can reach a's row",
                explanation: { _, _ in
                    [
                        "With the mask, a's weights on the last word are 0: any last word leaves a's output as it is.",
                        "Switch the mask off (m), then replace the last word (w): a's row now reads it.",
                    ]
                }),
        ])
    }
}
