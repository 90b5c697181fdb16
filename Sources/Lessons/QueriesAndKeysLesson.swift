// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit
import Vocabularies

/// Queries and keys are linear maps. Two 2×2 matrices move the plane of two
/// features; the learner edits their entries (or picks a preset) and sees the words move and
/// the scores QKᵀ/√d_k change against the scores of the unmoved words.
struct QueriesAndKeysLesson: Lesson, Equatable {
    static let id = "queries-keys"

    enum Step: String, LessonStep {
        case identity, stretch, rotation, projection, swap, exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }

        /// The preset each step starts at: the one its text is about. The exercise starts at the
        /// rotation, where a query is no longer the word's own vector and every score is as before.
        var preset: Preset {
            switch self {
            case .identity: .identity
            case .stretch: .stretch
            case .rotation, .exercise: .rotation
            case .projection: .projection
            case .swap: .swap
            }
        }
    }

    enum Action: Hashable, Sendable {
        case previous, next, raise, lower, preset
    }

    enum Panel: String, LessonPanel {
        /// W_Q and W_K as numbers.
        case matrices
        /// The scores before and after.
        case scores
        /// The plane the matrices move.
        case plane
    }

    static let words = ["apple", "orange", "banana", "phone", "laptop"]
    /// The plane: fruit against screen, where the fruits and the electronics part and apple has
    /// some of both — but more fruit, so before any matrix apple scores orange above phone.
    static let features = ["fruit", "screen"]
    /// The step of `+`/`-`, and the range entries stay in (so the plane stays readable).
    static let increment = 0.1
    static let limit = 3.0

    /// Matrices worth seeing, `p` cycles them; each step starts at one.
    enum Preset: Int, CaseIterable, Hashable, Sendable {
        case identity, stretch, rotation, projection, swap

        var name: String {
            switch self {
            case .identity: "identity"
            case .stretch: "stretch fruit"
            case .rotation: "rotation 37°"
            case .projection: "projection"
            case .swap: "swap in W_Q"
            }
        }

        var query: Matrix {
            switch self {
            case .identity: .identity(2)
            case .stretch: Matrix([[2, 0], [0, 1]])
            // cos 36.87° = 0.8, sin = 0.6: a true rotation with entries a learner can read.
            case .rotation: Matrix([[0.8, 0.6], [-0.6, 0.8]])
            case .projection: Matrix([[1, 0], [0, 0]])
            case .swap: Matrix([[0, 1], [1, 0]])
            }
        }

        var key: Matrix { self == .swap ? .identity(2) : query }
    }

    var preset = Preset.identity
    var query = Matrix.identity(2)
    var key = Matrix.identity(2)
    /// The selected entry: 0–3 are W_Q's row by row, 4–7 are W_K's.
    var entry = 0

    // MARK: Numbers

    /// The words in play as rows of their two plane features (n × 2).
    static func input(_ state: AppState) -> Matrix { input(state.workspace) }

    static func input(_ workspace: Workspace) -> Matrix {
        let columns = features.compactMap { workspace.featureNames.firstIndex(of: $0) }
        return Matrix(workspace.words.map { word in columns.map { word.vector[$0] } }, columns: features.count)
    }

    /// The scores before (W_Q = W_K = identity) and after (this lesson's matrices); V is left
    /// as the identity since this lesson shows only the scores.
    func results(_ state: AppState) -> (before: AttentionResult, after: AttentionResult)? { results(state.workspace) }

    func results(_ workspace: Workspace) -> (before: AttentionResult, after: AttentionResult)? {
        let x = Self.input(workspace)
        let head = AttentionHead(query: query, key: key, value: .identity(2))
        guard let before = try? AttentionHead.identity(dimension: 2).attend(x), let after = try? head.attend(x) else { return nil }
        return (before, after)
    }

    var selectedMatrix: (name: String, matrix: Matrix, row: Int, column: Int) {
        let cell = entry % 4
        return entry < 4 ? ("W_Q", query, cell / 2, cell % 2) : ("W_K", key, cell / 2, cell % 2)
    }

    // MARK: Keys

    /// One status-bar entry per pair (↑/↓, +/-), so the step keys keep their place at 80 columns.
    func keys(at step: Step) -> [LessonKey<Action>] {
        [
            LessonKey(
                [.up, .character("k")], .previous, help: "select the previous matrix entry", label: "↑/↓", short: "entry"),
            LessonKey(
                [.down, .character("j")], .next, help: "select the next matrix entry (W_Q, then W_K)", label: "↓/j", short: "entry",
                showsInStatusBar: false),
            LessonKey([.character("+"), .character("=")], .raise, help: "raise the selected entry by 0.1", label: "+/-", short: "change"),
            LessonKey(
                [.character("-"), .character("_")], .lower, help: "lower the selected entry by 0.1", label: "-/_", short: "lower",
                showsInStatusBar: false),
            // In the exercise the text names p, and the key bar keeps its room for the exercise's keys.
            LessonKey(
                [.character("p")], .preset, help: "next preset: identity, stretch, rotation, projection, swap", short: "preset",
                showsInStatusBar: step != .exercise),
        ]
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        choose(step.preset)
        // In the swap the entry that sends fruit to screen is the one to look at.
        entry = preset == .swap ? 1 : 0
        workspace.show(Self.words, selecting: "apple")
    }

    private mutating func choose(_ preset: Preset) {
        self.preset = preset
        query = preset.query
        key = preset.key
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        switch action {
        case .previous, .next:
            entry = (entry + (action == .next ? 1 : 7)) % 8
        case .raise, .lower:
            let (name, matrix, row, column) = selectedMatrix
            // Rounded to the step so repeated presses show 1.3, not 1.3000000000000003.
            let value = ((matrix[row, column] + (action == .raise ? Self.increment : -Self.increment)) * 10).rounded() / 10
            var changed = matrix
            changed[row, column] = min(Self.limit, max(-Self.limit, value))
            if name == "W_Q" { query = changed } else { key = changed }
        case .preset:
            choose(Preset(rawValue: (preset.rawValue + 1) % Preset.allCases.count) ?? .identity)
            return "preset: \(preset.name)"
        }
        let (name, matrix, row, column) = selectedMatrix
        return "\(name)[\(Self.features[row]) → \(Self.features[column])] = \(NumberFormat.fixed(matrix[row, column], decimals: 1))"
    }

    /// The two scores the lesson is about, before → after: does apple look more at orange or at phone?
    /// In the exercise, apple's (fruit, screen): what its query is worked out from (the first task shows the scores).
    func liveText(at step: Step, state: AppState) -> String? {
        guard let (before, after) = results(state), let apple = state.words.firstIndex(where: { $0.word == "apple" }) else { return nil }
        if step == .exercise {
            let x = Self.input(state).row(apple)
            return "apple x = (\(x.map(Self.number).joined(separator: ", "))) as (fruit, screen)"
        }
        let pairs = ["orange", "phone"].compactMap { name in state.words.firstIndex { $0.word == name }.map { (name, $0) } }
        return "apple's scores, before → after: "
            + pairs.map { name, j in
                "\(name) \(Self.number(before.scores[apple, j])) → \(Self.number(after.scores[apple, j]))"
            }.joined(separator: " · ")
    }

    // MARK: Panels

    func panels(at step: Step) -> [Focus] { [.panel(Panel.matrices), .panel(Panel.scores), .panel(Panel.plane)] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        // The plane on the left; the matrices (a fixed few rows) above the two score tables on the right.
        let textHeight = min(StepTextPanel.height(state, width: body.width), max(3, body.height / 2))
        let rows = Layout.split(body, .vertical, [.length(textHeight), .fill(1)])
        let columns = Layout.split(rows[1], .horizontal, [.percentage(42), .fill(1)])
        let right = Layout.split(columns[1], .vertical, [.length(5), .fill(1)])
        return LessonLayout([
            PanelPlacement(.text, rows[0]), PanelPlacement(.panel(Panel.matrices), right[0]),
            PanelPlacement(.panel(Panel.scores), right[1]), PanelPlacement(.panel(Panel.plane), columns[0]),
        ])
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        // In the exercise Enter answers: no "Enter why" there.
        let why = focused && step.kind == .explore ? "Enter why" : nil
        switch panel {
        case .matrices: drawMatrices(focused: focused, why: why, colorMode: colorMode, into: &buffer, area: area)
        case .scores: drawScores(state, focused: focused, why: why, colorMode: colorMode, into: &buffer, area: area)
        case .plane:
            let showsKeys = entry >= 4
            QueryKeyPlane(
                title: showsKeys ? "Keys: x·W_K" : "Queries: x·W_Q", transform: showsKeys ? key : query,
                words: zip(state.words, Self.input(state).rowVectors).map { word, vector in
                    QueryKeyPlane.Word(label: word.word, vector: vector, category: word.category)
                },
                axisNames: (Self.features[0], Self.features[1]), selected: state.selected, isFocused: focused, colorMode: colorMode
            ).render(into: &buffer, area: area)
        }
    }

    /// W_Q and W_K side by side, as numbers; the selected entry reversed.
    private func drawMatrices(focused: Bool, why: String?, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        // Once an entry is changed the matrices are no longer the preset the title names.
        let edited = query != preset.query || key != preset.key ? ", edited" : ""
        let frame = Frame(
            title: "W_Q, W_K · 2×2 · \(preset.name)\(edited)", trailingTitle: why, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        let halves = Layout.split(inner, .horizontal, [.fill(1), .fill(1)], spacing: 1)
        for (index, (name, matrix)) in [("W_Q", query), ("W_K", key)].enumerated() {
            let half = halves[index]
            let labelWidth = 7
            let cellWidth = max(5, min(7, (half.width - labelWidth) / 2))
            buffer.write(
                NumberFormat.padRight(name, labelWidth)
                    + Self.features.map { NumberFormat.pad(DisplayWidth.truncate($0, to: cellWidth - 1), cellWidth) }.joined(),
                x: half.x, y: half.y, style: Style(modifiers: [.bold]), maxWidth: half.width)
            for row in 0..<2 where half.y + 1 + row < half.bottom {
                buffer.write(Self.features[row], x: half.x, y: half.y + 1 + row, maxWidth: min(labelWidth - 1, half.width))
                for column in 0..<2 {
                    let selected = entry == index * 4 + row * 2 + column
                    let text = NumberFormat.pad(NumberFormat.fixed(matrix[row, column], decimals: 1), cellWidth - 1)
                    let x = half.x + labelWidth + column * cellWidth + 1
                    guard x + cellWidth - 1 <= half.right else { continue }
                    buffer.write(text, x: x, y: half.y + 1 + row, style: selected ? Style(modifiers: [.reverse, .bold]) : .plain)
                }
            }
        }
    }

    /// The scores before and after, one colour scale for both so a change shows as a change of colour.
    private func drawScores(_ state: AppState, focused: Bool, why: String?, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let frame = Frame(title: "Scores QKᵀ/√2: before │ after", trailingTitle: why, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard !inner.isEmpty, let (before, after) = results(state) else { return }
        let labels = state.words.map(\.word)
        let tables = [("before: W = I", before.scores), ("after", after.scores)]
        let scale = ColorScale.fitting(before.scores.values + after.scores.values)
        // Side by side when both fit with numbers in their cells, else one above the other.
        let sideBySide = inner.width >= 2 * (6 + 1 + 7 * labels.count) + 1
        // Too short for two tables with a row each (title, header, row): the selected word's row,
        // before above after, in one table.
        if !sideBySide && inner.height < 6, state.words.indices.contains(state.selected) {
            let row = state.selected
            buffer.write(
                "\(labels[row])'s scores: before (W = I), after", x: inner.x, y: inner.y, style: Style(modifiers: [.bold]),
                maxWidth: inner.width)
            Heatmap(
                rowLabels: ["before", "after"], columnLabels: labels,
                values: [before.scores.row(row).map { Optional($0) }, after.scores.row(row).map { Optional($0) }], scale: scale,
                colorMode: colorMode, rowLabelWidth: 6, maxCellWidth: 7
            ).render(into: &buffer, area: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1))
            return
        }
        // Stacked tables take the rows they need (title, header, a row per word) when there is room.
        let tableHeight = labels.count + 2
        let stacked: [Constraint] =
            inner.height >= 2 * tableHeight + 1 ? [.length(tableHeight + 1), .length(tableHeight)] : [.fill(1), .fill(1)]
        let parts =
            sideBySide
            ? Layout.split(inner, .horizontal, [.fill(1), .fill(1)], spacing: 1) : Layout.split(inner, .vertical, stacked)
        for ((title, scores), part) in zip(tables, parts) {
            guard part.height >= 2 else { continue }
            let heatmap = Heatmap(
                rowLabels: labels, columnLabels: labels, values: scores.rowVectors.map { $0.map { Optional($0) } }, scale: scale,
                colorMode: colorMode, selectedRow: state.selected, rowLabelWidth: 6, maxCellWidth: 7)
            let grid = Rect(x: part.x, y: part.y + 1, width: part.width, height: part.height - 1)
            // Never a silent part: a short table says which rows it shows (the selected word's stay in view).
            let shown = MatrixPanel.shownPart(heatmap.geometry(in: grid), rows: scores.rows, columns: scores.columns)
            buffer.write(
                title + (shown.isEmpty ? "" : " · " + shown), x: part.x, y: part.y, style: Style(modifiers: [.bold]), maxWidth: part.width)
            heatmap.render(into: &buffer, area: grid)
        }
    }

    // MARK: Enter

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        switch panel {
        case .matrices: explainEntry(state)
        case .scores: explainRow(state)
        case .plane: explainPlane(state)
        }
    }

    /// What the selected entry does: it adds (row feature × entry) to each word's column feature.
    private func explainEntry(_ state: AppState) -> Explanation {
        let (name, matrix, row, column) = selectedMatrix
        let x = Self.input(state)
        let what = name == "W_Q" ? "query" : "key"
        var lines = [
            "\(name)[\(Self.features[row]), \(Self.features[column])] = \(NumberFormat.fixed(matrix[row, column], decimals: 2))",
            "Each word's \(what) \(Self.features[column]) = Σ over features f of x_f · \(name)[f, \(Self.features[column])]:", "",
        ]
        let column0 = matrix.transposed.row(column)
        for (index, word) in state.words.enumerated() {
            // Each product of the factors as shown, exactly, and their sum: it adds up by hand.
            let terms = zip(x.row(index), column0).map { HandArithmetic.product($0, $1) }
            lines.append(
                NumberFormat.padRight(word.word, 8)
                    + zip(x.row(index), column0).map { "\(Self.number($0)) × \(Self.number($1))" }.joined(separator: " + ")
                    + " = " + terms.map { HandArithmetic.text(tenThousandths: $0) }.joined(separator: " + ") + " = "
                    + HandArithmetic.text(tenThousandths: terms.reduce(0, +)))
        }
        return Explanation(title: "\(name): the \(Self.features[row]) → \(Self.features[column]) entry", lines: lines)
    }

    /// The selected word's row of scores after the matrices: its query against every key.
    private func explainRow(_ state: AppState) -> Explanation? {
        guard let (before, after) = results(state), state.words.indices.contains(state.selected) else { return nil }
        let i = state.selected
        let name = state.words[i].word
        let q = after.queries.row(i)
        var lines = [
            "q(\(name)) = x·W_Q = (\(q.map(Self.number).joined(separator: ", ")))",
            "score(j) = q·k(j) / √2, √2 = \(NumberFormat.fixed(2.0.squareRoot(), decimals: 4))",
            "",
            NumberFormat.padRight("word", 8) + NumberFormat.pad("k(j)", 16) + NumberFormat.pad("q·k", 8) + NumberFormat.pad("after", 8)
                + NumberFormat.pad("before", 8),
        ]
        for (j, word) in state.words.enumerated() {
            let k = after.keys.row(j)
            // q·k from q and k as shown, exactly.
            let qk = HandArithmetic.product(q[0], k[0]) + HandArithmetic.product(q[1], k[1])
            lines.append(
                NumberFormat.padRight(word.word, 8) + NumberFormat.pad("(\(k.map(Self.number).joined(separator: ", ")))", 16)
                    + NumberFormat.pad(HandArithmetic.text(tenThousandths: qk), 8) + NumberFormat.pad(Self.number(after.scores[i, j]), 8)
                    + NumberFormat.pad(Self.number(before.scores[i, j]), 8))
        }
        return Explanation(title: "\(name)'s scores: its query against every key", lines: lines)
    }

    private func explainPlane(_ state: AppState) -> Explanation {
        let showsKeys = entry >= 4
        let matrix = showsKeys ? key : query
        let x = Self.input(state)
        let moved = x * matrix
        var lines = ["x·\(showsKeys ? "W_K" : "W_Q"): (fruit, screen) before → after", ""]
        for (index, word) in state.words.enumerated() {
            lines.append(
                NumberFormat.padRight(word.word, 8) + "(\(x.row(index).map(Self.number).joined(separator: ", "))) → ("
                    + moved.row(index).map(Self.number).joined(separator: ", ") + ")")
        }
        lines += [
            "", "The faint box is the unit square (fruit and screen 0 to 1) sent through",
            "the same matrix: every word inside it before moves with it.",
        ]
        return Explanation(title: showsKeys ? "Where W_K sends the words" : "Where W_Q sends the words", lines: lines)
    }

    static func number(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }

    // MARK: Exercise

    /// apple's two scores after the matrices, by name (the keys task compares them).
    func appleScores(_ workspace: Workspace) -> (orange: Double, phone: Double)? {
        guard let (_, after) = results(workspace), let apple = workspace.index(of: "apple"), let orange = workspace.index(of: "orange"),
            let phone = workspace.index(of: "phone")
        else { return nil }
        return (after.scores[apple, orange], after.scores[apple, phone])
    }

    /// apple's query x·W_Q, its screen value: the typed task.
    func appleQueryScreen(_ workspace: Workspace) -> Double? {
        guard let apple = workspace.index(of: "apple") else { return nil }
        return Self.input(workspace).row(apple).isEmpty ? nil : (Self.input(workspace) * query)[apple, 1]
    }

    /// The keys that make apple score phone above orange from the exercise's opening: lower the
    /// selected entry (W_Q's fruit → fruit) until it does; the presses are counted with the same numbers.
    static let phoneAboveOrangePresses: Int = {
        var lesson = QueriesAndKeysLesson()
        lesson.choose(Step.exercise.preset)
        let x = Matrix(
            words.map { word in features.map { feature in lexiconFeature(word, feature) } }, columns: features.count)
        let (apple, orange, phone) = (0, words.firstIndex(of: "orange")!, words.firstIndex(of: "phone")!)
        for presses in 0...60 {
            let head = AttentionHead(query: lesson.query, key: lesson.key, value: .identity(2))
            if let scores = try? head.attend(x).scores, scores[apple, phone] > scores[apple, orange] { return presses }
            lesson.query[0, 0] = ((lesson.query[0, 0] - increment) * 10).rounded() / 10
        }
        return 60
    }()

    /// A feature of a lexicon word, for the solutions' keys (the lesson itself reads them from the workspace).
    static func lexiconFeature(_ word: String, _ feature: String) -> Double {
        let lexicon = Vocabulary.builtIn()
        guard let row = lexicon.table.index(of: word), let column = lexicon.lexicon?.featureNames.firstIndex(of: feature) else { return 0 }
        return lexicon.table.vector(at: row)[column]
    }

    func exercise(at step: Step) -> Exercise<QueriesAndKeysLesson>? {
        let opening =
            Self.lexiconFeature("apple", "fruit") * Preset.rotation.query[0, 1]
            + Self.lexiconFeature("apple", "screen") * Preset.rotation.query[1, 1]
        return Exercise([
            ExerciseTask(
                id: "phone-above-orange", question: "Edit W_Q so that apple scores phone above orange.",
                answer: .keys { lesson, workspace in
                    guard let scores = lesson.appleScores(workspace) else { return TaskCheck(false, "no scores") }
                    return TaskCheck(
                        scores.phone > scores.orange, "apple–phone \(Self.number(scores.phone)), apple–orange \(Self.number(scores.orange))"
                    )
                },
                solution: String(repeating: "-", count: Self.phoneAboveOrangePresses),
                hint: "apple's query has to look less for fruit or more for screen: orange has fruit, phone screen",
                explanation: { lesson, workspace in
                    [
                        "orange is all fruit and phone all screen, so apple's query must",
                        "weigh screen more than fruit, relative to the keys.",
                        "From the rotation, \(Self.phoneAboveOrangePresses) presses of - on W_Q's fruit → fruit entry",
                        "do it; so do larger W_Q[fruit → screen] values, or the swap preset.",
                    ]
                }),
            ExerciseTask(
                id: "apple-query", question: "What is the screen value of apple's query q = x·W_Q? (2 decimals)",
                answer: .number(quantity: "apple's query, screen", decimals: 2) { lesson, workspace in lesson.appleQueryScreen(workspace) },
                solution: "<Enter>\(Self.number(opening))<Enter>",
                hint: "a row times a matrix: x's fruit times W_Q's fruit → screen entry, plus x's screen times screen → screen",
                explanation: { lesson, workspace in
                    guard let apple = workspace.index(of: "apple") else { return [] }
                    let x = Self.input(workspace).row(apple)
                    let column = lesson.query.transposed.row(1)
                    return [
                        "q's screen = x_fruit · W_Q[fruit → screen]",
                        "           + x_screen · W_Q[screen → screen]",
                        "= \(Self.number(x[0])) × \(Self.number(column[0])) + \(Self.number(x[1])) × \(Self.number(column[1])) = \(Self.number(dot(x, column)))",
                    ]
                }),
        ])
    }
}
