// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit
import Vocabularies

/// A vocabulary with what the screen needs of it, built once.
public struct VocabularySpace: Sendable, Equatable {
    public let vocabulary: Vocabulary
    /// Top-k cosine search over the whole vocabulary.
    public let neighborIndex: NeighborIndex
    /// The words the sandbox starts with.
    public let startWords: [String]
    /// The user chose `startWords` (`--words`): they win over saved words.
    public let startWordsChosen: Bool
    /// A word this space lacks is looked up in the word pack (the built-in lexicon's space).
    public let usesWordPack: Bool
    /// The same vocabulary as far as a run can tell: the same source, shape and start words
    /// (comparing every vector would make comparing two states cost a whole table).
    public static func == (a: VocabularySpace, b: VocabularySpace) -> Bool {
        a.vocabulary.source == b.vocabulary.source && a.vocabulary.table.count == b.vocabulary.table.count
            && a.dimension == b.dimension && a.startWords == b.startWords && a.startWordsChosen == b.startWordsChosen
            && a.usesWordPack == b.usesWordPack
    }

    init(_ vocabulary: Vocabulary, startWords: [String]?, usesWordPack: Bool = false) {
        self.vocabulary = vocabulary
        self.usesWordPack = usesWordPack
        // A vector too short to have a direction is never offered as a neighbour (as in `neighbors`).
        neighborIndex = NeighborIndex(table: vocabulary.table, minimumLength: vocabulary.minimumDirectionLength)
        self.startWords = startWords ?? VocabularySpace.defaultStartWords(for: vocabulary)
        startWordsChosen = startWords != nil
    }

    public var dimension: Int { vocabulary.table.dimension }
    public var isBuiltIn: Bool { vocabulary.lexicon != nil }

    /// Eight words mixing fruits, electronics and the two-sense "apple"; for a
    /// file, its first eight words (files list frequent words first).
    public static func defaultStartWords(for vocabulary: Vocabulary) -> [String] {
        if vocabulary.lexicon != nil {
            return ["apple", "orange", "banana", "cherry", "phone", "laptop", "keyboard", "television"]
        }
        // The first eight distinct words: a duplicated word's later rows are never looked up.
        let table = vocabulary.table
        return Array((0..<min(table.count, 64)).filter { table.index(of: table.word(at: $0)) == $0 }.map { table.word(at: $0) }.prefix(8))
    }
}

/// The real-vectors view's space, built on first use (it parses the word pack and indexes 20,000 vectors).
enum RealVectorSpace {
    static let shared = VocabularySpace(BuiltInWordPack.realVectors, startWords: nil)
}

/// What the app is started with and never changes while it runs.
public struct AppEnvironment: Sendable, Equatable {
    /// The lessons, in order.
    public let course: Course
    /// The built-in lexicon: every lesson's words.
    public let lexicon: VocabularySpace
    /// A user's file (`--embeddings`): the words of the lesson that explores files.
    public let file: VocabularySpace?
    /// `--lesson ID|N`, overriding saved progress: the lesson's position in the course.
    public var initialLesson: Int?
    /// `--step S` (from 0 here), with `initialLesson`.
    public var initialStep: Int?
    public var colorMode: ColorMode

    /// - Parameters:
    ///   - vocabulary: the built-in lexicon, or a user's file (then the lessons still use the lexicon).
    ///   - startWords: the explorer's first words (`--words`); default: eight of the vocabulary's.
    public init(
        course: Course, vocabulary: Vocabulary, startWords: [String]? = nil, initialLesson: Int? = nil, initialStep: Int? = nil,
        colorMode: ColorMode = .palette256
    ) {
        self.course = course
        if vocabulary.lexicon != nil {
            lexicon = VocabularySpace(vocabulary, startWords: startWords, usesWordPack: true)
            file = nil
        } else {
            lexicon = VocabularySpace(.builtIn(), startWords: nil, usesWordPack: true)
            file = VocabularySpace(vocabulary, startWords: startWords)
        }
        self.initialLesson = initialLesson.map { min(max(0, $0), course.count - 1) }
        self.initialStep = initialStep
        self.colorMode = colorMode
    }

    /// The space a lesson's `VocabularyChoice.explorer` stands for: the user's file when there is one.
    public var explorerSpace: VocabularySpace { file ?? lexicon }
}
