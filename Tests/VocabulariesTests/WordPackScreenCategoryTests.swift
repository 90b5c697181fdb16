// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Testing
import Vocabularies

/// The screen shows a pack word's category on the lexicon's categories where one fits.
@Suite("Word pack categories on screen")
struct WordPackScreenCategoryTests {
    private let pack = BuiltInWordPack.shared

    /// The pack's categories that have no lexicon category to go to keep their own name (and colour).
    private static let ownNames: Set = ["instrument", "tool", "container", "plant", "landform", "weather", "sound"]

    @Test(arguments: [
        ("digital", "electronics"), ("machine", "electronics"), ("household", "furniture"), ("appliance", "furniture"),
        ("abstract", "other"), ("none", "other"), ("body", "other"), ("place", "other"), ("weapon", "other"),
        ("fruit", "fruit"), ("food", "food"), ("animal", "animal"), ("vehicle", "vehicle"), ("colour", "colour"),
        ("furniture", "furniture"), ("electronics", "electronics"), ("sound", "sound"), ("weather", "weather"),
    ])
    func categoriesMapOntoTheLexicons(_ category: String, _ shown: String) {
        #expect(BuiltInWordPack.screenCategory(category) == shown)
    }

    /// Every category the pack uses is shown as a lexicon category, as "other", or under a name
    /// kept on purpose: a category a regenerated pack adds must be placed here.
    @Test func everyCategoryOfThePackIsPlaced() {
        let lexicon = Set(BuiltInLexicon.shared.categories)
        for category in Set(pack.categories) {
            let shown = BuiltInWordPack.screenCategory(category)
            #expect(
                lexicon.contains(shown) || shown == "other" || Self.ownNames.contains(shown),
                "the pack's category \(category) is shown as \(shown), which the screen does not know")
        }
        // The mapping names only categories the pack uses, and only places it on known ones.
        for (category, shown) in BuiltInWordPack.screenCategories {
            #expect(pack.categories.contains(category), "\(category) is not a category of the pack")
            #expect(lexicon.contains(shown) || shown == "other", "\(category) → \(shown)")
        }
    }

    @Test(arguments: [
        ("software", "electronics"), ("robot", "electronics"), ("kitchen", "furniture"), ("kidney", "other"),
        ("democracy", "other"), ("garlic", "food"),
    ])
    func wordsAreShownInTheirCategory(_ word: String, _ shown: String) throws {
        let row = try #require(pack.features.index(of: word), "\(word) is not in the pack")
        #expect(BuiltInWordPack.screenCategory(pack.categories[row]) == shown, "\(word): \(pack.categories[row])")
    }
}
