import AttnMath
import TUIKit

/// What the app is started with and never changes while it runs.
public struct AppEnvironment: Sendable {
    /// Where words are looked up: the built-in lexicon or a user's file.
    public var vocabulary: Vocabulary
    /// The words the sandbox starts with.
    public var startWords: [String]
    /// `--lesson N`, overriding saved progress.
    public var initialLesson: Int?
    public var colorMode: ColorMode
    /// Top-k cosine search over the whole vocabulary, built once.
    public let neighborIndex: NeighborIndex

    public init(vocabulary: Vocabulary, startWords: [String]? = nil, initialLesson: Int? = nil, colorMode: ColorMode = .palette256) {
        self.vocabulary = vocabulary
        self.startWords = startWords ?? AppEnvironment.defaultStartWords(for: vocabulary)
        self.initialLesson = initialLesson
        self.colorMode = colorMode
        neighborIndex = NeighborIndex(table: vocabulary.table)
    }

    public var usesBuiltInLexicon: Bool { vocabulary.lexicon != nil }

    /// Eight words mixing fruits, electronics and the two-sense "apple"; for a
    /// file, its first eight words (files list frequent words first).
    public static func defaultStartWords(for vocabulary: Vocabulary) -> [String] {
        if vocabulary.lexicon != nil {
            return ["apple", "orange", "banana", "cherry", "phone", "laptop", "keyboard", "television"]
        }
        return Array(vocabulary.table.words.prefix(8))
    }
}
