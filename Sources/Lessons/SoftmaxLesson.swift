import AttnApp
import AttnMath
import TUIKit

/// Lesson 8: softmax beside lesson 7's raw weights on the same scores — exponentials
/// first, then normalise — and the temperature that sets how sharp the weights are.
struct SoftmaxLesson: Lesson, Equatable {
    static let id = "softmax"

    enum Step: String, LessonStep {
        case exponentials
        case besideRaw = "beside-raw"
        case temperature

        /// q's direction: the weighted-average lesson's zero sum, its negative weight, then the same for T.
        var startDirection: Int { self == .exponentials ? 7 : 0 }
    }

    enum Action: Hashable, Sendable {
        case turn, warmer, cooler
    }

    enum Panel: String, LessonPanel {
        /// Raw c and softmax c in the plane.
        case plane
        /// Scores, raw weights, exponentials and softmax weights.
        case table
    }
    /// The temperatures `-`/`+` step through; small enough for one-hot, large enough for flat.
    static let temperatures: [Double] = [0.25, 0.5, 1, 2, 4, 8]

    var plane = QueryPlane(direction: 7)
    var temperatureIndex = 2

    var temperature: Double { Self.temperatures[temperatureIndex] }

    func keys(at step: Step) -> [LessonKey<Action>] {
        [
            LessonKey([.character("t")], .turn, help: "turn q by 45° (counter-clockwise)", short: "turn q"),
            LessonKey(
                [.character("+"), .character("=")], .warmer, help: "raise the temperature T (flatter weights)", label: "+",
                short: "flatter"),
            LessonKey(
                [.character("-"), .character("_")], .cooler, help: "lower the temperature T (sharper weights)", label: "-",
                short: "sharper"),
        ]
    }

    /// Enter: the exponentials behind each weight (the panel's title promises it).
    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        plane = QueryPlane(direction: step.startDirection)
        // The temperature step starts flatter than T = 1, so both - and + show a clear change.
        temperatureIndex = step == .temperature ? 3 : 2
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        switch action {
        case .turn:
            plane.turn()
            return "q = \(QueryPlane.vectorText(plane.q))"
        case .warmer: temperatureIndex = min(temperatureIndex + 1, Self.temperatures.count - 1)
        case .cooler: temperatureIndex = max(temperatureIndex - 1, 0)
        }
        return "T = \(NumberFormat.fixed(temperature, decimals: 2))"
    }

    /// Softmax of the raw scores at the lesson's temperature (the scores are small integers: it never fails).
    var weights: [Double] { (try? softmax(plane.scores, temperature: temperature)) ?? [] }

    var exponentials: [Double] {
        softmaxExponentials(plane.scores, temperature: temperature, max: plane.scores.max() ?? 0)
    }

    var softmaxAverage: [Double] { weightedSum(weights: weights, vectors: QueryPlane.vectors, dimension: 2) }

    func panels(at step: Step) -> [Focus] { [.panel(Panel.plane), .panel(Panel.table)] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: panels(at: step), weights: [1, 1])
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        if panel == .plane {
            var marks = [(label: "softmax c", point: softmaxAverage, color: Color.cube(1, 5, 1))]
            if let raw = plane.rawAverage { marks.insert((label: "raw c", point: raw, color: Color.cube(5, 1, 1)), at: 0) }
            plane.render(
                title: "Raw c vs softmax c", marks: marks, focused: focused, colorMode: colorMode, into: &buffer, area: area)
            return
        }
        let frame = Frame(
            title: "Raw vs softmax · T = \(NumberFormat.fixed(temperature, decimals: 2))", trailingTitle: focused ? "Enter why" : nil,
            isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        Paragraph(StyledText(table().joined(separator: "\n"))).render(into: &buffer, area: inner)
    }

    /// Scores, lesson 7's raw weights, the exponentials and the softmax weights, with their sums.
    func table() -> [String] {
        let scores = plane.scores
        let top = scores.max() ?? 0
        let raw = SumNormalization(scores)
        let exps = exponentials
        let cell = { (value: Double?, decimals: Int, width: Int) in NumberFormat.pad(NumberFormat.fixed(value, decimals: decimals), width) }
        var lines = [
            "q = \(QueryPlane.vectorText(plane.q))   e = e^((s−\(NumberFormat.fixed(top, decimals: 0)))/T)",
            "word     s    raw      e  softmax",
        ]
        for (index, word) in QueryPlane.words.enumerated() {
            let rawText = raw.weights.map { NumberFormat.pad(NumberFormat.fixed($0[index], decimals: 2), 6) } ?? NumberFormat.pad("÷0", 6)
            lines.append(
                NumberFormat.padRight(word.name, 6) + cell(scores[index], 0, 3) + " " + rawText + cell(exps[index], 3, 7)
                    + cell(weights[index], 3, 9))
        }
        lines.append(
            NumberFormat.padRight("Σ", 6) + cell(raw.sum, 0, 3) + " " + NumberFormat.pad(raw.weights == nil ? "—" : "1", 6)
                + cell(exps.reduce(0, +), 3, 7) + NumberFormat.pad("1", 9))
        lines.append("raw c:     " + (plane.rawAverage.map { QueryPlane.vectorText($0, decimals: 2) } ?? "Σw = 0 → undefined"))
        lines.append("softmax c: " + QueryPlane.vectorText(softmaxAverage, decimals: 2))
        return lines
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        let scores = plane.scores
        let top = scores.max() ?? 0
        let total = exponentials.reduce(0, +)
        var lines = [
            "e^(s/T) and e^((s−max)/T) differ by the same factor e^(max/T),",
            "which the division cancels: the weights are the same.", "",
        ]
        for (index, word) in QueryPlane.words.enumerated() {
            lines.append(
                "\(word.name): e^((\(NumberFormat.fixed(scores[index], decimals: 0))−\(NumberFormat.fixed(top, decimals: 0)))/\(NumberFormat.fixed(temperature, decimals: 2))) = \(NumberFormat.fixed(exponentials[index], decimals: 4)),  / \(NumberFormat.fixed(total, decimals: 4)) = \(NumberFormat.fixed(weights[index], decimals: 4))"
            )
        }
        return Explanation(title: "Softmax, step by step", lines: lines)
    }
}
