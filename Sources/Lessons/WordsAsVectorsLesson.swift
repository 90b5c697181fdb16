// SPDX-License-Identifier: Apache-2.0

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
        case exercise

        var kind: StepKind { self == .exercise ? .exercise : .explore }
    }

    enum Panel: String, LessonPanel {
        /// The selected word's 13 numbers.
        case numbers
        /// What the selected (or placed) word is, from its nearest words.
        case nearest
        /// While a word is placed, the step's instruction (the editor covers the step's text).
        case placing
    }

    /// What step 4's Try asks for while zorb is placed: its script says the same words.
    static let placingTry = "→ five times raises fruit; ↓ to tech, 0; ↓ to screen, 0; Enter"

    static let words = ["apple", "orange", "banana", "cherry", "grape", "lemon", "phone", "laptop", "keyboard", "television", "camera"]

    /// How many nearest words decide what a word is, in the panel and in the exercise.
    static let nearestCount = 5

    /// No Enter here: the map's "why" is a softmax weight, which this first lesson has not met yet.
    func sharedCommands(at step: Step) -> Set<AppCommand> { [.up, .down, .addWord, .removeWord] }

    mutating func enter(_ step: Step, workspace: inout Workspace) {
        // Step 1 looks at banana's numbers; then apple, the word with two senses; the last
        // steps keep what the learner added.
        switch step {
        case .numbers: workspace.show(Self.words, selecting: "banana")
        case .clusters: workspace.show(Self.words, selecting: "apple")
        case .nearest, .yourWord, .exercise:
            if workspace.words.map(\.word).prefix(Self.words.count) != Self.words[...] {
                workspace.show(Self.words, selecting: "cherry")
            }
        }
    }

    func panels(at step: Step) -> [Focus] { [.map, .panel(step == .numbers ? Panel.numbers : .nearest)] }

    /// Two thirds of the width for the map: at 80 columns its legend and the count of hidden
    /// labels then fit on its bottom line whole. While a word is placed (the editor on top,
    /// over the step's text), the instruction being followed keeps a line of its own.
    func layout(at step: Step, body: Rect, state: AppState) -> LessonLayout {
        if case .placing = state.mode, placingInstruction(at: step, state: state) != nil, body.height >= 8 {
            let rows = Layout.split(body, .vertical, [.length(1), .fill(1)])
            let columns = Layout.split(rows[1], .horizontal, [.fill(2), .fill(1)])
            return LessonLayout([
                PanelPlacement(.panel(Panel.placing), rows[0]), PanelPlacement(.map, columns[0]),
                PanelPlacement(.panel(Panel.nearest), columns[1]),
            ])
        }
        return LessonLayouts.textOnTop(state, body: body, panels: panels(at: step), weights: [2, 1])
    }

    /// The line shown while a word is placed: step 4's Try, or the exercise's placing task while it is open.
    func placingInstruction(at step: Step, state: AppState) -> String? {
        switch step {
        case .yourWord: return "Try: " + Self.placingTry + ": zorb lands among the fruits."
        case .exercise:
            guard let index = state.tasks.firstIndex(where: { $0.id == Self.placingTask }), !state.isSolved(task: state.tasks[index])
            else { return nil }
            return "\(index + 1). " + state.tasks[index].question
        case .numbers, .clusters, .nearest: return nil
        }
    }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        if panel == .placing {
            // The whole line where it fits, else up to the outcome (": zorb lands …" goes first).
            guard var text = placingInstruction(at: step, state: state) else { return }
            if DisplayWidth.of(text) > area.width, step == .yourWord { text = "Try: " + Self.placingTry }
            buffer.write(text, x: area.x, y: area.y, style: Style(modifiers: [.italic, .bold]), maxWidth: area.width)
            return
        }
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
        var nearest = state.neighbors(count: Self.nearestCount)
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
        let long = "→ \(Self.kind(verdict.category)) (\(verdict.votes) of \(nearest.count) nearest)"
        buffer.write(
            DisplayWidth.of(long) <= inner.width ? long : "→ \(Self.kind(verdict.category)) (\(verdict.votes) of \(nearest.count))",
            x: inner.x, y: inner.y, style: CategoryStyle.style(verdict.category, mode: colorMode).adding(.bold), maxWidth: inner.width)
        // What the numbers are: closeness in all 13 features (the cosine lesson names it).
        buffer.write("nearest words · closeness", x: inner.x, y: inner.y + 1, style: Style(modifiers: [.dim]), maxWidth: inner.width)
        let width = min(14, nearest.map { DisplayWidth.of($0.word) }.max() ?? 0)
        // Each word's kind in the legend's words where they fit, else the map's marker for it.
        let spelledOut = width + 6 + (nearest.map { DisplayWidth.of(Self.kind($0.category)) }.max() ?? 0) <= inner.width
        for (row, line) in nearest.enumerated() where inner.y + 2 + row < inner.bottom {
            var text = StyledText(NumberFormat.padRight(DisplayWidth.truncate(line.word, to: width), width) + " ")
            text.append(NumberFormat.fixed(line.cosine, decimals: 2) + " ")
            let kind = spelledOut ? Self.kind(line.category) : String(CategoryStyle.marker(line.category))
            text.append(kind, style: CategoryStyle.style(line.category, mode: colorMode))
            buffer.write(text, x: inner.x, y: inner.y + 2 + row, maxWidth: inner.width)
        }
    }

    /// A category in the words the map's legend uses.
    static func kind(_ category: String) -> String {
        ["ambiguous": "two senses", "custom": "your own", "electronics": "tech"][category] ?? category
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

    // MARK: The exercise

    static let placingTask = "place-gadget"

    func exercise(at step: Step) -> Exercise<WordsAsVectorsLesson>? {
        guard step == .exercise else { return nil }
        return Exercise([
            ExerciseTask(
                id: "add-gadget", question: "Add a gadget the map lacks: all 5 of its nearest words tech.",
                answer: .keys { _, workspace in
                    Self.best(
                        of: workspace.words.filter { !Self.words.contains($0.word) && !$0.isCustom }, being: "electronics", in: workspace
                    )
                    .check(needing: Self.nearestCount, none: "no new word in play")
                },
                solution: "aprinter<Enter>",
                hint: "press a and type a machine you use at a desk or in your pocket",
                explanation: { _, workspace in
                    ["press a, type printer and Enter (or charger, router, …);", "the panel on the right lists its nearest words"]
                        + Self.standing(of: workspace.words.filter { !Self.words.contains($0.word) && !$0.isCustom }, in: workspace)
                }),
            ExerciseTask(
                id: Self.placingTask, question: "Make up a word and place it so 4 of its 5 nearest words are tech.",
                answer: .keys { _, workspace in
                    Self.best(of: workspace.words.filter(\.isCustom), being: "electronics", in: workspace)
                        .check(needing: Self.nearestCount - 1, none: "no made-up word in play")
                },
                solution: "awug<Enter>0j0j0j0<Enter>",
                hint: "a made-up word starts at the average of the map; take away what makes it a fruit",
                explanation: { _, workspace in
                    [
                        "press a, type wug (or any made-up word), Enter: it starts at the",
                        "map's average, half fruit, half tech; press 0 on fruit, food,",
                        "sweet and sour (j moves down), then Enter.",
                    ]
                        + Self.standing(of: workspace.words.filter(\.isCustom), in: workspace)
                }),
        ])
    }

    /// A word's nearest words in the vocabulary (itself left out), by cosine over all 13
    /// features: what the nearest-words panel lists, found the same way.
    static func nearestKinds(of word: WordInPlay, in workspace: Workspace) -> [String] {
        let space = workspace.space
        let own = space.vocabulary.table.index(of: word.word).map { Set([$0]) } ?? []
        return space.neighborIndex.nearest(to: word.vector, k: nearestCount, excluding: own).map {
            space.vocabulary.lexicon?.categories[$0.index] ?? "file"
        }
    }

    /// The word of `candidates` with the most nearest words of `category`, and how many.
    struct Candidate {
        let word: String?
        let votes: Int
        let category: String

        func check(needing: Int, none: String) -> TaskCheck {
            guard let word else { return TaskCheck(false, none) }
            return TaskCheck(votes >= needing, "\(word): \(votes) of \(nearestCount) nearest are \(kind(category))")
        }
    }

    static func best(of candidates: [WordInPlay], being category: String, in workspace: Workspace) -> Candidate {
        var best = Candidate(word: nil, votes: -1, category: category)
        for word in candidates {
            let votes = nearestKinds(of: word, in: workspace).filter { $0 == category }.count
            if votes > best.votes { best = Candidate(word: word.word, votes: votes, category: category) }
        }
        return best
    }

    /// For the worked answer: how each of these words stands now.
    static func standing(of candidates: [WordInPlay], in workspace: Workspace) -> [String] {
        candidates.map { word in
            let votes = nearestKinds(of: word, in: workspace).filter { $0 == "electronics" }.count
            return "\(word.word) now: \(votes) of \(nearestCount) nearest are tech"
        }
    }
}
