import AttnMath
import Vocabularies

extension AppEnvironment {
    /// The sandbox on the built-in words, with `realVectors`, shows their GloVe vectors; everything else as `space(forLesson:)`.
    public func space(forLesson lesson: Int, realVectors: Bool) -> VocabularySpace {
        guard realVectors, lesson == Course.sandbox, file == nil else { return space(forLesson: lesson) }
        return RealVectorSpace.shared
    }
}

/// The real-vectors view's space, built on first use (it parses the word pack and indexes 20,000 vectors).
enum RealVectorSpace {
    static let shared = VocabularySpace(BuiltInWordPack.realVectors, startWords: nil)
}

extension AppState {
    /// A word the current space lacks, from the word pack (hand-made rows first,
    /// also through a lemma: "apples" is the lexicon's apple); nil when the pack lacks it too.
    /// Looks in the pack itself, not the merged command-line vocabulary, whose making
    /// would add milliseconds to the first word the lexicon lacks.
    func packWord(for token: String, in space: VocabularySpace) -> WordInPlay? {
        guard space.usesWordPack else { return nil }
        let hand = space.vocabulary
        let lemmas = WordLookup.candidates(for: token).flatMap(EnglishLemma.candidates)
        if let row = lemmas.lazy.compactMap(hand.table.index(of:)).first {
            return WordInPlay(
                word: hand.table.word(at: row), vector: hand.table.vector(at: row), origin: .lexicon, kind: hand.lexicon?.categories[row])
        }
        let pack = BuiltInWordPack.shared
        guard let row = pack.features.resolve(token) ?? lemmas.lazy.compactMap(pack.features.index(of:)).first,
            hand.table.index(of: pack.features.word(at: row)) == nil  // the pack's rows of lexicon words are held-out estimates
        else { return nil }
        return WordInPlay(
            word: pack.features.word(at: row), vector: pack.features.vector(at: row),
            origin: .pack, kind: BuiltInWordPack.screenCategory(pack.categories[row]))
    }

    /// Tab at the add-word prompt: a word-pack word opens the placement with its
    /// estimated features, to adjust before it is added (as the learner's own word).
    /// False when the typed word is not an estimated one.
    mutating func adjustBeforeAdding(_ text: String) -> Bool {
        let typed = text.trimmingWhitespace()
        guard !typed.isEmpty, let found = lookUp(typed), found.isEstimated else { return false }
        guard !words.contains(where: { $0.word == found.word }) else { return false }
        mode = .placing(Placement(word: found.word, vector: found.vector, feature: 0))
        recompute()
        message = "\(found.word): estimated features; adjust with ↑/↓ ←/→, Enter to add"
        return true
    }

    /// `v` in the sandbox: between the named features and the words' real GloVe vectors.
    mutating func toggleRealVectors() -> [Effect] {
        guard lesson == Course.sandbox else {
            message = "the real-vectors view is in the sandbox (lesson \(Course.sandbox))"
            return []
        }
        guard environment.file == nil else {
            message = "the sandbox already shows your file's vectors"
            return []
        }
        if realVectors {
            leaveRealVectors()
            message = "named features: \(space.dimension) dimensions"
            return []
        }
        let keptSelection = selectedWord?.word
        realVectors = true
        var shown: [WordInPlay] = []
        for word in words {
            if let real = lookUp(word.word) { shown.append(real) } else { setAsideWords.append(word) }
        }
        words = shown
        selected = keptSelection.flatMap { name in words.firstIndex { $0.word == name } } ?? 0
        resetAnalysis()
        let aside = setAsideWords.map(\.word)
        message =
            "real GloVe vectors: \(space.dimension) dimensions"
            + (aside.isEmpty ? "" : "; set aside (no GloVe vector): " + aside.joined(separator: ", "))
        return []
    }

    /// Back to the named features: every word takes its features again, the set-aside words return.
    mutating func leaveRealVectors() {
        guard realVectors else { return }
        let keptSelection = selectedWord?.word
        realVectors = false
        words = words.compactMap { lookUp($0.word) } + setAsideWords
        setAsideWords = []
        selected = keptSelection.flatMap { name in words.firstIndex { $0.word == name } } ?? 0
        resetAnalysis()
    }

    /// What the map and neighbour titles say about the space shown.
    public var spaceName: String {
        realVectors ? "GloVe \(space.dimension)D" : "\(space.dimension)D"
    }
}
