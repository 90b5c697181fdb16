// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// Lesson 6: every pair's score in one table, and how to read it — the diagonal, the
/// two blocks, a row. Each step walks the highlighted cell along the part it talks about.
struct SimilarityTableLesson: Lesson, Equatable {
    static let id = "similarity-table"

    enum Step: String, LessonStep {
        case table, diagonal, blocks, row, exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }
    }

    enum Action: Hashable, Sendable {
        case next, previous
    }

    enum Panel: String, LessonPanel {
        /// The highlighted cell, read in words.
        case cell
    }

    static let fruits = ["banana", "cherry", "grape", "orange"]
    static let tech = ["phone", "laptop", "television"]
    /// apple between the blocks, so its row and column cross both.
    static let words = fruits + ["apple"] + tech

    /// Whether this lesson value has put its words in play: a fresh value (`r`) starts them again.
    var hasShownWords = false

    func keys(at step: Step) -> [LessonKey<Action>] {
        let part =
            switch step {
            case .table, .exercise: "cell"
            case .diagonal: "diagonal cell"
            case .blocks: "block cell"
            case .row: "cell of apple's row"
            }
        // One entry in the status bar for both, so the shared keys the text names (m) fit at 80 columns.
        return [
            LessonKey([.character("n")], .next, help: "highlight the next \(part) (b: the previous)", label: "n/b", short: "cell"),
            LessonKey([.character("b")], .previous, help: "highlight the previous \(part)", short: "", showsInStatusBar: false),
        ]
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> {
        // The row step adds a word (its Try); no d, so m still shows in the status bar at 80 columns.
        // The exercise's n/b visit every cell, so ↑/↓ give their room to the exercise's keys and m.
        switch step {
        case .row: [.up, .down, .cycleMetric, .open, .addWord]
        case .exercise: [.cycleMetric, .open]
        default: [.up, .down, .cycleMetric, .open]
        }
    }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        // The last explore step and the exercise keep words the learner added (until `r`); the
        // others show the table as it starts. The exercise reads the dot products.
        let names = workspace.words.map(\.word)
        let keeps = (step == .row || step == .exercise) && hasShownWords && names.starts(with: Self.words)
        if !keeps || step == .exercise {
            workspace.show(keeps ? names : Self.words, selecting: "apple", metric: step == .exercise ? .dot : .cosine)
            hasShownWords = true
        }
        let start =
            switch step {
            case .table: ("apple", "phone")
            case .diagonal: ("banana", "banana")
            case .blocks: ("banana", "cherry")
            case .row: ("apple", "orange")
            case .exercise: ("apple", "orange")
            }
        highlight(row: start.0, column: start.1, workspace: &workspace)
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        let cells = tour(step: step, words: workspace.words.map(\.word))
        guard !cells.isEmpty else { return "no cells to visit" }
        let here = cells.firstIndex { $0.row == workspace.selected && $0.column == workspace.column }
        let next =
            switch (action, here) {
            case (.next, let index?): (index + 1) % cells.count
            case (.previous, let index?): (index - 1 + cells.count) % cells.count
            default: 0
            }
        workspace.highlight(row: cells[next].row, column: cells[next].column)
        // The heatmap marks the cell only while it has the focus (the app focuses it where every panel shows).
        return LessonResponse(focus: .heatmap)
    }

    /// The cells this step's n/b walk through, in order: all of them, the diagonal, the
    /// blocks then the pairs between them, apple's row.
    func tour(step: Step, words: [String]) -> [Heatmap.Position] {
        let all = words.indices.flatMap { row in words.indices.map { Heatmap.Position(row: row, column: $0) } }
        let index = { (name: String) in words.firstIndex(of: name) }
        let fruits = Self.fruits.compactMap(index)
        let tech = Self.tech.compactMap(index)
        let pairs = { (rows: [Int], columns: [Int]) in
            rows.flatMap { row in columns.filter { rows != columns || $0 > row }.map { Heatmap.Position(row: row, column: $0) } }
        }
        switch step {
        case .table, .exercise: return all
        case .diagonal: return words.indices.map { Heatmap.Position(row: $0, column: $0) }
        case .blocks: return pairs(fruits, fruits) + pairs(tech, tech) + pairs(fruits, tech)
        case .row: return all.filter { $0.row == index("apple") }
        }
    }

    private func highlight(row: String, column: String, workspace: inout Workspace) {
        guard let row = workspace.index(of: row) else { return }
        workspace.highlight(row: row, column: workspace.index(of: column) ?? workspace.column)
    }

    func panels(at step: Step) -> [Focus] { [.heatmap, .panel(Panel.cell)] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        let textHeight = min(StepTextPanel.height(state, width: body.width), max(3, body.height / 2))
        let rows = Layout.split(body, .vertical, [.length(textHeight), .fill(1)])
        // A table whose every cell holds two decimals: labels cut to 6, cells of 5, its frame.
        let table = 9 + 5 * max(1, state.words.count)
        // Both tables side by side where both keep two decimals; else one table beside the cell panel.
        if body.width >= max(96, 2 * table - 1) {
            let tableHeight = min(state.words.count + 5, rows[1].height - 5)
            let parts = Layout.split(rows[1], .vertical, [.length(tableHeight), .fill(1)])
            return LessonLayout(
                [PanelPlacement(.text, rows[0]), PanelPlacement(.heatmap, parts[0]), PanelPlacement(.panel(Panel.cell), parts[1])],
                heatmapsSideBySide: true)
        }
        let width = min(max(body.width * 62 / 100, table), body.width - 24)
        let columns = Layout.split(rows[1], .horizontal, [.length(width), .fill(1)])
        return LessonLayout([
            PanelPlacement(.text, rows[0]), PanelPlacement(.heatmap, columns[0]), PanelPlacement(.panel(Panel.cell), columns[1]),
        ])
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        let frame = Frame(title: "The highlighted cell", trailingTitle: focused ? "Enter why" : nil, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard let reading = reading(state) else {
            Paragraph("no words: press a to add one").render(into: &buffer, area: inner)
            return
        }
        guard var detail = explain(panel, at: step, state: state) else {
            Paragraph(reading).render(into: &buffer, area: inner)
            return
        }
        // The exercise asks for a length: the products and their sum, not the lengths.
        if step == .exercise { detail.lines.removeAll { $0.hasPrefix("|") || $0.hasPrefix("cosine") } }
        // Where there is room, how both scores were computed: beside the reading on a wide
        // panel, under it on a tall one; the whole computation or none of it.
        let width = detail.lines.map { DisplayWidth.of($0) }.max() ?? 0
        let readingWidth = min(44, inner.width - width - 3)
        if readingWidth >= 24, let lines = Self.fitting(detail, state: state, rows: inner.height) {
            let left = Rect(x: inner.x, y: inner.y, width: readingWidth, height: inner.height)
            Paragraph(reading).render(into: &buffer, area: left)
            let right = Rect(x: left.right + 3, y: inner.y, width: inner.right - left.right - 3, height: inner.height)
            Paragraph(StyledText(lines.joined(separator: "\n"), style: Style(modifiers: [.dim]))).render(into: &buffer, area: right)
            return
        }
        var text = reading
        let used = Paragraph(text).lineCount(width: inner.width) + 1
        if let lines = Self.fitting(detail, state: state, rows: inner.height - used) {
            text.append("\n\n" + lines.joined(separator: "\n"), style: Style(modifiers: [.dim]))
        }
        Paragraph(text).render(into: &buffer, area: inner)
    }

    /// The computation's lines in `rows`: whole, else without the features whose product is 0
    /// (counted in a line of their own); nil when even that does not fit.
    static func fitting(_ detail: Explanation, state: AppState, rows: Int) -> [String]? {
        // Its lines: a header, one per feature, a blank line, then the sums.
        let lines = detail.lines.filter { !$0.isEmpty }
        if lines.count <= rows { return lines }
        let features = state.featureNames.count
        guard lines.count > features, state.words.indices.contains(state.selected), state.words.indices.contains(state.column)
        else { return nil }
        let products = elementwiseProducts(state.words[state.selected].vector, state.words[state.column].vector)
        let kept = products.indices.filter { products[$0] != 0 }
        let compact =
            [lines[0]] + kept.map { lines[1 + $0] } + ["\(features - kept.count) more features: a 0, so product 0"]
            + lines[(1 + features)...]
        return compact.count <= rows ? compact : nil
    }

    /// The highlighted cell in words: which pair, both scores, what they say and where the cell is.
    func reading(_ state: AppState) -> StyledText? {
        let (row, column) = (state.selected, state.column)
        guard state.words.indices.contains(row), state.words.indices.contains(column) else { return nil }
        let (a, b) = (state.words[row].word, state.words[column].word)
        let cosine = state.analysis.cosine[row, column]
        let dot = state.analysis.dot[row, column] ?? 0
        var text = StyledText("\(a) × \(b)\n", style: Style(modifiers: [.bold]))
        text.append("cosine \(NumberFormat.fixed(cosine, decimals: 2)) · dot \(NumberFormat.fixed(dot, decimals: 2))\n")
        text.append(
            Self.meaning(cosine: cosine, dot: dot, same: row == column, a: a) + " It sits "
                + Self.place(state.words[row], state.words[column]) + ".")
        // The dot product's own lesson, wherever the learner meets it in the table.
        if let itself = state.analysis.dot[row, row], row != column, dot > itself {
            let shown = Self.apart(dot, itself)
            text.append("\nWith the dot product \(a) scores \(b) (\(shown.0)) above itself (\(shown.1)): \(b) is the longer vector.")
        }
        return text
    }

    /// Two scores with two decimals, or with four where two do not tell them apart
    /// (banana·cherry 2.8525 against banana·banana 2.8475, not 2.85 against 2.85): four are
    /// exact for the lexicon's dot products, as the dot-product lesson shows them, where three would round.
    static func apart(_ x: Double, _ y: Double) -> (String, String) {
        let decimals = x != y && NumberFormat.fixed(x, decimals: 2) == NumberFormat.fixed(y, decimals: 2) ? 4 : 2
        return (NumberFormat.fixed(x, decimals: decimals), NumberFormat.fixed(y, decimals: decimals))
    }

    static func meaning(cosine: Double?, dot: Double, same: Bool, a: String) -> String {
        if same { return "A word with itself: cosine 1, dot = |\(a)|², its squared length." }
        guard let cosine else { return "Cosine is undefined (a zero vector)." }
        switch cosine {
        case 0.7...: return "Very alike: they share most features."
        case 0.3..<0.7: return "Somewhat alike: some features shared."
        case -0.1..<0.3: return "Unrelated: few features in common."
        default: return "Below 0: their features pull opposite ways."
        }
    }

    /// Where the cell sits in the table, in the lesson's terms.
    static func place(_ a: WordInPlay, _ b: WordInPlay) -> String {
        if a.word == b.word { return "on the diagonal" }
        if a.word == "apple" || b.word == "apple" { return "in apple's \(a.word == "apple" ? "row" : "column")" }
        // A word the learner added belongs with its kind, though its row and column come last.
        let added = [a, b].first { !words.contains($0.word) }
        let last = added.map { ", though \($0.word)'s row and column come last: it was added" } ?? ""
        switch (group(of: a), group(of: b)) {
        case ("fruit"?, "fruit"?): return "in the fruit block" + last
        case ("tech"?, "tech"?): return "in the tech block" + last
        case (_?, _?): return "between the blocks" + last
        default: return "outside the blocks" + (added.map { ": \($0.word) is neither a fruit nor tech" } ?? "")
        }
    }

    /// The block a word belongs to: the lesson's fruits and electronics, and added words of those kinds.
    static func group(of word: WordInPlay) -> String? {
        if fruits.contains(word.word) { return "fruit" }
        if tech.contains(word.word) { return "tech" }
        guard !words.contains(word.word) else { return nil }
        return ["fruit": "fruit", "electronics": "tech"][word.category]
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        guard state.words.indices.contains(state.selected), state.words.indices.contains(state.column) else { return nil }
        let detail = ComputationDetail.score(
            state.words[state.selected], state.words[state.column], metric: .cosine, featureNames: state.featureNames)
        return Explanation(title: detail.title, lines: detail.lines)
    }
}

// MARK: The exercise

extension SimilarityTableLesson {
    /// The pair the diagonal step names: the exercise asks for another.
    static let namedPair = ("grape", "cherry")
    /// The word whose length the exercise asks for: one whose length no lesson before has
    /// shown (the cosine lesson works out banana's, apple's, cherry's, phone's and orange's).
    static let measured = "laptop"

    func exercise(at step: Step) -> Exercise<SimilarityTableLesson>? {
        guard step == .exercise else { return nil }
        return Exercise([
            ExerciseTask(
                id: "beats-itself", question: "Highlight a cell that beats its row's diagonal (not grape × cherry).",
                answer: .keys { _, workspace in Self.beatsItself(workspace) },
                solution: "b",
                hint: "compare each cell of a row with the row's diagonal cell in the dot-product table",
                explanation: { _, workspace in Self.cellsBeatingItself(workspace) }),
            ExerciseTask(
                id: "length", question: "Read the table: how long is \(Self.measured)'s vector, |\(Self.measured)|, to 2 decimals?",
                answer: .number(quantity: "|\(Self.measured)|", decimals: 2) { _, workspace in
                    workspace.vector(of: Self.measured).map { norm($0) }
                },
                solution: "<Enter>\(NumberFormat.fixed(norm(LexiconVectors.vector(Self.measured)), decimals: 2))<Enter>",
                hint: "the diagonal of the dot-product table holds each word's squared length",
                explanation: { _, workspace in
                    guard let vector = workspace.vector(of: Self.measured) else { return ["\(Self.measured) is missing"] }
                    let squared = dot(vector, vector)
                    return [
                        "\(Self.measured)·\(Self.measured) = |\(Self.measured)|² = \(NumberFormat.fixed(squared, decimals: 4)) (the diagonal)",
                        "|\(Self.measured)| = √\(NumberFormat.fixed(squared, decimals: 4)) = \(NumberFormat.fixed(norm(vector), decimals: 4))",
                    ]
                }),
        ])
    }

    /// Whether the highlighted cell's dot product beats its row word's with itself.
    static func beatsItself(_ workspace: Workspace) -> TaskCheck {
        let words = workspace.words
        let (row, column) = (workspace.selected, workspace.column)
        guard words.indices.contains(row), words.indices.contains(column) else { return TaskCheck(false, "no cell highlighted") }
        let (a, b) = (words[row], words[column])
        let score = dot(a.vector, b.vector)
        let itself = dot(a.vector, a.vector)
        let shown = apart(score, itself)
        let compared = "\(a.word)·\(b.word) \(shown.0) \(score > itself ? ">" : "≤") \(a.word)·\(a.word) \(shown.1)"
        if (a.word, b.word) == namedPair { return TaskCheck(false, "\(compared), the step's own example: find another") }
        return TaskCheck(row != column && score > itself, compared)
    }

    /// Every such cell of the table now, for the worked answer.
    static func cellsBeatingItself(_ workspace: Workspace) -> [String] {
        let words = workspace.words
        var lines: [String] = []
        for a in words {
            let itself = dot(a.vector, a.vector)
            for b in words where b.word != a.word && dot(a.vector, b.vector) > itself && (a.word, b.word) != namedPair {
                let shown = apart(dot(a.vector, b.vector), itself)
                lines.append("row \(a.word), column \(b.word): \(shown.0) > \(shown.1), \(a.word) with itself")
            }
        }
        return lines.isEmpty ? ["no such cell among these words"] : lines + ["n and b move the highlighted cell"]
    }
}
