import AttnApp
import AttnMath
import TUIKit

/// Lesson 1: a word is a vector, and good vectors put similar words together. The map
/// shows the clusters; a word's own numbers, and what its nearest words say it is.
struct WordsAsVectorsLesson: Lesson, Equatable {
    static let id = "vectors"

    enum Step: String, LessonStep {
        case numbers, clusters, nearest
        case yourWord = "your-word"
    }

    enum Panel: String, LessonPanel {
        /// The selected word's 13 numbers.
        case numbers
        /// What the selected (or placed) word is, from its nearest words.
        case nearest
    }

    static let words = ["apple", "orange", "banana", "cherry", "grape", "lemon", "phone", "laptop", "keyboard", "television", "camera"]

    /// No Enter here: the map's "why" is a softmax weight, which lesson 1 has not met yet.
    func sharedCommands(at step: Step) -> Set<AppCommand> { [.up, .down, .addWord, .removeWord] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        // Step 1 looks at banana's numbers; then apple, the word with two senses; the last
        // steps keep what the learner added.
        switch step {
        case .numbers: workspace.show(Self.words, selecting: "banana")
        case .clusters: workspace.show(Self.words, selecting: "apple")
        case .nearest, .yourWord:
            if workspace.words.map(\.word).prefix(Self.words.count) != Self.words[...] {
                workspace.show(Self.words, selecting: "cherry")
            }
        }
    }

    func panels(at step: Step) -> [Focus] { [.map, .panel(step == .numbers ? Panel.numbers : .nearest)] }

    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        LessonLayouts.textOnTop(state, body: body, panels: panels(at: step), weights: [3, 2])
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        guard let word = state.selectedWord else {
            Frame(title: "No word").render(into: &buffer, area: area)
            return
        }
        let focused = state.focus == .panel(panel)
        if panel == .numbers {
            let frame = Frame(title: "\(word.word) as \(word.vector.count) numbers", isFocused: focused)
            let bars = FeatureBars(
                names: state.featureNames,
                columns: [
                    FeatureBars.Column(word: word.word, vector: word.vector, style: CategoryStyle.style(word.category, mode: colorMode))
                ]
            )
            bars.render(in: frame, into: &buffer, area: area)
            return
        }
        var name = word.word
        var nearest = state.neighbors(count: 5)
        if case .placing(let placement) = state.mode {
            // While a new word is placed: what it would be, live.
            name = placement.word
            let vocabulary = state.space.vocabulary
            nearest = state.placementNearest.map { found in
                NeighborLine(
                    word: vocabulary.table.word(at: found.index), category: vocabulary.lexicon?.categories[found.index] ?? "file",
                    cosine: found.cosine, inPlay: false, farOnMap: false)
            }
        }
        let frame = Frame(title: "What is \(name)?", isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard !nearest.isEmpty, inner.height > 0 else { return }
        let verdict = Self.verdict(nearest.map(\.category))
        buffer.write(
            "→ \(Self.kind(verdict.category)) (\(verdict.votes) of \(nearest.count) nearest)",
            x: inner.x, y: inner.y, style: CategoryStyle.style(verdict.category, mode: colorMode).adding(.bold), maxWidth: inner.width)
        // What the numbers are: closeness in all 13 features (lesson 4 names it: cosine).
        buffer.write("nearest words · closeness", x: inner.x, y: inner.y + 1, style: Style(modifiers: [.dim]), maxWidth: inner.width)
        let width = min(14, nearest.map { DisplayWidth.of($0.word) }.max() ?? 0)
        for (row, line) in nearest.enumerated() where inner.y + 2 + row < inner.bottom {
            var text = StyledText(NumberFormat.padRight(DisplayWidth.truncate(line.word, to: width), width) + " ")
            text.append(NumberFormat.fixed(line.cosine, decimals: 2) + " ")
            text.append(Self.kind(line.category), style: CategoryStyle.style(line.category, mode: colorMode))
            buffer.write(text, x: inner.x, y: inner.y + 2 + row, maxWidth: inner.width)
        }
    }

    /// A category in the words the map's legend uses ("ambiguous" is "two senses").
    static func kind(_ category: String) -> String {
        ["ambiguous": "two senses", "custom": "your own"][category] ?? category
    }

    /// The category most of the nearest words share (ties: the nearest one's), and how many share it.
    static func verdict(_ categories: [String]) -> (category: String, votes: Int) {
        var best = (category: categories.first ?? "", votes: 0)
        for category in categories {
            let votes = categories.filter { $0 == category }.count
            if votes > best.votes { best = (category, votes) }
        }
        return best
    }
}
