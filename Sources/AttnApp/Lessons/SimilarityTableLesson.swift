import AttnMath
import TUIKit

/// Lesson 6: every pair's score in one table, and how to read it — the diagonal, the
/// two blocks, a row. Each step walks the highlighted cell along the part it talks about.
struct SimilarityTableLesson: Lesson, Equatable {
    let script = LessonScript.load("06-similarity-table")

    static let fruits = ["banana", "cherry", "grape", "orange"]
    static let tech = ["phone", "laptop", "television"]
    /// apple between the blocks, so its row and column cross both.
    static let words = fruits + ["apple"] + tech

    /// Whether this lesson value has put its words in play: a fresh value (`r`) starts them again.
    var hasShownWords = false

    func keys(step: Int) -> [LessonKey] {
        let part = ["cell", "diagonal cell", "block cell", "cell of apple's row"][min(step, 3)]
        return [
            LessonKey([.character("n")], "next", help: "highlight the next \(part)", short: "next cell"),
            LessonKey([.character("b")], "previous", help: "highlight the previous \(part)", short: "back"),
        ]
    }

    func sharedCommands(step: Int) -> Set<AppCommand> {
        step == 3 ? [.up, .down, .cycleMetric, .open, .addWord, .removeWord] : [.up, .down, .cycleMetric, .open]
    }

    mutating func enter(step: Int, app: inout AppState) {
        // The last step keeps words the learner added (until `r`); the others show the table as it starts.
        if step < 3 || !hasShownWords || !app.words.map(\.word).starts(with: Self.words) {
            app.show(Self.words, selecting: "apple", metric: .cosine)
            hasShownWords = true
        }
        let start = [("apple", "phone"), ("banana", "banana"), ("banana", "cherry"), ("apple", "orange")][step]
        highlight(row: start.0, column: start.1, app: &app)
        app.focus = .heatmap
    }

    mutating func perform(_ action: String, step: Int, app: inout AppState) -> String? {
        let cells = tour(step: step, words: app.words.map(\.word))
        guard !cells.isEmpty else { return "no cells to visit" }
        let here = cells.firstIndex { $0.row == app.selected && $0.column == app.column }
        let next =
            switch (action, here) {
            case ("next", let index?): (index + 1) % cells.count
            case ("previous", let index?): (index - 1 + cells.count) % cells.count
            default: 0
            }
        app.selected = cells[next].row
        app.column = cells[next].column
        app.recompute()
        // The heatmap marks the cell only while it has the focus; on a small screen, where one
        // panel shows at a time, the learner keeps the panel they are reading.
        if app.layout(for: app.size).kind == .full { app.focus = .heatmap }
        return nil
    }

    /// The cells this step's n/b walk through, in order: all of them, the diagonal, the
    /// blocks then the pairs between them, apple's row.
    func tour(step: Int, words: [String]) -> [Heatmap.Position] {
        let all = words.indices.flatMap { row in words.indices.map { Heatmap.Position(row: row, column: $0) } }
        let index = { (name: String) in words.firstIndex(of: name) }
        let fruits = Self.fruits.compactMap(index)
        let tech = Self.tech.compactMap(index)
        let pairs = { (rows: [Int], columns: [Int]) in
            rows.flatMap { row in columns.filter { rows != columns || $0 > row }.map { Heatmap.Position(row: row, column: $0) } }
        }
        switch step {
        case 0: return all
        case 1: return words.indices.map { Heatmap.Position(row: $0, column: $0) }
        case 2: return pairs(fruits, fruits) + pairs(tech, tech) + pairs(fruits, tech)
        default: return all.filter { $0.row == index("apple") }
        }
    }

    private func highlight(row: String, column: String, app: inout AppState) {
        app.select(row)
        app.column = app.words.firstIndex { $0.word == column } ?? app.column
    }

    func panels(step: Int) -> [Focus] { [.heatmap, .panel(0)] }

    func layout(step: Int, body: Rect, state: AppState) -> LessonLayout {
        let textHeight = min(StepTextPanel.height(state, width: body.width), max(3, body.height / 2))
        let rows = Layout.split(body, .vertical, [.length(textHeight), .fill(1)])
        // Both tables side by side need about 46 columns each; below that, one table beside the cell panel.
        if body.width >= 96 {
            let tableHeight = min(state.words.count + 5, rows[1].height - 5)
            let parts = Layout.split(rows[1], .vertical, [.length(tableHeight), .fill(1)])
            return LessonLayout(
                [PanelPlacement(.text, rows[0]), PanelPlacement(.heatmap, parts[0]), PanelPlacement(.panel(0), parts[1])],
                heatmapsSideBySide: true)
        }
        let columns = Layout.split(rows[1], .horizontal, [.percentage(62), .fill(1)])
        return LessonLayout([PanelPlacement(.text, rows[0]), PanelPlacement(.heatmap, columns[0]), PanelPlacement(.panel(0), columns[1])])
    }

    func draw(panel: Int, step: Int, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(0)
        let frame = Frame(title: "The highlighted cell", trailingTitle: focused ? "Enter why" : nil, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard let reading = reading(state) else {
            Paragraph("no words: press a to add one").render(into: &buffer, area: inner)
            return
        }
        var text = reading
        // Where there is room, the products behind the dot product too: the whole table or none of it.
        if let detail = explain(panel: 0, step: step, state: state),
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

    func explain(panel: Int, step: Int, state: AppState) -> Explanation? {
        guard state.words.indices.contains(state.selected), state.words.indices.contains(state.column) else { return nil }
        let detail = ComputationDetail.score(
            state.words[state.selected], state.words[state.column], metric: .cosine, featureNames: state.featureNames)
        return Explanation(title: detail.title, lines: detail.lines)
    }
}
