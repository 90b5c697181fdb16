// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Vocabularies

extension Workspace {
    /// A word the space lacks, from the word pack (hand-made rows first, also through a
    /// lemma: "apples" is the lexicon's apple); nil when the pack lacks it too.
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
}
