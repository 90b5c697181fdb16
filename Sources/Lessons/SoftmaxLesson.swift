// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// Softmax beside the weighted-average lesson's raw weights on the same scores — exponentials
/// first, then normalise — and the temperature that sets how sharp the weights are. The
/// temperature is the shared one (`+`/`-` step through the same values in every lesson).
struct SoftmaxLesson: Lesson, Equatable {
    static let id = "softmax"

    enum Step: String, LessonStep {
        case exponentials
        case besideRaw = "beside-raw"
        case temperature
        case exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }

        /// q's direction: the weighted-average lesson's zero sum, its negative weight, then the same for T.
        var startDirection: Int { self == .exponentials ? 7 : 0 }

        /// The temperature step starts flatter than T = 1, so both - and + show a clear change.
        var startTemperature: Double { self == .temperature ? 2 : 1 }

        /// Whether the step has taught the temperature and the max subtracted before e^(…):
        /// before it, the table shows e^s itself, as the text says, and +/- do nothing.
        var showsTemperature: Bool { self == .temperature || self == .exercise }
    }

    enum Action: Hashable, Sendable {
        case turn
    }

    enum Panel: String, LessonPanel {
        /// Raw c and softmax c in the plane.
        case plane
        /// Scores, raw weights, exponentials and softmax weights.
        case table
    }
    var plane = QueryPlane(direction: 7)

    func keys(at step: Step) -> [LessonKey<Action>] {
        [LessonKey([.character("t")], .turn, help: "turn q by 45° (counter-clockwise)", short: "turn q")]
    }

    /// Enter: the exponentials behind each weight (the panel's title promises it); +/-: the shared
    /// temperature, from the step that teaches it.
    func sharedCommands(at step: Step) -> Set<AppCommand> { step.showsTemperature ? [.open, .warmer, .cooler] : [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        plane = QueryPlane(direction: step.startDirection)
        // The shared word list is not drawn here (the plane's vectors are the lesson's own); it
        // holds the plane's words, so nothing stale shows anywhere, and the step's temperature.
        workspace.show(QueryPlane.words.map(\.name), temperature: step.startTemperature)
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        plane.turn()
        return "q = \(QueryPlane.vectorText(plane.q))"
    }

    /// Softmax of the raw scores at temperature `t` (the scores are small integers: it never fails).
    func weights(at t: Double) -> [Double] { (try? softmax(plane.scores, temperature: t)) ?? [] }

    /// The e column: e^((s − max)/T) once the temperature step has taught it, else e^s itself.
    func exponentials(at t: Double, step: Step) -> [Double] {
        step.showsTemperature
            ? softmaxExponentials(plane.scores, temperature: t, max: plane.scores.max() ?? 0)
            : softmaxExponentials(plane.scores, temperature: 1, max: 0)
    }

    func softmaxAverage(at t: Double) -> [Double] { weightedSum(weights: weights(at: t), vectors: QueryPlane.vectors, dimension: 2) }

    func panels(at step: Step) -> [Focus] { [.panel(Panel.plane), .panel(Panel.table)] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: panels(at: step), weights: [1, 1])
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        let temperature = state.temperature
        if panel == .plane {
            var marks = [(label: "softmax c", point: softmaxAverage(at: temperature), color: Color.cube(1, 5, 1))]
            if let raw = plane.rawAverage { marks.insert((label: "raw c", point: raw, color: Color.cube(5, 1, 1)), at: 0) }
            plane.render(
                title: "Raw c vs softmax c", marks: marks, namesWordsFirst: true, focused: focused, colorMode: colorMode, into: &buffer,
                area: area)
            return
        }
        let frame = Frame(
            title: "Raw vs softmax · T = \(NumberFormat.fixed(temperature, decimals: 2))",
            trailingTitle: focused && step.kind == .explore ? "Enter why" : nil,
            isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        Paragraph(StyledText(table(at: temperature, step: step).joined(separator: "\n"))).render(into: &buffer, area: inner)
    }

    /// Scores, the weighted-average lesson's raw weights, the exponentials and the softmax weights, with their sums.
    func table(at temperature: Double, step: Step) -> [String] {
        let scores = plane.scores
        let top = scores.max() ?? 0
        let raw = SumNormalization(scores)
        let exps = exponentials(at: temperature, step: step)
        let weights = weights(at: temperature)
        let cell = { (value: Double?, decimals: Int, width: Int) in NumberFormat.pad(NumberFormat.fixed(value, decimals: decimals), width) }
        // q, then the e column's formula on a line of its own: whole in a half-width panel at 80×24.
        var lines =
            step.showsTemperature
            ? ["q = \(QueryPlane.vectorText(plane.q)), max = \(NumberFormat.fixed(top, decimals: 0))", "e = e^((s−max)/T)"]
            : ["q = \(QueryPlane.vectorText(plane.q))", "e = e^s, softmax = e / Σe"]
        lines.append("word     s    raw       e  softmax")
        for (index, word) in QueryPlane.words.enumerated() {
            let rawText = raw.weights.map { NumberFormat.pad(NumberFormat.fixed($0[index], decimals: 2), 6) } ?? NumberFormat.pad("÷0", 6)
            lines.append(
                NumberFormat.padRight(word.name, 6) + cell(scores[index], 0, 3) + " " + rawText + cell(exps[index], 3, 8)
                    + cell(weights[index], 3, 9))
        }
        lines.append(
            NumberFormat.padRight("Σ", 6) + cell(raw.sum, 0, 3) + " " + NumberFormat.pad(raw.weights == nil ? "—" : "1", 6)
                + cell(exps.reduce(0, +), 3, 8) + NumberFormat.pad("1", 9))
        lines.append("raw c:     " + (plane.rawAverage.map { QueryPlane.vectorText($0, decimals: 2) } ?? "Σw = 0 → undefined"))
        lines.append("softmax c: " + QueryPlane.vectorText(softmaxAverage(at: temperature), decimals: 2))
        return lines
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        let temperature = state.temperature
        let scores = plane.scores
        let top = scores.max() ?? 0
        let exponentials = exponentials(at: temperature, step: step)
        let weights = weights(at: temperature)
        let total = exponentials.reduce(0, +)
        let fixed = { (value: Double, decimals: Int) in NumberFormat.fixed(value, decimals: decimals) }
        guard step.showsTemperature else {
            // Before the temperature step: e^s itself, over the sum of all three.
            var lines = ["softmax: each weight is e^s over the sum of every e^s.", ""]
            for (index, word) in QueryPlane.words.enumerated() {
                lines.append(
                    "\(NumberFormat.padRight(word.name + ":", 7)) e^\(fixed(scores[index], 0)) = \(fixed(exponentials[index], 4)),  / \(fixed(total, 4)) = \(fixed(weights[index], 4))"
                )
            }
            return Explanation(title: "Softmax, step by step", lines: lines)
        }
        var lines = [
            "e^(s/T) and e^((s−max)/T) differ by the same factor e^(max/T),",
            "which the division cancels: the weights are the same.", "",
        ]
        for (index, word) in QueryPlane.words.enumerated() {
            lines.append(
                "\(word.name): e^((\(fixed(scores[index], 0))−\(fixed(top, 0)))/\(fixed(temperature, 2))) = \(fixed(exponentials[index], 4)),  / \(fixed(total, 4)) = \(fixed(weights[index], 4))"
            )
        }
        return Explanation(title: "Softmax, step by step", lines: lines)
    }

    // MARK: Exercise

    /// The temperature of the typed task: sharper than T = 1, and not one of the shared steps
    /// (…, 0.7, 1, …), so no +/- press ever shows its weights: they are worked out by hand.
    static let coldTemperature = 0.8
    static let phone = QueryPlane.words.firstIndex { $0.name == "phone" }!

    func exercise(at step: Step) -> Exercise<SoftmaxLesson>? {
        Exercise([
            ExerciseTask(
                id: "sharp", question: "Make one weight larger than 0.9.",
                answer: .keys { lesson, workspace in
                    let weights = lesson.weights(at: workspace.temperature)
                    let top = weights.indices.max { weights[$0] < weights[$1] } ?? 0
                    return TaskCheck(
                        weights[top] > 0.9,
                        "\(QueryPlane.words[top].name) \(NumberFormat.fixed(weights[top], decimals: 3)) at T = \(NumberFormat.fixed(workspace.temperature, decimals: 2))"
                    )
                },
                solution: "-", hint: "a smaller T lets the largest score take more of the weight",
                explanation: { lesson, workspace in
                    let scores = lesson.plane.scores.map { NumberFormat.fixed($0, decimals: 0) }.joined(separator: ", ")
                    return [
                        "The scores are \(scores): the largest takes more as T falls.",
                        "Press - until the top weight passes 0.9 (t turns q too).",
                    ]
                }),
            ExerciseTask(
                id: "cold-phone",
                question:
                    "With q as on screen, what is phone's weight at T = \(NumberFormat.fixed(Self.coldTemperature, decimals: 1))? (2 decimals)",
                answer: .number(quantity: "phone's weight at T = \(NumberFormat.fixed(Self.coldTemperature, decimals: 1))", decimals: 2) {
                    lesson, _ in
                    lesson.weights(at: Self.coldTemperature)[Self.phone]
                },
                solution: "<Enter>\(NumberFormat.fixed(Self.openingColdPhoneWeight, decimals: 2))<Enter>",
                hint: "divide each score s by T first, then e^(s/T) over the sum of all three",
                explanation: { lesson, _ in lesson.coldWorking() }),
        ])
    }

    /// Phone's weight at the cold temperature with the live q.
    var coldPhoneWeight: Double { weights(at: Self.coldTemperature)[Self.phone] }

    /// The same with q as the exercise opens: the solution's number.
    static var openingColdPhoneWeight: Double {
        var lesson = Self()
        lesson.plane = QueryPlane(direction: Step.exercise.startDirection)
        return lesson.coldPhoneWeight
    }

    /// The typed task worked out with the live q.
    func coldWorking() -> [String] {
        let t = Self.coldTemperature
        let scores = plane.scores
        // e^(s/T) itself, not shifted by the largest score: the numbers a learner works out by hand.
        let exps = softmaxExponentials(scores, temperature: t, max: 0)
        let total = exps.reduce(0, +)
        let fixed = { (value: Double) in NumberFormat.fixed(value, decimals: 2) }
        var lines = ["q = \(QueryPlane.vectorText(plane.q)): scores s = q·v, e^(s/T) at T = \(fixed(t)):"]
        for (index, word) in QueryPlane.words.enumerated() {
            lines.append(
                "  \(NumberFormat.padRight(word.name, 6)) s = \(NumberFormat.fixed(scores[index], decimals: 0)),  e^(\(NumberFormat.fixed(scores[index], decimals: 0))/\(fixed(t))) = \(NumberFormat.fixed(exps[index], decimals: 3))"
            )
        }
        lines.append(
            "phone = \(NumberFormat.fixed(exps[Self.phone], decimals: 3)) / \(NumberFormat.fixed(total, decimals: 3)) = \(NumberFormat.fixed(exps[Self.phone] / total, decimals: 4))"
        )
        return lines
    }
}
