// SPDX-License-Identifier: Apache-2.0

import AttnAssets
import AttnMath

/// A problem with what the user asked for: one line, non-zero exit.
public struct QueryError: Error, Equatable, CustomStringConvertible {
    public let description: String
    /// A mistake in how the command was called (a wrong number of words, an empty option):
    /// the command line exits 64 (EX_USAGE) for it, 1 for every other problem.
    public let isUsage: Bool

    public init(_ description: String, usage: Bool = false) {
        self.description = description
        isUsage = usage
    }
}

/// The words a command or the screen can use: the built-in lexicon, or a user's file.
public struct Vocabulary: Sendable {
    public let table: EmbeddingTable
    /// Where the words came from, for messages ("the built-in lexicon", a path).
    public let source: String
    /// Present for the built-in lexicon: feature names and categories.
    public let lexicon: Lexicon?
    /// The rows before this one are hand-made; those after it (the word pack's) are estimated.
    public let handMadeCount: Int
    /// Whether an unknown token is tried as a plural, past tense or -ing form (`EnglishLemma`):
    /// for the built-in words, not for a user's file, whose tokens are taken as they are.
    public let lemmatizes: Bool
    /// The files the words were read from (a user's vectors and metadata): what `export` must never overwrite.
    public let inputFiles: [String]

    public init(
        table: EmbeddingTable, source: String, lexicon: Lexicon? = nil, handMade: EmbeddingTable? = nil, lemmatizes: Bool = false,
        inputFiles: [String] = []
    ) {
        self.table = table
        self.source = source
        self.inputFiles = inputFiles
        self.lexicon = lexicon
        handMadeCount = handMade?.count ?? table.count
        self.lemmatizes = lemmatizes
    }

    /// Whether row `index` holds estimated features (a word-pack word) rather than hand-made ones.
    public func isEstimated(_ index: Int) -> Bool { index >= handMadeCount }

    /// The row of a token: as `EmbeddingTable.resolve` finds it; when lemmatising, hand-made rows
    /// win over estimated ones, even through a lemma ("apples" is the lexicon's apple).
    public func row(for token: String) -> Int? {
        let direct = table.resolve(token)
        guard lemmatizes else { return direct }
        if let direct, direct < handMadeCount { return direct }
        let lemmas = WordLookup.candidates(for: token).flatMap(EnglishLemma.candidates)
        if let hand = lemmas.lazy.compactMap(table.index(of:)).first(where: { $0 < handMadeCount }) { return hand }
        return direct ?? lemmas.lazy.compactMap(table.index(of:)).first
    }

    /// The lexicon compiled into the binary from `Assets/lexicon.tsv`.
    public static func builtIn() -> Vocabulary {
        Vocabulary(table: BuiltInLexicon.shared.table, source: "the built-in lexicon", lexicon: BuiltInLexicon.shared)
    }

    /// A resolved word: the spelling found in the vocabulary and its row.
    public struct Word: Equatable, Sendable {
        public let word: String
        public let index: Int
    }

    /// Resolves every token (see `WordLookup`); unknown ones are one error naming them all.
    public func resolve(_ arguments: [String]) throws(QueryError) -> [Word] {
        let tokens = WordLookup.tokens(arguments)
        guard !tokens.isEmpty else { throw QueryError("no words given", usage: true) }
        var words: [Word] = []
        var unknown: [String] = []
        for token in tokens {
            if let index = row(for: token) {
                words.append(Word(word: table.word(at: index), index: index))
            } else {
                unknown.append(token)
            }
        }
        guard unknown.isEmpty else {
            let list = unknown.map { "'\($0)'" }.joined(separator: ", ")
            throw QueryError("unknown word\(unknown.count == 1 ? "" : "s") \(list): not in \(source)")
        }
        return words
    }

    public func vector(_ word: Word) -> [Double] { table.vector(at: word.index) }
}

/// The parsed built-in lexicon, parsed once per process.
public enum BuiltInLexicon {
    public static let assetPath = "lexicon.tsv"

    /// The lexicon; a broken asset is a build mistake, caught by the tests, so it traps here.
    public static let shared: Lexicon = {
        guard let text = Assets.text(assetPath) else { fatalError("Assets/\(assetPath) is missing from the binary") }
        do {
            return try Lexicon.parse(text, source: "Assets/\(assetPath)")
        } catch {
            fatalError("\(error)")
        }
    }()
}
