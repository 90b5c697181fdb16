// SPDX-License-Identifier: Apache-2.0

/// A vocabulary of words, each with a vector of the same dimension.
///
/// Storage is float64 for the built-in lexicon (so its numbers match a numpy
/// float64 reference to 1e-9) and float32 for users' files (so a 400k × 300
/// file fits in memory once). `vector(at:)` always hands out float64.
public struct EmbeddingTable: Sendable {
    public enum Storage: Sendable {
        case float64([Double])
        case float32(Float32Values)
    }

    /// The words, row by row. A table read from the binary cache makes these
    /// strings on first use (a few ms for 400,000 words); `word(at:)`,
    /// `index(of:)` and `resolve(_:)` do not need them.
    public var words: [String] { wordList.all }
    public let dimension: Int
    /// Row-major, `words.count × dimension`.
    public let storage: Storage
    package let wordList: WordList
    /// Row lengths for `NeighborIndex`, when whoever made the table has them (the binary cache).
    package let rowLengths: RowLengths?

    /// - Precondition: the storage holds `words.count × dimension` values.
    ///   A duplicated word keeps its first row for look-ups (readers warn about it).
    public init(words: [String], dimension: Int, storage: Storage) {
        self.init(words: words, dimension: dimension, storage: storage, wordIndex: WordIndex.build(words: words).index)
    }

    /// A table whose word index is already built (by a reader).
    package init(words: [String], dimension: Int, storage: Storage, wordIndex: WordIndex) {
        self.init(wordList: WordList(words: words, index: wordIndex), dimension: dimension, storage: storage)
    }

    package init(wordList: WordList, dimension: Int, storage: Storage, rowLengths: RowLengths? = nil) {
        let count: Int
        switch storage {
        case .float64(let values): count = values.count
        case .float32(let values): count = values.count
        }
        precondition(count == wordList.count * dimension, "EmbeddingTable: \(count) values for \(wordList.count) × \(dimension)")
        precondition(rowLengths.map { $0.inverse.count == wordList.count } ?? true, "EmbeddingTable: one length per row")
        self.wordList = wordList
        self.dimension = dimension
        self.storage = storage
        self.rowLengths = rowLengths
    }

    /// A float64 table from rows of equal length.
    public init(words: [String], vectors: [[Double]]) {
        let dimension = vectors.first?.count ?? 0
        precondition(vectors.allSatisfy { $0.count == dimension }, "EmbeddingTable: ragged vectors")
        self.init(words: words, dimension: dimension, storage: .float64(vectors.flatMap { $0 }))
    }

    public var count: Int { wordList.count }

    /// The word of row `i`.
    public func word(at i: Int) -> String { wordList.word(at: i) }

    /// The vector of row `i`, widened to float64.
    public func vector(at i: Int) -> [Double] {
        let range = (i * dimension)..<((i + 1) * dimension)
        switch storage {
        case .float64(let values): return Array(values[range])
        case .float32(let values): return values[range].map(Double.init)
        }
    }

    /// The row of this word: the first row whose bytes are exactly these
    /// (O(1)); failing that, the first canonically equivalent spelling (`==`:
    /// "café" with a combining accent finds "café" with a precomposed é;
    /// a linear scan, only for non-ASCII words that are not found at once).
    public func index(of word: String) -> Int? {
        if let row = wordList.row(of: word) { return row }
        guard word.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        return words.firstIndex(of: word)
    }

    /// The row for a token as a user typed it: looked up as given, then
    /// lower-cased, then with surrounding punctuation removed (so `Apple,` finds
    /// `apple` while a file's own `,` or `'s` tokens are still found as given).
    public func resolve(_ token: String) -> Int? {
        for candidate in WordLookup.candidates(for: token) {
            if let found = index(of: candidate) { return found }
        }
        return nil
    }
}

/// How command-line and prompt input become words.
public enum WordLookup {
    /// Splits each argument on whitespace, so a quoted sentence is several words.
    ///
    /// Whitespace here is what separates words in the files (space, tab, line feed,
    /// carriage return), no more: a file's token holding U+0085, U+00A0 or U+2028 is one
    /// word there, so `words` lists it and every query can look it up.
    public static func tokens(_ arguments: [String]) -> [String] {
        arguments.flatMap { argument in
            argument.unicodeScalars.split(whereSeparator: isSeparator).map { String(String.UnicodeScalarView($0)) }
        }
    }

    /// Space, tab, line feed, carriage return: what the embedding file readers split on.
    public static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// The spellings tried for `token`, in order, without repeats.
    public static func candidates(for token: String) -> [String] {
        let lower = token.lowercased()
        var result: [String] = []
        for candidate in [token, lower, stripped(token), stripped(lower)]
        where !candidate.isEmpty && !result.contains(candidate) {
            result.append(candidate)
        }
        return result
    }

    static func stripped(_ token: String) -> String {
        let punctuation: (Character) -> Bool = { $0.isPunctuation || $0.isSymbol }
        guard let first = token.firstIndex(where: { !punctuation($0) }),
            let last = token.lastIndex(where: { !punctuation($0) })
        else { return "" }
        return String(token[first...last])
    }
}
