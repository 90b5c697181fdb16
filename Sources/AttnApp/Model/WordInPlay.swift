/// A word on screen: its vector and where it came from.
public struct WordInPlay: Equatable, Codable, Sendable {
    public var word: String
    public var vector: [Double]
    /// fruit, electronics, … for lexicon words; "custom" for words the user placed; "file" for a user's file.
    public var category: String
    /// Placed by the user (not found in any vocabulary): saved with its vector.
    public var isCustom: Bool

    public init(word: String, vector: [Double], category: String, isCustom: Bool = false) {
        self.word = word
        self.vector = vector
        self.category = category
        self.isCustom = isCustom
    }
}
