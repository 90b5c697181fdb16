// SPDX-License-Identifier: Apache-2.0

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
        case exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }

        /// q at each step: all weights positive, one negative, a zero sum, all negative; the
        /// exercise's q lies between two of the eight directions, so no step has shown its c
        /// (steps 1–4 and their Try keys show c for every direction: c(−q) = c(q)).
        var opening: QueryPlane {
            switch self {
            case .average: QueryPlane(direction: 1)
            case .negative: QueryPlane(direction: 0)
            case .zeroSum: QueryPlane(direction: 7)
            case .allNegative: QueryPlane(direction: 5)
            case .exercise: QueryPlane(direction: 1, stops: WeightedAverageLesson.exerciseStops)
            }
        }
    }

    /// The exercise's q, and the nine q's `t` turns it through: the eight directions with it
    /// between (1, 0) and (1, 1).
    static let exerciseQ: [Double] = [2, 1]
    static let exerciseStops = [QueryPlane.directions[0], exerciseQ] + QueryPlane.directions.dropFirst()

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
        let help = step == .exercise ? "turn q counter-clockwise, on to the next of its nine q's" : "turn q by 45° (counter-clockwise)"
        return [LessonKey([.character("t")], .turn, help: help, short: "turn q")]
    }

    /// Enter: how each raw weight was computed (the panel's title promises it).
    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        plane = step.opening
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
        let hidden = step == .exercise && !state.tasks.contains { $0.id == Self.handWorkedTask && state.isSolved(task: $0) }
        if panel == .plane {
            let marks = hidden ? [] : plane.rawAverage.map { [(label: "c", point: $0, color: Color.cube(5, 1, 1))] } ?? []
            let title =
                plane.rawAverage == nil ? "The plane · c undefined" : hidden ? "The plane · q (c is yours to find)" : "The plane · q and c"
            plane.render(title: title, marks: marks, focused: focused, colorMode: colorMode, into: &buffer, area: area, fitsLabels: true)
            return
        }
        let frame = Frame(title: "c = Σ wᵢ·vᵢ / Σ wᵢ", trailingTitle: focused && !hidden ? "Enter why" : nil, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        Paragraph(StyledText(Self.table(plane, hidingAverage: hidden).joined(separator: "\n"))).render(into: &buffer, area: inner)
    }

    /// Each word's weight and weighted vector, the sums, and c (or why there is none); while
    /// c is the exercise's answer, the weights alone.
    static func table(_ plane: QueryPlane, hidingAverage hidden: Bool = false) -> [String] {
        let scores = plane.scores
        let vectors = QueryPlane.vectors
        var lines = ["q = \(QueryPlane.vectorText(plane.q))", "word    v         w" + (hidden ? "" : "    w·v")]
        for (index, word) in QueryPlane.words.enumerated() {
            let weighted = scale(vectors[index], by: scores[index])
            lines.append(
                NumberFormat.padRight(word.name, 7) + NumberFormat.padRight(QueryPlane.vectorText(word.vector), 8)
                    + NumberFormat.pad(NumberFormat.fixed(scores[index], decimals: 0), 4)
                    + (hidden ? "" : "  " + QueryPlane.vectorText(weighted)))
        }
        let normalization = SumNormalization(scores)
        let total = weightedSum(weights: scores, vectors: vectors, dimension: 2)
        lines.append(
            NumberFormat.padRight("Σ", 15) + NumberFormat.pad(NumberFormat.fixed(normalization.sum, decimals: 0), 4)
                + (hidden ? "" : "  " + QueryPlane.vectorText(total)))
        if hidden, plane.rawAverage != nil {
            lines.append("c = (Σ wᵢ·vᵢ) / Σ wᵢ = (?, ?)")
        } else if let average = plane.rawAverage {
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

// MARK: The exercise

extension WeightedAverageLesson {
    static let handWorkedTask = "average-by-hand"

    func exercise(at step: Step) -> Exercise<WeightedAverageLesson>? {
        guard step == .exercise else { return nil }
        let q = QueryPlane.vectorText(Self.exerciseQ)
        return Exercise([
            ExerciseTask(
                id: Self.handWorkedTask, question: "By hand: what is c's first coordinate at q = \(q), to 2 decimals?",
                // c at the exercise's q, wherever t has turned q since.
                answer: .number(quantity: "c's first coordinate at q = \(q)", decimals: 2) { _, _ in
                    Step.exercise.opening.rawAverage?.first
                },
                solution: "<Enter>\(NumberFormat.fixed(Step.exercise.opening.rawAverage?.first, decimals: 2))<Enter>",
                hint: "multiply each word's first coordinate by its weight, add the three, divide by Σ w",
                explanation: { _, _ in Self.workedAverage(Step.exercise.opening) }),
            ExerciseTask(
                id: "no-context", question: "Turn q until the weights sum to 0 and c is undefined.",
                answer: .keys { lesson, _ in
                    let sum = SumNormalization(lesson.plane.scores).sum
                    return TaskCheck(
                        lesson.plane.rawAverage == nil,
                        "q = \(QueryPlane.vectorText(lesson.plane.q)), Σ w = \(NumberFormat.fixed(sum, decimals: 0))")
                },
                solution: "ttt",
                hint: "t turns q counter-clockwise; watch the Σ row",
                explanation: { lesson, _ in
                    let stops = lesson.plane.stops
                    let zero = stops.indices.filter { QueryPlane(direction: $0, stops: stops).rawAverage == nil }
                    return zero.map { direction in
                        let plane = QueryPlane(direction: direction, stops: stops)
                        let turns = (direction - lesson.plane.direction + stops.count) % stops.count
                        let scores = plane.scores.map { NumberFormat.fixed($0, decimals: 0) }
                        return
                            "q = \(QueryPlane.vectorText(plane.q)) (\(Presses.of("t", turns))): w = \(scores.joined(separator: ", ")), Σ w = 0"
                    }
                }),
        ])
    }

    /// c's first coordinate worked out with the weights.
    static func workedAverage(_ plane: QueryPlane) -> [String] {
        let scores = plane.scores
        // A negative factor in brackets: 1·(−1), not 1·-1.
        let factor = { (x: Double) in x < 0 ? "(\(NumberFormat.fixed(x, decimals: 0)))" : NumberFormat.fixed(x, decimals: 0) }
        let terms = QueryPlane.words.indices.map { "\(factor(scores[$0]))·\(factor(QueryPlane.words[$0].vector[0]))" }
        let sum = SumNormalization(scores).sum
        let top = weightedSum(weights: scores, vectors: QueryPlane.vectors, dimension: 2)[0]
        guard let average = plane.rawAverage else { return ["Σ w = 0 here: c is undefined; turn q back with t"] }
        return [
            "Σ wᵢ·xᵢ = \(terms.joined(separator: " + ")) = \(NumberFormat.fixed(top, decimals: 0))",
            "c's first coordinate = \(NumberFormat.fixed(top, decimals: 0)) / \(NumberFormat.fixed(sum, decimals: 0)) ≈ \(NumberFormat.fixed(average[0], decimals: 4))",
        ]
    }
}
