// SPDX-License-Identifier: Apache-2.0

/// Simple English lemmatising for looking words up: the base forms a regular
/// plural, past tense or -ing form may come from ("berries" → berry,
/// "knives" → knife, "chopped" → chop, "baking" → bake).
///
/// It proposes, the vocabulary disposes: every candidate is only a guess to
/// look up, tried in this order. The word pack's generator
/// (`Tools/wordpack/build_wordpack.py`) leaves out exactly the inflected
/// forms these rules lead back to their base, so the two must agree.
public enum EnglishLemma {
    /// The possible base forms of a lower-case word, most likely first, without the word itself.
    public static func candidates(for word: String) -> [String] {
        var out: [String] = []
        func add(_ candidate: Substring, _ suffix: String = "") {
            let base = String(candidate) + suffix
            if base.count >= 2, base != word, !out.contains(base) { out.append(base) }
        }
        let count = word.count
        if word.hasSuffix("ies"), count > 4 { add(word.dropLast(3), "y") }
        if word.hasSuffix("ves"), count > 4 {
            add(word.dropLast(3), "f")
            add(word.dropLast(3), "fe")
        }
        if word.hasSuffix("es"), count > 3 { add(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), count > 2 { add(word.dropLast(1)) }
        for suffix in ["ed", "ing"] where word.hasSuffix(suffix) && count > suffix.count + 2 {
            let stem = word.dropLast(suffix.count)
            add(stem)
            add(stem, "e")
            if stem.count > 2, stem.last == stem.dropLast().last { add(stem.dropLast()) }
            if suffix == "ed", stem.hasSuffix("i") { add(stem.dropLast(), "y") }
        }
        return out
    }
}
