import Vocabularies

/// What a hand-edited (or damaged but still valid JSON) state file may hold
/// before the app refuses or clamps it: every value here stays drawable in the
/// panels and summable without overflow.
extension SavedState {
    /// The largest feature value kept. The placement editor stays within ±1, and
    /// a placement starts at the centroid of real vectors (well inside ±10).
    public static let valueLimit = 10.0
    /// Placed words kept; more is no one's real collection.
    public static let customWordLimit = 1000
    /// Sandbox words kept (the lexicon has fewer words than this).
    public static let sandboxWordLimit = 500
    /// A placed word's name, as the add-word prompt allows it.
    public static let wordLengthLimit = 40

    /// This state with absurd values refused or clamped, and one line per kind of change.
    func checked() -> (SavedState, [String]) {
        var state = self
        var warnings: [String] = []
        var seen = Set<String>()
        var refused = 0
        var clamped = 0
        var duplicates = 0
        var kept: [WordInPlay] = []
        for var word in customWords {
            let name = word.word
            guard !name.isEmpty, name.count <= Self.wordLengthLimit, !name.contains(where: \.isWhitespace),
                !word.vector.isEmpty, word.vector.allSatisfy(\.isFinite), word.vector.contains(where: { $0 != 0 })
            else {
                refused += 1
                continue
            }
            // The same name may be placed once per vocabulary (one per dimension).
            guard seen.insert("\(word.vector.count) \(name)").inserted else {
                duplicates += 1
                continue
            }
            if word.vector.contains(where: { abs($0) > Self.valueLimit }) {
                word.vector = word.vector.map { min(Self.valueLimit, max(-Self.valueLimit, $0)) }
                clamped += 1
            }
            word.origin = .custom
            word.kind = nil
            kept.append(word)
        }
        if refused > 0 {
            warnings.append(
                "\(refused) placed word(s) refused (no name, a name over \(Self.wordLengthLimit) characters, or a zero or non-finite vector)"
            )
        }
        if duplicates > 0 { warnings.append("\(duplicates) duplicate placed word(s) dropped (the first is kept)") }
        if clamped > 0 { warnings.append("\(clamped) placed word(s) had values beyond ±\(Int(Self.valueLimit)): clamped") }
        if kept.count > Self.customWordLimit {
            warnings.append("\(kept.count) placed words: only the first \(Self.customWordLimit) are kept")
            kept.removeLast(kept.count - Self.customWordLimit)
        }
        state.customWords = kept

        if let names = sandboxWords {
            var unique: [String] = []
            var seenNames = Set<String>()
            for name in names where seenNames.insert(name).inserted { unique.append(name) }
            if unique.count < names.count { warnings.append("\(names.count - unique.count) repeated sandbox word(s) dropped") }
            if unique.count > Self.sandboxWordLimit {
                warnings.append("\(unique.count) sandbox words: only the first \(Self.sandboxWordLimit) are kept")
                unique.removeLast(unique.count - Self.sandboxWordLimit)
            }
            state.sandboxWords = unique
        }
        return (state, warnings)
    }
}
