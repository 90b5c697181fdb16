// SPDX-License-Identifier: Apache-2.0

/// Where a word on screen came from: it decides how the word is saved, labelled and coloured.
public enum WordOrigin: String, Codable, Sendable, CaseIterable {
    /// A hand-made row of the built-in lexicon (named features chosen by hand).
    case lexicon
    /// The word pack: features estimated from the word's GloVe vector.
    case pack
    /// A row of the user's embedding file (`--embeddings`).
    case file
    /// Placed by the learner, feature by feature: saved with its vector.
    case custom
}
