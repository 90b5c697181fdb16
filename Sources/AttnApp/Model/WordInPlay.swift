/// A word on screen: its vector and where it came from.
public struct WordInPlay: Equatable, Codable, Sendable {
    public var word: String
    public var vector: [Double]
    /// fruit, electronics, … for lexicon words; "custom" for words the user placed; "file" for a user's file.
    public var category: String
    /// Placed by the user (not found in any vocabulary): saved with its vector.
    public var isCustom: Bool
    /// From the word pack: features estimated from its GloVe vector, not chosen by hand.
    public var isEstimated: Bool

    public init(word: String, vector: [Double], category: String, isCustom: Bool = false, isEstimated: Bool = false) {
        self.word = word
        self.vector = vector
        self.category = category
        self.isCustom = isCustom
        self.isEstimated = isEstimated
    }

    /// The word as panels label it: an estimated word carries a "~".
    public var label: String { isEstimated ? word + "~" : word }

    private enum CodingKeys: String, CodingKey {
        case word, vector, category, isCustom, isEstimated
    }

    // State files written before the word pack have no isEstimated: their words were not estimated.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        word = try container.decode(String.self, forKey: .word)
        vector = try container.decode([Double].self, forKey: .vector)
        category = try container.decode(String.self, forKey: .category)
        isCustom = try container.decode(Bool.self, forKey: .isCustom)
        isEstimated = try container.decodeIfPresent(Bool.self, forKey: .isEstimated) ?? false
    }
}
