// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

/// Lesson 2: every coordinate of the lexicon's vectors is a named feature. Two words'
/// features side by side, and one feature read down many words.
struct FeaturesLesson: Lesson, Equatable {
    static let id = "features"

    enum Step: String, LessonStep {
        case named
        case sideBySide = "side-by-side"
        case twoSenses = "two-senses"
        case oneFeature = "one-feature"
        case exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }
    }

    enum Panel: String, LessonPanel {
        /// Two words' features side by side.
        case pair
        /// One feature read down many words.
        case feature
    }

    static let pairs = [
        WordPair("banana", "cherry"), WordPair("banana", "phone"), WordPair("apple", "phone"), WordPair("apple", "banana"),
        WordPair("lemon", "television"),
    ]
    /// The words one feature is read down (panel 1): fruits, apple and orange, electronics, and two far from both.
    static let words = ["banana", "cherry", "lemon", "apple", "orange", "phone", "laptop", "television", "elephant", "car"]
    /// Read down too where the panel is tall: tiny to huge, of every kind.
    static let moreWords = [
        "mouse", "strawberry", "grape", "kiwi", "cat", "dog", "mango", "chair", "bicycle", "table", "lion", "horse", "sofa",
        "watermelon", "bus", "truck",
    ]
    /// The pair whose largest gap the exercise asks for: both words below 0 on size.
    static let gapPair = WordPair("banana", "cherry")

    var pair = 0
    var feature = 0

    var shown: WordPair { Self.pairs[pair] }

    /// The last explore step reads one feature down the words; the pair's key has nothing to show there.
    func keys(at step: Step) -> [LessonKey<PairAction>] {
        step == .oneFeature ? PairAction.keys.filter { $0.action != .nextPair } : PairAction.keys
    }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        // Each step opens on the pair and the feature its text talks about.
        let start: (pair: Int, feature: String) =
            switch step {
            case .named: (0, "fruit")
            case .sideBySide: (1, "tech")
            case .twoSenses: (2, "fruit")
            case .oneFeature: (0, "size")
            case .exercise: (0, "fruit")
            }
        pair = start.pair
        feature = workspace.featureNames.firstIndex(of: start.feature) ?? 0
    }

    mutating func perform(_ action: PairAction, at step: Step, context: LessonContext, workspace: inout Workspace) -> LessonResponse {
        if action == .nextPair {
            pair = (pair + 1) % Self.pairs.count
            return "pair: \(shown.first) and \(shown.second)"
        }
        feature = action.movedFeature(from: feature, count: workspace.featureNames.count) ?? feature
        return nil
    }

    /// One feature down the words in the last explore step (its recap leaves no room for the
    /// pair's 13 rows at 80×24); the pair alone in the exercise, whose tasks read it.
    func panels(at step: Step) -> [Focus] {
        switch step {
        case .oneFeature: [.panel(Panel.feature)]
        case .exercise: [.panel(Panel.pair)]
        default: [.panel(Panel.pair), .panel(Panel.feature)]
        }
    }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        let shown = panels(at: step)
        if step == .exercise {
            // The tasks beside the pair, which keeps every row for its names and 13 features.
            let columns = Layout.split(body, .horizontal, [.percentage(60), .fill(1)])
            return LessonLayout([PanelPlacement(.text, columns[1]), PanelPlacement(shown[0], columns[0])])
        }
        return LessonLayouts.textOnTop(state, body: body, panels: shown, weights: shown.count > 1 ? [3, 2] : nil)
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let names = state.featureNames
        let focused = state.focus == .panel(panel)
        if panel == .pair {
            let words = [shown.first, shown.second].compactMap { state.lookUp($0) }
            let columns = words.map {
                FeatureBars.Column(word: $0.word, vector: $0.vector, style: CategoryStyle.style($0.category, mode: colorMode))
            }
            let bars = FeatureBars(names: names, columns: columns, highlighted: feature)
            let frame = Frame(title: "\(shown.first) and \(shown.second), feature by feature", isFocused: focused)
            let inner = frame.inner(area)
            let reading = words.count == 2 ? Self.reading(words[0], words[1], names: names) : []
            guard inner.height >= names.count + 3 + reading.count else {
                bars.render(in: frame, into: &buffer, area: area)
                return
            }
            // Rows to spare: the bars read in words under them.
            frame.render(into: &buffer, area: area)
            bars.render(into: &buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: names.count + 1))
            for (line, text) in reading.enumerated() {
                buffer.write(text, x: inner.x, y: inner.y + names.count + 2 + line, style: Style(modifiers: [.dim]), maxWidth: inner.width)
            }
            return
        }
        let name = names.indices.contains(feature) ? names[feature] : "?"
        let frame = Frame(title: "\(name) across words", isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        func rows(_ words: [String]) -> [SignedBars.Row] {
            words.compactMap { state.lookUp($0) }.map { word in
                SignedBars.Row(
                    label: word.word, value: word.vector.indices.contains(feature) ? word.vector[feature] : 0,
                    style: CategoryStyle.style(word.category, mode: colorMode))
            }
        }
        let first = rows(Self.words)
        SignedBars(rows: first, scale: 1).render(into: &buffer, area: inner)
        // Where the panel is tall, more words of every kind below the lesson's own.
        let room = inner.height - first.count - 2
        guard room >= 5 else { return }
        buffer.write("more words", x: inner.x, y: inner.y + first.count + 1, style: Style(modifiers: [.dim]), maxWidth: inner.width)
        let more = Rect(x: inner.x, y: inner.y + first.count + 2, width: inner.width, height: room)
        SignedBars(rows: Array(rows(Self.moreWords).prefix(room)), scale: 1).render(into: &buffer, area: more)
    }

    /// Two words' features read in words: which both have, which one has, where their signs differ.
    static func reading(_ a: WordInPlay, _ b: WordInPlay, names: [String]) -> [String] {
        var groups: [(name: String, features: [String])] = [
            ("both above 0", []), ("only \(a.word)", []), ("only \(b.word)", []), ("both below 0", []), ("opposite signs", []),
        ]
        var neither = 0
        for (k, name) in names.enumerated() where a.vector.indices.contains(k) && b.vector.indices.contains(k) {
            let (x, y) = (a.vector[k], b.vector[k])
            let group: Int?
            if x * y > 0 {
                group = x > 0 ? 0 : 3
            } else if x * y < 0 {
                group = 4
            } else if x != 0 || y != 0 {
                group = x != 0 ? 1 : 2
            } else {
                group = nil
            }
            if let group { groups[group].features.append(name) } else { neither += 1 }
        }
        return groups.map { "\($0.name): \($0.features.isEmpty ? "none" : $0.features.joined(separator: ", "))" }
            + ["0 in both: \(neither) features"]
    }

    // MARK: The exercise

    func exercise(at step: Step) -> Exercise<FeaturesLesson>? {
        guard step == .exercise else { return nil }
        return Exercise([
            ExerciseTask(
                id: "opposite-signs", question: "Highlight a feature where the pair's two words have opposite signs.",
                answer: .keys { lesson, workspace in lesson.signs(workspace) },
                solution: "p<Up><Up>",
                hint: "one value above 0 and the other below 0: look for a bar on each side of the zero line",
                explanation: { _, workspace in Self.oppositeSigns(workspace) }),
            ExerciseTask(
                id: "largest-gap",
                question: "By how much do banana and cherry differ at most, to 2 decimals?",
                answer: .number(quantity: "the largest gap", decimals: 2) { _, workspace in Self.largestGap(workspace)?.gap },
                solution: "<Enter>\(NumberFormat.fixed(Self.lexiconGap?.gap, decimals: 2))<Enter>",
                hint: "subtract the lower value from the higher on each row; mind the rows where both are below 0",
                explanation: { _, workspace in
                    guard let found = Self.largestGap(workspace) else { return ["banana or cherry is missing"] }
                    return [
                        "on \(found.feature): banana \(NumberFormat.fixed(found.a, decimals: 2)), cherry \(NumberFormat.fixed(found.b, decimals: 2))",
                        "gap = \(NumberFormat.fixed(max(found.a, found.b), decimals: 2)) − (\(NumberFormat.fixed(min(found.a, found.b), decimals: 2))) = \(NumberFormat.fixed(found.gap, decimals: 2))",
                    ]
                }),
        ])
    }

    /// How the shown pair's two values compare on the highlighted feature.
    func signs(_ workspace: Workspace) -> TaskCheck {
        let names = workspace.featureNames
        guard let a = workspace.vector(of: shown.first), let b = workspace.vector(of: shown.second), names.indices.contains(feature)
        else { return TaskCheck(false, "no pair shown") }
        let (x, y) = (a[feature], b[feature])
        let values = "\(shown.first) \(NumberFormat.fixed(x, decimals: 2)), \(shown.second) \(NumberFormat.fixed(y, decimals: 2))"
        if x * y < 0 { return TaskCheck(true, "\(names[feature]): \(values), opposite signs") }
        return TaskCheck(false, "\(names[feature]): \(values), \(x == 0 || y == 0 ? "one is 0" : "same sign")")
    }

    /// Every pair and feature of the lesson with opposite signs, for the worked answer.
    static func oppositeSigns(_ workspace: Workspace) -> [String] {
        let names = workspace.featureNames
        var lines: [String] = []
        for (index, pair) in pairs.enumerated() {
            guard let a = workspace.vector(of: pair.first), let b = workspace.vector(of: pair.second) else { continue }
            for k in names.indices where a[k] * b[k] < 0 {
                // How to reach the pair from the first one, and the feature's two values.
                let reached = index == 0 ? "the first pair" : Presses.of("p", index)
                lines.append(
                    "\(reached) → \(pair.label), \(names[k]): "
                        + "\(NumberFormat.fixed(a[k], decimals: 2)) and \(NumberFormat.fixed(b[k], decimals: 2))")
            }
        }
        return lines.isEmpty ? ["no pair of this lesson has opposite signs"] : lines
    }

    struct Gap {
        let feature: String
        let a: Double
        let b: Double
        var gap: Double { abs(a - b) }
    }

    /// The feature where banana and cherry differ most.
    static func largestGap(_ workspace: Workspace) -> Gap? {
        largestGap(names: workspace.featureNames) { workspace.vector(of: $0) }
    }

    /// The same in the built-in lexicon, for the solution's keys.
    static var lexiconGap: Gap? {
        largestGap(names: LexiconVectors.vocabulary.lexicon?.featureNames ?? []) { LexiconVectors.vector($0) }
    }

    static func largestGap(names: [String], _ vector: (String) -> [Double]?) -> Gap? {
        guard let a = vector(gapPair.first), let b = vector(gapPair.second), a.count == b.count, a.count == names.count else { return nil }
        let gaps = zip(a, b).map { abs($0 - $1) }
        guard let k = gaps.indices.max(by: { gaps[$0] < gaps[$1] }) else { return nil }
        return Gap(feature: names[k], a: a[k], b: b[k])
    }
}
