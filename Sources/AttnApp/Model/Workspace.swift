// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Vocabularies

/// What the lessons share with the app's panels: the words in play, the selection, the metric
/// and the temperature, and the vocabulary they come from.
///
/// Everything here changes through the operations below, which keep the invariants (a
/// selection always points at a word, or at 0 when there is none) and count each change of
/// what the derived numbers are computed from (`revision`), so `update` recomputes them once,
/// at its end, and never by hand. A lesson gets this value `inout` and nothing more of the app.
public struct Workspace: Sendable, Equatable {
    /// The built-in lexicon (every lesson's words) and the user's file, if one was given.
    let lexicon: VocabularySpace
    let file: VocabularySpace?

    /// Which vocabulary the words come from.
    public private(set) var vocabulary: VocabularyChoice = .lexicon
    public private(set) var words: [WordInPlay] = []
    /// The selected word (its row in the heatmap, its weights, its neighbours).
    public private(set) var selected = 0
    /// The heatmap's highlighted column (Enter opens that cell's computation).
    public private(set) var column = 0
    /// The weights panel's highlighted bar.
    public private(set) var weightCursor = 0
    public private(set) var metric: Metric = .scaledDot
    public private(set) var temperature: Double = 1
    /// Words the learner placed by hand, kept across sessions; looked up before any vocabulary.
    public private(set) var customWords: [WordInPlay]
    /// Counts the changes of words, metric, temperature and vocabulary: the analysis follows it.
    public private(set) var revision = 0

    /// The most words in play at once, whatever brings them (adding, a saved state, `--words`):
    /// beyond this the panels cannot show them and every key would cost a whole matrix.
    public static let wordLimit = 500

    init(lexicon: VocabularySpace, file: VocabularySpace?, customWords: [WordInPlay]) {
        self.lexicon = lexicon
        self.file = file
        self.customWords = customWords
    }

    // MARK: Reading

    /// The vocabulary the words come from now.
    public var space: VocabularySpace {
        switch vocabulary {
        case .lexicon: lexicon
        case .explorer: file ?? lexicon
        // Only the built-in words have real vectors to switch to; a user's file is real already.
        case .realVectors: file ?? RealVectorSpace.shared
        }
    }

    /// The vocabulary `VocabularyChoice.explorer` stands for: the user's file when there is one.
    public var explorerSpace: VocabularySpace { file ?? lexicon }
    public var hasUserFile: Bool { file != nil }

    /// The name a vocabulary's words are saved under (`lexicon`, `file:PATH`, `glove`): each
    /// vocabulary's words are kept apart.
    public func wordsKey(for choice: VocabularyChoice) -> String {
        switch choice {
        case .lexicon: SavedState.lexiconSpace
        case .explorer: file.map { "file:" + $0.vocabulary.source } ?? SavedState.lexiconSpace
        case .realVectors: file.map { "file:" + $0.vocabulary.source } ?? "glove"
        }
    }

    public var selectedWord: WordInPlay? { words.indices.contains(selected) ? words[selected] : nil }

    /// Names of the vector's coordinates: the lexicon's features, or d1, d2, … for a file.
    public var featureNames: [String] {
        space.vocabulary.lexicon?.featureNames ?? (0..<space.dimension).map { "d\($0 + 1)" }
    }

    /// Finds a word by name in the current vocabulary (the learner's own placed words first).
    public func lookUp(_ token: String) -> WordInPlay? { lookUp(token, in: space) }

    /// A lexicon word's vector by name (for lessons' own panels).
    public func vector(of name: String) -> [Double]? { lookUp(name, in: lexicon)?.vector }

    public func index(of name: String) -> Int? { words.firstIndex { $0.word == name } }

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

    // MARK: What lessons do

    /// Puts these words in play (unknown names are skipped), selects one, and sets the metric
    /// and temperature; the map keeps its orientation.
    public mutating func show(_ names: [String], selecting chosen: String? = nil, metric: Metric = .scaledDot, temperature: Double = 1) {
        setWords(names.compactMap { lookUp($0) }, selecting: chosen)
        self.metric = metric
        self.temperature = temperature
    }

    /// Puts these words in play as they are (a lesson's own saved words), selecting one.
    public mutating func setWords(_ words: [WordInPlay], selecting chosen: String? = nil) {
        self.words = words
        selected = chosen.flatMap { index(of: $0) } ?? 0
        column = selected
        weightCursor = selected
        changed()
    }

    /// Selects a word in play by name; false when it is not in play.
    @discardableResult
    public mutating func select(_ name: String) -> Bool {
        guard let index = index(of: name) else { return false }
        selected = index
        return true
    }

    /// Selects the cell of `row` and `column` (positions among the words in play, clamped).
    public mutating func highlight(row: Int, column: Int) {
        selected = clamped(row)
        self.column = clamped(column)
    }

    /// Switches to another vocabulary, looking every word up again by name; returns the words
    /// it lacks, which leave play (the sandbox keeps them aside).
    @discardableResult
    public mutating func useVocabulary(_ choice: VocabularyChoice) -> [WordInPlay] {
        guard choice != vocabulary else { return [] }
        let kept = selectedWord?.word
        vocabulary = choice
        var shown: [WordInPlay] = []
        var missing: [WordInPlay] = []
        for word in words {
            if let found = lookUp(word.word) { shown.append(found) } else { missing.append(word) }
        }
        setWords(shown, selecting: kept)
        return missing
    }

    /// Adds words to the end of play as they are (words set aside earlier coming back).
    public mutating func append(contentsOf added: [WordInPlay]) {
        guard !added.isEmpty else { return }
        words += added
        changed()
    }

    // MARK: What the app does (the shared keys)

    /// Adds a word and selects it.
    mutating func add(_ word: WordInPlay) {
        words.append(word)
        selected = words.count - 1
        changed()
    }

    /// Removes the word at `index`; the selection stays on the same word where it can.
    mutating func remove(at index: Int) -> WordInPlay? {
        guard words.indices.contains(index) else { return nil }
        let word = words.remove(at: index)
        if index < selected || selected >= words.count { selected = max(0, selected - 1) }
        changed()
        return word
    }

    mutating func setMetric(_ metric: Metric) {
        guard metric != self.metric else { return }
        self.metric = metric
        revision += 1
    }

    mutating func setTemperature(_ temperature: Double) {
        guard temperature != self.temperature else { return }
        self.temperature = temperature
        revision += 1
    }

    /// Moves the selection (wrapping): the selected word, the heatmap's column, or the weights' bar.
    mutating func moveSelection(by delta: Int) { selected = wrapped(selected + delta) }
    mutating func moveColumn(by delta: Int) { column = wrapped(column + delta) }
    mutating func moveWeightCursor(by delta: Int) { weightCursor = wrapped(weightCursor + delta) }
    mutating func selectIndex(_ index: Int) { selected = clamped(index) }

    /// Keeps a placed word with the learner's own (only this vocabulary's placement of the name is replaced).
    mutating func keepPlaced(_ word: WordInPlay) {
        customWords.removeAll { $0.word == word.word && $0.vector.count == word.vector.count }
        customWords.append(word)
    }

    // MARK: Invariants

    private mutating func changed() {
        selected = clamped(selected)
        column = clamped(column)
        weightCursor = clamped(weightCursor)
        revision += 1
    }

    private func clamped(_ index: Int) -> Int { min(max(0, index), max(0, words.count - 1)) }

    private func wrapped(_ index: Int) -> Int { words.isEmpty ? 0 : (index % words.count + words.count) % words.count }
}
