// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// Lesson 4: cosine similarity is the angle between two arrows. The arrows drawn in the
/// plane of two features, and the 13-feature numbers: dot, lengths, cosine and angle. A
/// key stretches one arrow (cosine stays, dot changes); two pairs share a cosine but not a dot.
struct CosineLesson: Lesson, Equatable {
    static let id = "cosine"

    enum Step: String, LessonStep {
        case angle, plane, length
        case equalCosine = "equal-cosine"
        case exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }
    }

    enum Action: Hashable, Sendable {
        case nextPair, scale, plane
    }

    enum Panel: String, LessonPanel {
        /// The two arrows in a plane of two features.
        case arrows
        /// The 13-feature numbers and the pairs compared.
        case numbers
    }

    static let pairs = [
        WordPair("banana", "apple"), WordPair("banana", "banana"), WordPair("banana", "cherry"), WordPair("banana", "phone"),
        WordPair("phone", "camera"), WordPair("the", "in"),
    ]
    /// What `s` multiplies the second word's vector by, in turn.
    static let factors: [Double] = [1, 2, 3, 0.5]
    /// The planes `f` shows in turn: two of the lexicon's features each (fruit × tech parts fruits from electronics).
    static let planes = [
        Plane(x: "fruit", y: "tech"), Plane(x: "fruit", y: "size"), Plane(x: "tech", y: "screen"), Plane(x: "sweet", y: "sour"),
    ]

    struct Plane: Equatable {
        let x: String
        let y: String
    }

    /// The exercise's own pair, whose cosine and angle stay hidden until the learner has worked them out.
    static let exercisePair = WordPair("orange", "lemon")
    static let handWorkedTask = "orange-lemon"

    var pair = 0
    var factor = 0
    var planeIndex = 0
    /// Whether `p` also visits the exercise's pair (in the exercise step).
    var visitsExercisePair = false

    var pairCount: Int { Self.pairs.count + (visitsExercisePair ? 1 : 0) }
    var shown: WordPair { Self.pairs.indices.contains(pair) ? Self.pairs[pair] : Self.exercisePair }
    var showsExercisePair: Bool { !Self.pairs.indices.contains(pair) }
    var scale: Double { Self.factors[factor] }
    var plane: Plane { Self.planes[planeIndex] }

    func keys(at step: Step) -> [LessonKey<Action>] {
        [
            LessonKey([.character("p")], .nextPair, help: "show the next pair of words", short: "pair"),
            LessonKey([.character("s")], .scale, help: "stretch the second word's vector (×2, ×3, ×0.5, ×1)", short: "scale"),
            LessonKey([.character("f")], .plane, help: "draw the arrows in the plane of two other features", short: "plane"),
        ]
    }

    func sharedCommands(at step: Step) -> Set<AppCommand> { [.open] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        // Each step opens on a pair and a plane where its point shows: banana·phone is 90° in
        // fruit × tech but 99° in 13-D; stretching cherry needs a plane where cherry is not on
        // banana's line; the small words are seen among screen and tech.
        let start: (pair: Int, plane: Int) =
            switch step {
            case .angle: (0, 0)
            case .plane: (3, 0)
            case .length: (2, 1)
            case .equalCosine: (4, 2)
            case .exercise: (Self.pairs.count, 3)
            }
        visitsExercisePair = step == .exercise
        pair = start.pair
        planeIndex = start.plane
        factor = 0
        workspace.show([shown.first, shown.second], selecting: shown.first, metric: .cosine)
    }

    mutating func perform(_ action: Action, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        switch action {
        case .nextPair:
            pair = (pair + 1) % pairCount
            workspace.show([shown.first, shown.second], selecting: shown.first, metric: .cosine)
            return "pair: \(shown.label)"
        case .scale:
            factor = (factor + 1) % Self.factors.count
            return "\(shown.second) × \(NumberFormat.fixed(scale, decimals: 1))"
        case .plane:
            planeIndex = (planeIndex + 1) % Self.planes.count
            return "plane: \(plane.x) × \(plane.y)"
        }
    }

    func panels(at step: Step) -> [Focus] { [.panel(Panel.arrows), .panel(Panel.numbers)] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: panels(at: step))
    }

    /// The two vectors as compared: the first word's, and the second word's times the factor.
    struct Vectors {
        let a: WordInPlay
        let b: WordInPlay
    }

    func vectors(_ state: AppState) -> Vectors? {
        guard let a = state.lookUp(shown.first), let b = state.lookUp(shown.second) else { return nil }
        let name = scale == 1 ? b.word : "\(NumberFormat.fixed(scale, decimals: scale == 0.5 ? 1 : 0))×\(b.word)"
        return Vectors(a: a, b: WordInPlay(word: name, vector: AttnMath.scale(b.vector, by: scale), origin: b.origin, kind: b.kind))
    }

    /// A vector's coordinates in the plane of two features.
    static func planeCoordinates(_ vector: [Double], in plane: Plane, names: [String]) -> [Double] {
        [plane.x, plane.y].map { name in names.firstIndex(of: name).map { vector[$0] } ?? 0 }
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        guard let pair = vectors(state) else { return }
        let focused = state.focus == .panel(panel)
        let names = state.featureNames
        let a = Self.planeCoordinates(pair.a.vector, in: plane, names: names)
        let b = Self.planeCoordinates(pair.b.vector, in: plane, names: names)
        if panel == .arrows {
            let planeAngle = angleInDegrees(a, b).map { "\(NumberFormat.fixed($0, decimals: 0))°" } ?? "none"
            let frame = Frame(title: "\(plane.x) × \(plane.y) plane · angle here \(planeAngle)", isFocused: focused)
            let inner = frame.draw(into: &buffer, area: area)
            let styles = [pair.a, pair.b].map { CategoryStyle.style($0.category, mode: colorMode).adding(.bold) }
            let ends = [a, b].map { WorldPoint(x: $0[0], y: $0[1]) }
            let xs = ends.map(\.x) + [0, 1]
            let ys = ends.map(\.y) + [0, 1]
            // Fixed margins around the origin and the unit square, so short arrows look short.
            let bounds = WorldBounds(
                minX: xs.min()! - 0.15, maxX: xs.max()! + 0.15, minY: ys.min()! - 0.15, maxY: ys.max()! + 0.15)
            let origin = WorldPoint(x: 0, y: 0)
            ScatterMap(
                // One label where both tips meet (a word with itself).
                points: zip([pair.a.word, ends[0] == ends[1] ? "" : pair.b.word], zip(ends, styles)).map { label, end in
                    ScatterMap.Point(label, x: end.0.x, y: end.0.y, style: end.1, marker: ArrowHead.glyph(end.0.x, end.0.y))
                },
                arrows: zip(ends, styles).map { ScatterMap.Arrow(from: origin, to: $0.0, style: $0.1) },
                xCaption: "\(plane.x) →", yCaption: "↑ \(plane.y)", bounds: bounds, equalScale: true, showsOrigin: true
            ).render(into: &buffer, area: inner)
            return
        }
        let frame = Frame(title: "\(pair.a.word) and \(pair.b.word), all 13 features", isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        let hidden = hidesCosine(state)
        var lines = Self.numbers(pair, plane: plane, names: names, hidingCosine: showsExercisePair && hidden).map { StyledText($0) }
        var comparisons: [StyledText] = []
        for (index, other) in (Self.pairs + (visitsExercisePair ? [Self.exercisePair] : [])).enumerated() {
            guard let a = state.vector(of: other.first), let b = state.vector(of: other.second) else { continue }
            // The pair shown follows `s`: its row is the stretched pair the numbers above are for.
            let stretched = index == self.pair && scale != 1
            var row =
                stretched
                ? Self.comparisonRow("\(other.first)·\(pair.b.word)", a, pair.b.vector) : Self.comparisonRow(other.label, a, b)
            if index == Self.pairs.count && hidden {
                row =
                    NumberFormat.padRight(stretched ? "\(other.first)·\(pair.b.word)" : other.label, Self.labelWidth)
                    + NumberFormat.pad("?", 7) + NumberFormat.pad(Self.exact(dot(a, stretched ? pair.b.vector : b)), 8)
            }
            comparisons.append(StyledText(row, style: index == self.pair ? Style(modifiers: [.reverse, .bold]) : .plain))
        }
        // Short of rows, the blank line goes first, then the pairs far from the one shown
        // (the one after it stays: the last step compares two neighbours).
        let room = inner.height - lines.count - 1
        let spacer = room > comparisons.count
        let visible = max(0, room - (spacer ? 1 : 0))
        let first = max(0, min(self.pair + 2 - visible, comparisons.count - visible))
        if spacer { lines.append("") }
        lines.append(StyledText(Self.comparisonHeader, style: Style(modifiers: [.dim])))
        lines += comparisons.dropFirst(first).prefix(visible)
        for (row, line) in lines.enumerated() where inner.y + row < inner.bottom {
            buffer.write(line, x: inner.x, y: inner.y + row, maxWidth: inner.width)
        }
    }

    /// Whether the exercise pair's cosine is the learner's to find still.
    func hidesCosine(_ state: AppState) -> Bool {
        visitsExercisePair && !state.tasks.contains { $0.id == Self.handWorkedTask && state.isSolved(task: $0) }
    }

    /// The 13-feature computation for the pair, one short line each.
    static func numbers(_ pair: Vectors, plane: Plane, names: [String], hidingCosine: Bool = false) -> [String] {
        let (a, b) = (pair.a.vector, pair.b.vector)
        let product = dot(a, b)
        let lengths = norm(a) * norm(b)
        let planeAngle = angleInDegrees(
            planeCoordinates(a, in: plane, names: names), planeCoordinates(b, in: plane, names: names))
        if hidingCosine {
            // The lengths apart, so the learner multiplies them and divides.
            return [
                "a·b     = \(exact(product))",
                "|a|     = \(NumberFormat.fixed(norm(a), decimals: 3))   |b| = \(NumberFormat.fixed(norm(b), decimals: 3))",
                "cos     = a·b / (|a|·|b|) = ?",
                "angle   = ? in 13-D",
                "          \(NumberFormat.fixed(planeAngle, decimals: 1))° in the plane",
            ]
        }
        return [
            "a·b     = \(exact(product))",
            // The lengths are rounded: their product by hand can differ in the last place.
            "|a|·|b| = \(NumberFormat.fixed(norm(a), decimals: 3)) × \(NumberFormat.fixed(norm(b), decimals: 3)) ≈ \(NumberFormat.fixed(lengths, decimals: 3))",
            "cos     = a·b / (|a|·|b|) = \(NumberFormat.fixed(cosineSimilarity(a, b), decimals: 3))",
            "angle   = \(NumberFormat.fixed(angleInDegrees(a, b), decimals: 1))° in 13-D",
            "          \(NumberFormat.fixed(planeAngle, decimals: 1))° in the plane",
        ]
    }

    /// a·b with 4 decimals: exact for the lexicon's features of 2 decimals, as the dot-product lesson shows it.
    static func exact(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 4) }

    /// Room for a stretched pair's label ("banana·0.5×cherry").
    static let labelWidth = 17

    static let comparisonHeader = NumberFormat.padRight("pair", labelWidth) + NumberFormat.pad("cos", 7) + NumberFormat.pad("a·b", 8)

    static func comparisonRow(_ label: String, _ a: [Double], _ b: [Double]) -> String {
        NumberFormat.padRight(label, labelWidth) + NumberFormat.pad(NumberFormat.fixed(cosineSimilarity(a, b), decimals: 3), 7)
            + NumberFormat.pad(exact(dot(a, b)), 8)
    }

    func explain(_ panel: Panel, at step: Step, state: AppState) -> Explanation? {
        guard let pair = vectors(state) else { return nil }
        let detail = ComputationDetail.score(pair.a, pair.b, metric: .cosine, featureNames: state.featureNames)
        return Explanation(title: detail.title, lines: detail.lines)
    }
}

// MARK: The exercise

extension CosineLesson {
    func exercise(at step: Step) -> Exercise<CosineLesson>? {
        guard step == .exercise else { return nil }
        let pair = Self.exercisePair
        return Exercise([
            ExerciseTask(
                id: Self.handWorkedTask,
                question: "What is cos(\(pair.first), \(pair.second)), from a·b and the lengths, to 2 decimals?",
                answer: .number(quantity: "cos(\(pair.first), \(pair.second))", decimals: 2) { _, workspace in
                    Self.vectors(of: pair, workspace).flatMap { cosineSimilarity($0.a, $0.b) }
                },
                solution:
                    "<Enter>\(NumberFormat.fixed(cosineSimilarity(LexiconVectors.vector(pair.first), LexiconVectors.vector(pair.second)), decimals: 2))<Enter>",
                hint: "multiply the two lengths, then divide a·b by what you get",
                explanation: { _, workspace in
                    guard let v = Self.vectors(of: pair, workspace) else { return ["a word is missing"] }
                    let (product, lengths) = (dot(v.a, v.b), norm(v.a) * norm(v.b))
                    return [
                        "|a|·|b| = \(NumberFormat.fixed(norm(v.a), decimals: 3)) × \(NumberFormat.fixed(norm(v.b), decimals: 3)) ≈ \(NumberFormat.fixed(lengths, decimals: 3))",
                        "cos = \(Self.exact(product)) / \(NumberFormat.fixed(lengths, decimals: 3)) ≈ \(NumberFormat.fixed(cosineSimilarity(v.a, v.b), decimals: 4))",
                        "an angle of \(NumberFormat.fixed(angleInDegrees(v.a, v.b), decimals: 1))°",
                    ]
                }),
            ExerciseTask(
                id: "wide-angle", question: "Show a pair whose arrows are more than 90° apart in all 13 features.",
                answer: .keys { lesson, workspace in lesson.wideAngle(workspace) },
                solution: "pppp",
                hint: "past 90° the cosine is below 0, and so is a·b: one word's features pull against the other's",
                explanation: { _, workspace in
                    Self.pairs.enumerated().compactMap { index, other -> String? in
                        guard let v = Self.vectors(of: other, workspace), let cosine = cosineSimilarity(v.a, v.b), cosine < 0 else {
                            return nil
                        }
                        return "\(other.label) (\(Presses.of("p", index + 1))): cos \(NumberFormat.fixed(cosine, decimals: 3)), "
                            + "\(NumberFormat.fixed(angleInDegrees(v.a, v.b), decimals: 1))°"
                    }
                }),
        ])
    }

    static func vectors(of pair: WordPair, _ workspace: Workspace) -> (a: [Double], b: [Double])? {
        guard let a = workspace.vector(of: pair.first), let b = workspace.vector(of: pair.second) else { return nil }
        return (a, b)
    }

    /// Whether the pair shown (its second word stretched or not) is more than 90° apart: a·b below 0.
    func wideAngle(_ workspace: Workspace) -> TaskCheck {
        guard let v = Self.vectors(of: shown, workspace) else { return TaskCheck(false, "no pair shown") }
        let product = dot(v.a, AttnMath.scale(v.b, by: scale))
        let here = "\(shown.label): a·b \(Self.exact(product))"
        if product >= 0 { return TaskCheck(false, "\(here) ≥ 0, so 90° or less") }
        let angle = angleInDegrees(v.a, v.b).map { NumberFormat.fixed($0, decimals: 1) } ?? "?"
        return TaskCheck(true, "\(here) < 0: \(angle)°")
    }
}
