import AttnMath
import TUIKit
import Vocabularies

/// Which panel the arrow keys and Enter act on; below 80×24, the one panel on screen.
public enum Focus: Hashable, Sendable {
    /// The step's text (a Tab stop only where panels are shown one at a time).
    case text
    case map, heatmap, weights, neighbors
    /// One of the lesson's own panels.
    case panel(Int)
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
    /// A number of a lesson's own panel, explained by the lesson.
    case lesson(Explanation)
}

/// Everything the screen shows is a function of this value; only `update` changes it.
///
/// Equatable, so a test can compare whole states (the environment, fixed for a run, is left out).
public struct AppState: Sendable, Equatable {
    public let environment: AppEnvironment
    /// The lesson in front, numbered from 1 (the sandbox is the last).
    public internal(set) var lesson: Int
    /// The step of that lesson, from 0.
    public internal(set) var step: Int
    /// Every lesson's own state, in course order; `lessons[lesson - 1]` is in front.
    public internal(set) var lessons: [any Lesson]
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
    /// The terminal size of the last frame, for mouse hit-testing and Tab order.
    public var size: Size
    /// The derived numbers (projection, matrices, weights) for the words in play.
    public private(set) var analysis: Analysis
    /// The selected word's nearest words in its vocabulary (`refreshNeighbors`).
    var nearestToSelected: [Neighbor] = []
    var nearestQuery: NeighborQuery?
    /// The sandbox's words while a lesson is in front (lessons set their own words).
    var sandboxWords: [WordInPlay]
    /// The three nearest vocabulary words to the word being placed (found in `update`, not per frame).
    var placementNearest: [Neighbor] = []

    /// The sandbox shows the words' real 50-d GloVe vectors instead of the named features (`v`).
    public internal(set) var realVectors = false
    /// Words with no GloVe vector (placed by hand), off screen while `realVectors` is on.
    var setAsideWords: [WordInPlay] = []

    public static func == (a: AppState, b: AppState) -> Bool {
        a.lesson == b.lesson && a.step == b.step && a.lessons.count == b.lessons.count
            && zip(a.lessons, b.lessons).allSatisfy { $0.isEqual(to: $1) } && a.words == b.words && a.selected == b.selected
            && a.column == b.column && a.weightCursor == b.weightCursor && a.metric == b.metric && a.temperature == b.temperature
            && a.focus == b.focus && a.mode == b.mode && a.message == b.message && a.customWords == b.customWords
            && a.isFinished == b.isFinished && a.size == b.size && a.analysis == b.analysis
            && a.nearestToSelected == b.nearestToSelected && a.nearestQuery == b.nearestQuery && a.sandboxWords == b.sandboxWords
            && a.placementNearest == b.placementNearest && a.realVectors == b.realVectors && a.setAsideWords == b.setAsideWords
    }

    public init(environment: AppEnvironment, saved: SavedState? = nil) {
        self.environment = environment
        lessons = Course.lessons()
        let count = lessons.count
        // A saved lesson the course no longer has (an edited or older file) starts the course again.
        let savedLesson = saved?.lesson.flatMap { (1...count).contains($0) ? $0 : nil }
        // A practitioner's file opens the sandbox on its words; otherwise the course resumes.
        lesson = environment.initialLesson ?? (environment.file == nil ? savedLesson ?? 1 : count)
        let savedStep = environment.initialLesson == nil && savedLesson == lesson ? saved?.step : nil
        step = min(max(0, environment.initialStep ?? savedStep ?? 0), lessons[lesson - 1].stepCount - 1)
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
        sandboxWords = []
        analysis = Analysis.empty
        sandboxWords = restoredSandboxWords(saved: saved)
        if isSandbox { words = sandboxWords }
        recompute()
        enterStep()
    }

    /// The sandbox's words to start with: the saved ones (unless `--words` chose others), else the defaults.
    private func restoredSandboxWords(saved: SavedState?) -> [WordInPlay] {
        let space = environment.space(forLesson: Course.sandbox)
        if space.isBuiltIn, let names = saved?.sandboxWords, !space.startWordsChosen {
            // Saved as the user left them, even empty: removing every word is a choice too.
            return names.compactMap { lookUp($0, in: space) }
        }
        return space.startWords.compactMap { lookUp($0, in: space) }
    }

    public var isSandbox: Bool { lesson == Course.sandbox }

    /// The lesson in front.
    public var currentLesson: any Lesson { lessons[lesson - 1] }

    /// The vocabulary of the current lesson.
    public var space: VocabularySpace { environment.space(forLesson: lesson, realVectors: realVectors) }

    /// Finds a word by name in the current lesson's vocabulary (the user's own placed words first).
    public func lookUp(_ token: String) -> WordInPlay? { lookUp(token, in: space) }

    func lookUp(_ token: String, in space: VocabularySpace) -> WordInPlay? {
        for candidate in WordLookup.candidates(for: token) {
            if let custom = customWords.first(where: { $0.word == candidate && $0.vector.count == space.dimension }) { return custom }
        }
        let vocabulary = space.vocabulary
        guard let index = vocabulary.row(for: token) else { return packWord(for: token, in: space) }
        // Cut once here, not in every frame (a file may hold a token of megabytes).
        let name = WordInPlay.shown(vocabulary.table.word(at: index))
        return WordInPlay(
            word: name, vector: vocabulary.table.vector(at: index), origin: vocabulary.lexicon == nil ? .file : .lexicon,
            kind: vocabulary.lexicon?.categories[index])
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
        placementNearest = []
        if case .placing(let placement) = mode {
            preview = WordInPlay(word: placement.word, vector: placement.vector, origin: .custom)
            placementNearest = space.neighborIndex.nearest(to: placement.vector, k: 5, excluding: [])
        }
        if analysis.words.first?.vector.count != words.first?.vector.count { analysis = Analysis.empty }
        analysis = Analysis(
            words: words, preview: preview, metric: metric, temperature: temperature, previous: analysis,
            dimension: space.dimension)
        refreshNeighbors()
    }

    /// What is worth keeping across sessions.
    public var saved: SavedState {
        SavedState(
            lesson: lesson, step: step, customWords: customWords,
            sandboxWords: environment.space(forLesson: Course.sandbox).isBuiltIn
                ? (isSandbox ? words + setAsideWords : sandboxWords).map(\.word) : nil)
    }
}

// MARK: What lessons use to set up the shared panels

extension AppState {
    /// Puts these lexicon words in play (unknown names are skipped), selects one, and sets
    /// the metric and temperature; the map keeps its orientation.
    public mutating func show(
        _ names: [String], selecting chosen: String? = nil, metric: Metric = .scaledDot, temperature: Double = 1
    ) {
        words = names.compactMap { lookUp($0) }
        selected = chosen.flatMap { name in words.firstIndex { $0.word == name } } ?? 0
        column = selected
        weightCursor = selected
        self.metric = metric
        self.temperature = temperature
        recompute()
    }

    /// Selects a word in play by name; false when it is not in play.
    @discardableResult
    public mutating func select(_ name: String) -> Bool {
        guard let index = words.firstIndex(where: { $0.word == name }) else { return false }
        selected = index
        recompute()
        return true
    }

    /// A lexicon word's vector by name (for lessons' own panels).
    public func vector(of name: String) -> [Double]? { lookUp(name, in: environment.lexicon)?.vector }
}
