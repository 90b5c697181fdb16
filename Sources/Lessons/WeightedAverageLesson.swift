import AttnApp
import AttnMath
import TUIKit

/// Lesson 7: the context as an average weighted by the raw scores — and how it breaks:
/// a negative weight pushes the wrong way, a zero sum divides by zero, and a q pointing
/// away from every word gets the same context as one pointing at them.
struct WeightedAverageLesson: Lesson, Equatable {
    static let id = "weighted-average"

    enum Step: String, LessonStep {
        case average, negative
        case zeroSum = "zero-sum"
        case allNegative = "all-negative"

        /// q's direction at each step: all weights positive, one negative, a zero sum, all negative.
        var startDirection: Int {
            switch self {
            case .average: 1
            case .negative: 0
            case .zeroSum: 7
            case .allNegative: 5
            }
        }
    }

    enum Action: Hashable, Sendable {
        case turn
    }

    enum Panel: String, LessonPanel {
        /// The plane with q and c.
        case plane
        /// The weights, the sums and c.
        case average
    }

    var plane = QueryPlane(direction: 1)

    func keys(at step: Step) -> [LessonKey<Action>] {
        [LessonKey([.character("t")], .turn, help: "turn q by 45° (counter-clockwise)", short: "turn q")]
    }

    /// Enter: how each raw weight was computed (the panel's title promises it).
    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        plane = QueryPlane(direction: step.startDirection)
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        plane.turn()
        return "q = \(QueryPlane.vectorText(plane.q))"
    }

    func panels(at step: Step) -> [Focus] { [.panel(Panel.plane), .panel(Panel.average)] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: panels(at: step), weights: [1, 1])
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        if panel == .plane {
            let marks = plane.rawAverage.map { [(label: "c", point: $0, color: Color.cube(5, 1, 1))] } ?? []
            plane.render(
                title: plane.rawAverage == nil ? "The plane · c undefined" : "The plane · q and c", marks: marks, focused: focused,
                colorMode: colorMode, into: &buffer, area: area)
            return
        }
        let frame = Frame(title: "c = Σ wᵢ·vᵢ / Σ wᵢ", trailingTitle: focused ? "Enter why" : nil, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        Paragraph(StyledText(Self.table(plane).joined(separator: "\n"))).render(into: &buffer, area: inner)
    }

    /// Each word's weight and weighted vector, the sums, and c (or why there is none).
    static func table(_ plane: QueryPlane) -> [String] {
        let scores = plane.scores
        let vectors = QueryPlane.vectors
        var lines = ["q = \(QueryPlane.vectorText(plane.q))", "word    v         w    w·v"]
        for (index, word) in QueryPlane.words.enumerated() {
            let weighted = scale(vectors[index], by: scores[index])
            lines.append(
                NumberFormat.padRight(word.name, 7) + NumberFormat.padRight(QueryPlane.vectorText(word.vector), 8)
                    + NumberFormat.pad(NumberFormat.fixed(scores[index], decimals: 0), 4) + "  " + QueryPlane.vectorText(weighted))
        }
        let normalization = SumNormalization(scores)
        let total = weightedSum(weights: scores, vectors: vectors, dimension: 2)
        lines.append(
            NumberFormat.padRight("Σ", 15) + NumberFormat.pad(NumberFormat.fixed(normalization.sum, decimals: 0), 4) + "  "
                + QueryPlane.vectorText(total))
        if let average = plane.rawAverage {
            lines.append(
                "c = \(QueryPlane.vectorText(total)) / \(NumberFormat.fixed(normalization.sum, decimals: 0)) = \(QueryPlane.vectorText(average, decimals: 2))"
            )
        } else {
            lines.append("Σw = 0 → c = \(QueryPlane.vectorText(total)) / 0: undefined")
        }
        let negatives = normalization.issues.compactMap { issue -> String? in
            if case .negativeWeight(let index) = issue { return QueryPlane.words[index].name }
            return nil
        }
        if negatives.count == scores.count {
            lines.append("all weights negative: the division by Σw cancels the signs")
        } else if !negatives.isEmpty {
            lines.append("negative weight: \(negatives.joined(separator: ", ")) (pushes c away)")
        }
        return lines
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        let lines = QueryPlane.words.enumerated().map { index, word in
            "w(\(word.name)) = q·v = \(QueryPlane.vectorText(plane.q))·\(QueryPlane.vectorText(word.vector)) = "
                + NumberFormat.fixed(plane.scores[index], decimals: 0)
        }
        return Explanation(title: "The raw weights", lines: lines + [""] + Self.table(plane).dropFirst(1))
    }
}
