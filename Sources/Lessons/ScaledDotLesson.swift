// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// Attention divides the dot product by √d. Scores raw and scaled, and softmax (the lesson
/// before) of each side by side: on the lexicon (d = 13), then on random vectors whose d a
/// key changes, where the raw softmax turns one-hot and the scaled one stays spread. Queries
/// and keys come two lessons later: here the vectors are a and b, as in a·b.
struct ScaledDotLesson: Lesson, Equatable {
    static let id = "scaled-dot"

    enum Step: String, LessonStep {
        case rootD = "root-d"
        case random
        case oneHot = "one-hot"
        case exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }
    }

    enum Action: Hashable, Sendable {
        case nextWord, nextDimension, newVectors
    }

    enum Panel: String, LessonPanel {
        /// One query scored against the keys, raw and ÷ √d.
        case scores
        /// The softmax weights of each.
        case weights
    }

    /// The lexicon step's words: each is scored against all of them, itself included, as attention does.
    static let words = ["banana", "cherry", "apple", "lemon", "phone", "laptop"]
    static let dimensions = [2, 13, 50, 300]
    /// Random vectors b in the later steps, and the largest d: vectors are drawn once at this size and cut to d.
    static let keyCount = 8
    static let firstSeed: UInt64 = 2

    var query = 0
    var dimension = 1
    var seed = firstSeed

    var d: Int { Self.dimensions[dimension] }
    /// The first step uses the lexicon's words; the later steps seeded random vectors.
    static func usesWords(_ step: Step) -> Bool { step == .rootD }

    func keys(at step: Step) -> [LessonKey<Action>] {
        Self.usesWords(step)
            ? [LessonKey([.character("w")], .nextWord, help: "score the next word against the others", short: "word")]
            : [
                LessonKey(
                    [.character("d")], .nextDimension, help: "change the number of features d: 2 → 13 → 50 → 300", short: "dimension"),
                LessonKey([.character("n")], .newVectors, help: "draw new random vectors", short: "new"),
            ]
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        query = 0
        seed = Self.firstSeed
        // The one-hot step opens at d = 300, where its text's numbers are; the others at d = 13.
        dimension = step == .oneHot ? 3 : 1
        workspace.show(Self.words, selecting: Self.words[query], metric: .scaledDot)
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        switch action {
        case .nextWord:
            query = (query + 1) % Self.words.count
            workspace.select(Self.words[query])
            return "scoring \(Self.words[query])"
        case .nextDimension:
            dimension = (dimension + 1) % Self.dimensions.count
            return "d = \(d)"
        case .newVectors:
            seed &+= 1
            return "new random vectors (seed \(seed))"
        }
    }

    func panels(at step: Step) -> [Focus] { [.panel(Panel.scores), .panel(Panel.weights)] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: panels(at: step), weights: [2, 3])
    }

    /// What the panels show: one query scored against the keys, raw and divided by √d.
    struct Scores: Equatable {
        let queryName: String
        let keyNames: [String]
        let d: Int
        let raw: [Double]
        let scaled: [Double]
        let rawWeights: [Double]
        let scaledWeights: [Double]
    }

    func scores(step: Step, state: AppState) -> Scores? { scores(step: step, workspace: state.workspace) }

    func scores(step: Step, workspace: Workspace) -> Scores? {
        if Self.usesWords(step) {
            let vectors = Self.words.compactMap { workspace.vector(of: $0) }
            guard vectors.count == Self.words.count else { return nil }
            return Self.scores(queryName: Self.words[query], names: Self.words, queryVector: vectors[query], keys: vectors)
        }
        return randomScores(dimension: d)
    }

    /// The seeded random query against the random keys, cut to `dimension` features.
    func randomScores(dimension: Int) -> Scores? {
        let drawn = unitVarianceVectors(count: Self.keyCount + 1, dimension: max(dimension, Self.dimensions.last!), seed: seed)
            .map { Array($0.prefix(dimension)) }
        return Self.scores(
            queryName: "a", names: (1...Self.keyCount).map { "b\($0)" }, queryVector: drawn[0], keys: Array(drawn.dropFirst()))
    }

    static func scores(queryName: String, names: [String], queryVector: [Double], keys: [[Double]]) -> Scores? {
        let raw = keys.map { dot(queryVector, $0) }
        let scaled = keys.map { scaledDot(queryVector, $0) }
        guard let rawWeights = try? softmax(raw), let scaledWeights = try? softmax(scaled) else { return nil }
        return Scores(
            queryName: queryName, keyNames: names, d: queryVector.count, raw: raw, scaled: scaled, rawWeights: rawWeights,
            scaledWeights: scaledWeights)
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        guard let scores = scores(step: step, state: state) else { return }
        let focused = state.focus == .panel(panel)
        let root = NumberFormat.fixed(Double(scores.d).squareRoot(), decimals: 2)
        if panel == .scores {
            let title =
                Self.usesWords(step) ? "\(scores.queryName) against the words" : "a against \(scores.keyNames.count) random vectors b"
            let frame = Frame(title: title, isFocused: focused)
            let inner = frame.draw(into: &buffer, area: area)
            let width = max(6, scores.keyNames.map { DisplayWidth.of($0) }.max() ?? 0)
            var lines = [
                "d = \(scores.d), √d = \(root)",
                NumberFormat.padRight(Self.usesWords(step) ? "word" : "b", width) + NumberFormat.pad("a·b", 8)
                    + NumberFormat.pad("÷ √\(scores.d)", 8),
            ]
            for k in scores.keyNames.indices {
                lines.append(
                    NumberFormat.padRight(scores.keyNames[k], width) + NumberFormat.pad(NumberFormat.fixed(scores.raw[k], decimals: 2), 8)
                        + NumberFormat.pad(NumberFormat.fixed(scores.scaled[k], decimals: 2), 8))
            }
            lines.append(
                NumberFormat.padRight("spread", width)
                    + NumberFormat.pad(NumberFormat.fixed(standardDeviation(scores.raw), decimals: 2), 8)
                    + NumberFormat.pad(NumberFormat.fixed(standardDeviation(scores.scaled), decimals: 2), 8))
            lines.append("spread = standard deviation")
            for (row, line) in lines.enumerated() where inner.y + row < inner.bottom {
                let bold = row == 1 || row == lines.count - 2
                buffer.write(line, x: inner.x, y: inner.y + row, style: bold ? Style(modifiers: [.bold]) : .plain, maxWidth: inner.width)
            }
            return
        }
        let frame = Frame(title: "softmax weights: raw | scaled", isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard inner.height > 1 else { return }
        let halves = Layout.split(inner, .horizontal, [.fill(1), .length(1), .fill(1)])
        let style = Style(foreground: colorMode.displayable(.cube(5, 5, 1)))
        for (half, (title, weights)) in zip(
            [halves[0], halves[2]], [("softmax(a·b)", scores.rawWeights), ("softmax(a·b/√d)", scores.scaledWeights)])
        {
            buffer.write(title, x: half.x, y: half.y, style: Style(modifiers: [.bold]), maxWidth: half.width)
            let bars = zip(scores.keyNames, weights).map { BarChart.Bar($0.0, value: $0.1, style: style) }
            BarChart(bars: bars, maxValue: 1, format: NumberFormat(decimals: 2))
                .render(into: &buffer, area: Rect(x: half.x, y: half.y + 1, width: half.width, height: half.height - 1))
        }
        let divider = Rect(x: halves[1].x, y: inner.y, width: 1, height: inner.height)
        for y in divider.y..<divider.bottom { buffer.set(divider.x, y, "│", style: Style(modifiers: [.dim])) }
    }

    /// A weight with four decimals; one too small to show there says so rather than printing 0.0000.
    static func weight(_ value: Double) -> String {
        value > 0 && value < 0.00005 ? "< 0.0001" : NumberFormat.fixed(value, decimals: 4)
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        guard let scores = scores(step: step, state: state) else { return nil }
        let root = Double(scores.d).squareRoot()
        var lines = ["d = \(scores.d), √d = \(NumberFormat.fixed(root, decimals: 4))", ""]
        let widths = [7, 9, 9, 14, 17]
        let header = [Self.usesWords(step) ? "word" : "b", "a·b", "a·b/√d", "softmax(a·b)", "softmax(a·b/√d)"]
        lines.append(zip(header, widths).map { NumberFormat.pad($0, $1) }.joined())
        for k in scores.keyNames.indices {
            let cells = [
                scores.keyNames[k], NumberFormat.fixed(scores.raw[k], decimals: 3), NumberFormat.fixed(scores.scaled[k], decimals: 3),
                Self.weight(scores.rawWeights[k]), Self.weight(scores.scaledWeights[k]),
            ]
            lines.append(zip(cells, widths).map { NumberFormat.pad($0, $1) }.joined())
        }
        lines.append("")
        lines.append("softmax(s)ᵢ = exp(sᵢ) / Σⱼ exp(sⱼ), for each column of scores")
        return Explanation(title: "\(scores.queryName) scored against every \(Self.usesWords(step) ? "word" : "b")", lines: lines)
    }

    // MARK: Exercise

    /// The d of the typed task: beyond every d the key reaches, so its √d is on no screen of
    /// the lesson: the learner works out that the factor is √d, and √1000.
    static let factorDimension = 1000

    /// Task 1 holds: softmax of the raw scores puts more than 0.99 on one vector, the scaled one no more than 0.5 anywhere.
    static func isOneHotOnlyRaw(_ scores: Scores) -> Bool {
        (scores.rawWeights.max() ?? 0) > 0.99 && (scores.scaledWeights.max() ?? 1) < 0.5
    }

    /// Presses of `d` that reach such a d from the exercise's opening state (d = 13, the first seed).
    static let oneHotPresses: Int = {
        var lesson = ScaledDotLesson()
        lesson.dimension = 1
        for presses in 0..<dimensions.count {
            if let scores = lesson.randomScores(dimension: lesson.d), isOneHotOnlyRaw(scores) { return presses }
            lesson.dimension = (lesson.dimension + 1) % dimensions.count
        }
        return dimensions.count
    }()

    /// The raw spread over the scaled one at `factorDimension`, for the live vectors.
    func spreadFactor() -> Double? {
        guard let scores = randomScores(dimension: Self.factorDimension) else { return nil }
        let scaled = standardDeviation(scores.scaled)
        return scaled > 0 ? standardDeviation(scores.raw) / scaled : nil
    }

    func exercise(at step: Step) -> Exercise<ScaledDotLesson>? {
        let factor = NumberFormat.fixed(Double(Self.factorDimension).squareRoot(), decimals: 1)
        return Exercise([
            ExerciseTask(
                id: "raw-one-hot",
                question: "Find a d where the raw weights put more than 0.99 on one b, yet no scaled weight passes 0.5.",
                answer: .keys { lesson, workspace in
                    guard let scores = lesson.scores(step: .exercise, workspace: workspace) else { return TaskCheck(false, "no scores") }
                    return TaskCheck(
                        Self.isOneHotOnlyRaw(scores),
                        "d = \(scores.d): top raw \(Self.weight(scores.rawWeights.max() ?? 0)), top scaled \(Self.weight(scores.scaledWeights.max() ?? 0))"
                    )
                },
                solution: String(repeating: "d", count: Self.oneHotPresses),
                hint: "raw scores spread more as d grows; the scaled ones do not",
                explanation: { lesson, workspace in
                    var lines = ["top raw and top scaled weight at each d, with these vectors:"]
                    for dimension in Self.dimensions {
                        guard let scores = lesson.randomScores(dimension: dimension) else { continue }
                        lines.append(
                            "d = \(dimension): \(Self.weight(scores.rawWeights.max() ?? 0)) and \(Self.weight(scores.scaledWeights.max() ?? 0))"
                                + (Self.isOneHotOnlyRaw(scores) ? "  ← this one" : ""))
                    }
                    return lines
                }),
            ExerciseTask(
                id: "spread-factor",
                question:
                    "At d = \(Self.factorDimension), beyond the d presses, the raw spread would be how many times the scaled spread? (1 decimal)",
                answer: .number(quantity: "raw spread ÷ scaled spread at d = \(Self.factorDimension)", decimals: 1) { lesson, _ in
                    lesson.spreadFactor()
                },
                solution: "<Enter>\(factor)<Enter>",
                hint: "every scaled score is its raw score divided by the same number",
                explanation: { lesson, _ in
                    let root = NumberFormat.fixed(Double(Self.factorDimension).squareRoot(), decimals: 2)
                    return [
                        "Each scaled score is a·b ÷ √\(Self.factorDimension), so their spread is",
                        "divided by √\(Self.factorDimension) too: √\(Self.factorDimension) = \(root), whatever the vectors",
                        "(with these, drawn at d = \(Self.factorDimension): \(lesson.spreadFactor().map { NumberFormat.fixed($0, decimals: 2) } ?? "—")).",
                    ]
                }),
        ])
    }
}
