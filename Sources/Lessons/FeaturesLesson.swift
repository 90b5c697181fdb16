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

    var pair = 0
    var feature = 0

    var shown: WordPair { Self.pairs[pair] }

    func keys(at step: Step) -> [LessonKey<PairAction>] { PairAction.keys }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        // Each step opens on the pair and the feature its text talks about.
        let start: (pair: Int, feature: String) =
            switch step {
            case .named: (0, "fruit")
            case .sideBySide: (1, "tech")
            case .twoSenses: (2, "fruit")
            case .oneFeature: (0, "size")
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

    /// The last step reads one feature down many words, so that panel comes first there.
    func panels(at step: Step) -> [Focus] {
        step == .oneFeature ? [.panel(Panel.feature), .panel(Panel.pair)] : [.panel(Panel.pair), .panel(Panel.feature)]
    }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: [.panel(Panel.pair), .panel(Panel.feature)], weights: [3, 2])
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
            bars.render(in: frame, into: &buffer, area: area)
            return
        }
        let name = names.indices.contains(feature) ? names[feature] : "?"
        let frame = Frame(title: "\(name) across words", isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        let rows = Self.words.compactMap { state.lookUp($0) }.map { word in
            SignedBars.Row(
                label: word.word, value: word.vector.indices.contains(feature) ? word.vector[feature] : 0,
                style: CategoryStyle.style(word.category, mode: colorMode))
        }
        SignedBars(rows: rows, scale: 1).render(into: &buffer, area: inner)
    }
}
