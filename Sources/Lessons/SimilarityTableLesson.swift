import AttnApp
import AttnMath
import TUIKit

/// Lesson 6: every pair's score in one table, and how to read it — the diagonal, the
/// two blocks, a row. Each step walks the highlighted cell along the part it talks about.
struct SimilarityTableLesson: Lesson, Equatable {
    static let id = "similarity-table"

    enum Step: String, LessonStep {
        case table, diagonal, blocks, row
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
            case .table: "cell"
            case .diagonal: "diagonal cell"
            case .blocks: "block cell"
            case .row: "cell of apple's row"
            }
        return [
            LessonKey([.character("n")], .next, help: "highlight the next \(part)", short: "next cell"),
            LessonKey([.character("b")], .previous, help: "highlight the previous \(part)", short: "back"),
        ]
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> {
        step == .row ? [.up, .down, .cycleMetric, .open, .addWord, .removeWord] : [.up, .down, .cycleMetric, .open]
    }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        // The last step keeps words the learner added (until `r`); the others show the table as it starts.
        if step != .row || !hasShownWords || !workspace.words.map(\.word).starts(with: Self.words) {
            workspace.show(Self.words, selecting: "apple", metric: .cosine)
            hasShownWords = true
        }
        let start =
            switch step {
            case .table: ("apple", "phone")
            case .diagonal: ("banana", "banana")
            case .blocks: ("banana", "cherry")
            case .row: ("apple", "orange")
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
        case .table: return all
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
        // Both tables side by side need about 46 columns each; below that, one table beside the cell panel.
        if body.width >= 96 {
            let tableHeight = min(state.words.count + 5, rows[1].height - 5)
            let parts = Layout.split(rows[1], .vertical, [.length(tableHeight), .fill(1)])
            return LessonLayout(
                [PanelPlacement(.text, rows[0]), PanelPlacement(.heatmap, parts[0]), PanelPlacement(.panel(Panel.cell), parts[1])],
                heatmapsSideBySide: true)
        }
        let columns = Layout.split(rows[1], .horizontal, [.percentage(62), .fill(1)])
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
        var text = reading
        // Where there is room, the products behind the dot product too: the whole table or none of it.
        if let detail = explain(panel, at: step, state: state),
            inner.height >= Paragraph(text).lineCount(width: inner.width) + 1 + detail.lines.count
        {
            text.append("\n\n" + detail.lines.joined(separator: "\n"), style: Style(modifiers: [.dim]))
        }
        Paragraph(text).render(into: &buffer, area: inner)
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
        text.append(Self.meaning(cosine: cosine, dot: dot, same: row == column, a: a) + " It sits " + Self.place(a, b) + ".")
        return text
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
    static func place(_ a: String, _ b: String) -> String {
        if a == b { return "on the diagonal" }
        if a == "apple" || b == "apple" { return "in apple's \(a == "apple" ? "row" : "column")" }
        // A word the learner added has its row and column after the lesson's words.
        if let added = [a, b].first(where: { !words.contains($0) }) { return "outside the blocks: \(added) was added after them" }
        let (fa, fb) = (fruits.contains(a), fruits.contains(b))
        let (ta, tb) = (tech.contains(a), tech.contains(b))
        if fa && fb { return "in the fruit block" }
        if ta && tb { return "in the tech block" }
        if (fa && tb) || (ta && fb) { return "between the blocks" }
        return "outside the blocks"
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        guard state.words.indices.contains(state.selected), state.words.indices.contains(state.column) else { return nil }
        let detail = ComputationDetail.score(
            state.words[state.selected], state.words[state.column], metric: .cosine, featureNames: state.featureNames)
        return Explanation(title: detail.title, lines: detail.lines)
    }
}
