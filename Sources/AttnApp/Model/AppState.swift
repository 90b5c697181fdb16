import AttnMath
import TUIKit

/// Which panel the arrow keys and Enter act on.
public enum Focus: String, CaseIterable, Sendable {
    case map, heatmap, weights
}

/// What the screen is doing besides showing the panels.
public enum Mode: Equatable, Sendable {
    case browsing
    /// Typing a word to add.
    case prompt(TextField)
    /// Placing an unknown word by setting its feature values.
    case placing(Placement)
    /// The key list, scrolled by `scroll` lines.
    case help(scroll: Int)
    /// The computation behind one number, opened with Enter.
    case detail(Detail, scroll: Int)
}

/// An unknown word being placed: its vector so far and the feature being edited.
public struct Placement: Equatable, Sendable {
    public var word: String
    public var vector: [Double]
    public var feature: Int
}

/// Which number's computation is open.
public enum Detail: Equatable, Sendable {
    /// The score of row word against column word under a metric.
    case score(row: Int, column: Int, metric: Metric)
    /// The softmax weight of `column` in the selected word's context.
    case weight(row: Int, column: Int)
}

/// Everything the screen shows is a function of this value; only `update` changes it.
public struct AppState: Sendable {
    public let environment: AppEnvironment
    public var lesson: Int
    public var words: [WordInPlay]
    public var selected: Int
    /// The heatmap's highlighted column (Enter opens that cell's computation).
    public var column: Int
    /// The weights panel's highlighted bar.
    public var weightCursor: Int
    public var metric: Metric
    public var temperature: Double
    public var focus: Focus
    public var mode: Mode
    /// The last message for the user (added, removed, errors); cleared by the next key.
    public var message: String?
    /// Words the user has placed, kept across sessions; re-adding one by name finds it.
    public var customWords: [WordInPlay]
    public var isFinished: Bool
    /// The terminal size of the last frame, for mouse hit-testing.
    public var size: Size
    /// The derived numbers (projection, matrices, weights) for the words in play.
    public private(set) var analysis: Analysis
    /// The selected word's nearest words in its vocabulary (`refreshNeighbors`).
    var nearestToSelected: [Neighbor] = []
    var nearestQuery: NeighborQuery?

    /// The other vocabulary's words while they are off screen (a file in the sandbox, the lexicon in the lessons).
    var parkedWords: [WordInPlay]?

    public init(environment: AppEnvironment, saved: SavedState? = nil) {
        self.environment = environment
        // A saved lesson the course no longer has (an edited or older file) falls back to the sandbox.
        let savedLesson = saved?.lesson.flatMap { LessonCatalog.shared.title(of: $0) == nil ? nil : $0 }
        lesson = environment.initialLesson ?? savedLesson ?? LessonCatalog.sandbox
        customWords = saved?.customWords ?? []
        metric = .scaledDot
        temperature = 1
        focus = .map
        mode = .browsing
        isFinished = false
        size = Size(width: 80, height: 24)
        selected = 0
        column = 0
        weightCursor = 0
        words = []
        analysis = Analysis.empty
        words = restoredWords(saved: saved)
        recompute()
    }

    /// The words to start with: the saved lexicon words (unless `--words` chose others), else the defaults.
    private mutating func restoredWords(saved: SavedState?) -> [WordInPlay] {
        var lexiconWords = environment.lexicon.startWords.compactMap { lookUp($0, in: environment.lexicon) }
        if let names = saved?.sandboxWords, !environment.lexicon.startWordsChosen {
            // Saved as the user left them, even empty: removing every word is a choice too.
            lexiconWords = names.compactMap { lookUp($0, in: environment.lexicon) }
        }
        guard let file = environment.file else { return lexiconWords }
        let fileWords = file.startWords.compactMap { lookUp($0, in: file) }
        if space.isBuiltIn {
            parkedWords = fileWords
            return lexiconWords
        }
        parkedWords = lexiconWords
        return fileWords
    }

    /// The vocabulary of the current lesson.
    public var space: VocabularySpace { environment.space(forLesson: lesson) }

    /// Finds a word by name in the current lesson's vocabulary (the user's own placed words first).
    public func lookUp(_ token: String) -> WordInPlay? { lookUp(token, in: space) }

    func lookUp(_ token: String, in space: VocabularySpace) -> WordInPlay? {
        for candidate in WordLookup.candidates(for: token) {
            if let custom = customWords.first(where: { $0.word == candidate && $0.vector.count == space.dimension }) { return custom }
        }
        let vocabulary = space.vocabulary
        guard let index = vocabulary.table.resolve(token) else { return nil }
        let category = vocabulary.lexicon?.categories[index] ?? "file"
        // Cut once here, not in every frame (a file may hold a token of megabytes).
        let name = WordInPlay.shown(vocabulary.table.word(at: index))
        return WordInPlay(word: name, vector: vocabulary.table.vector(at: index), category: category)
    }

    /// Names of the vector's coordinates: the lexicon's features, or d1, d2, … for a file.
    public var featureNames: [String] {
        space.vocabulary.lexicon?.featureNames ?? (0..<space.dimension).map { "d\($0 + 1)" }
    }

    public var selectedWord: WordInPlay? { words.indices.contains(selected) ? words[selected] : nil }

    /// Recomputes from scratch, for a different vector space (no orientation to keep).
    mutating func resetAnalysis() {
        analysis = Analysis.empty
        recompute()
    }

    /// Recomputes the derived numbers after the words, metric or temperature changed.
    mutating func recompute() {
        selected = min(max(0, selected), max(0, words.count - 1))
        column = min(max(0, column), max(0, words.count - 1))
        weightCursor = min(max(0, weightCursor), max(0, words.count - 1))
        var preview: WordInPlay?
        if case .placing(let placement) = mode {
            preview = WordInPlay(word: placement.word, vector: placement.vector, category: "custom", isCustom: true)
        }
        analysis = Analysis(
            words: words, preview: preview, metric: metric, temperature: temperature, previous: analysis,
            dimension: space.dimension)
        refreshNeighbors()
    }

    /// What is worth keeping across sessions.
    public var saved: SavedState {
        SavedState(
            lesson: lesson, customWords: customWords,
            sandboxWords: (space.isBuiltIn ? words : parkedWords ?? []).map(\.word))
    }
}
