import AttnMath
import TUIKit

/// Lesson 2: every coordinate of the lexicon's vectors is a named feature. Two words'
/// features side by side, and one feature read down many words.
struct FeaturesLesson: Lesson, Equatable {
    let script = LessonScript.load("02-features")

    static let pairs = [
        WordPair("banana", "cherry"), WordPair("banana", "phone"), WordPair("apple", "phone"), WordPair("apple", "banana"),
        WordPair("lemon", "television"),
    ]
    /// The words one feature is read down (panel 1): fruits, apple and orange, electronics, and two far from both.
    static let words = ["banana", "cherry", "lemon", "apple", "orange", "phone", "laptop", "television", "elephant", "car"]

    var pair = 0
    var feature = 0

    var shown: WordPair { Self.pairs[pair] }

    func keys(step: Int) -> [LessonKey] { [PairKeys.nextPair, PairKeys.featureUp, PairKeys.featureDown] }

    mutating func enter(step: Int, app: inout AppState) {
        // Each step opens on the pair and the feature its text talks about.
        let names = app.featureNames
        let start: [(pair: Int, feature: String)] = [(0, "fruit"), (1, "tech"), (2, "fruit"), (0, "size")]
        let chosen = start[min(step, start.count - 1)]
        pair = chosen.pair
        feature = names.firstIndex(of: chosen.feature) ?? 0
    }

    mutating func perform(_ action: String, step: Int, app: inout AppState) -> String? {
        if action == PairKeys.nextPair.action {
            pair = (pair + 1) % Self.pairs.count
            return "pair: \(shown.first) and \(shown.second)"
        }
        guard let moved = PairKeys.movedFeature(action, from: feature, count: app.featureNames.count) else { return nil }
        feature = moved
        return nil
    }

    /// The last step reads one feature down many words, so that panel comes first there.
    func panels(step: Int) -> [Focus] { step == 3 ? [.panel(1), .panel(0)] : [.panel(0), .panel(1)] }

    func layout(step: Int, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: [.panel(0), .panel(1)], weights: [3, 2])
    }

    func draw(panel: Int, step: Int, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let names = state.featureNames
        let focused = state.focus == .panel(panel)
        if panel == 0 {
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
