/// What survives a restart: progress and the user's own words.
public struct SavedState: Codable, Equatable, Sendable {
    /// The format version this release reads and writes.
    public static let currentVersion = 1
    /// Format version, so a future release can migrate instead of discarding.
    public var version: Int = SavedState.currentVersion
    /// The lesson the user was on.
    public var lesson: Int?
    /// The step of that lesson, from 0.
    public var step: Int?
    /// Words the user placed by hand, with their vectors.
    public var customWords: [WordInPlay]
    /// The sandbox's words in play (built-in lexicon only).
    public var sandboxWords: [String]?

    public init(lesson: Int?, step: Int? = nil, customWords: [WordInPlay], sandboxWords: [String]?) {
        self.lesson = lesson
        self.step = step
        self.customWords = customWords
        self.sandboxWords = sandboxWords
    }
}
