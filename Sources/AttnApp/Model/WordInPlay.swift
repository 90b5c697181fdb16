// SPDX-License-Identifier: Apache-2.0

import Vocabularies

/// A word on screen: its vector and where it came from.
public struct WordInPlay: Equatable, Codable, Sendable {
    public var word: String
    public var vector: [Double]
    public var origin: WordOrigin
    /// The lexicon's or the word pack's category (fruit, electronics, …); nil where there is none
    /// (a file's words, the learner's own).
    public var kind: String?

    public init(word: String, vector: [Double], origin: WordOrigin, kind: String? = nil) {
        self.word = word
        self.vector = vector
        self.origin = origin
        self.kind = kind
    }

    /// The category panels colour the word by: its kind, or its origin where it has none.
    public var category: String {
        switch origin {
        case .custom: "custom"
        case .file: kind ?? "file"
        case .lexicon, .pack: kind ?? "other"
        }
    }

    /// Placed by the learner (not found in any vocabulary): saved with its vector.
    public var isCustom: Bool { origin == .custom }
    /// From the word pack: features estimated from its GloVe vector, not chosen by hand.
    public var isEstimated: Bool { origin == .pack }

    /// The word as panels label it: an estimated word carries a "~".
    public var label: String { isEstimated ? word + "~" : word }

    private enum CodingKeys: String, CodingKey {
        case word, vector, origin, kind
        // Written before origins were an enum (state format 1).
        case category, isCustom, isEstimated
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        word = try container.decode(String.self, forKey: .word)
        vector = try container.decode([Double].self, forKey: .vector)
        if let origin = try container.decodeIfPresent(WordOrigin.self, forKey: .origin) {
            self.origin = origin
            kind = try container.decodeIfPresent(String.self, forKey: .kind)
            return
        }
        // Format 1: flags and a category string that doubled as the origin.
        let category = try container.decode(String.self, forKey: .category)
        if try container.decodeIfPresent(Bool.self, forKey: .isCustom) == true {
            origin = .custom
        } else if try container.decodeIfPresent(Bool.self, forKey: .isEstimated) == true {
            origin = .pack
        } else {
            origin = category == "file" ? .file : .lexicon
        }
        kind = origin == .custom || category == "file" ? nil : category
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(word, forKey: .word)
        try container.encode(vector, forKey: .vector)
        try container.encode(origin, forKey: .origin)
        try container.encodeIfPresent(kind, forKey: .kind)
    }
}
