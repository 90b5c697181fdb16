// SPDX-License-Identifier: Apache-2.0

import TUIKit
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
    /// Entries kept in each of a lesson's saved lists (the words in play: `Workspace.wordLimit`).
    public static let listLimit = Workspace.wordLimit
    /// Tasks and lists kept per lesson: more is a damaged file, not progress.
    public static let lessonEntryLimit = 200
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
            guard !name.isEmpty, name.count <= Self.wordLengthLimit, name.allSatisfy(ScalarBound.fits),
                !name.contains(where: \.isWhitespace),
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
                "\(refused) placed word(s) refused (no name, a name over \(Self.wordLengthLimit) characters or with a character of over \(ScalarBound.perCharacter) scalars, or a zero or non-finite vector)"
            )
        }
        if duplicates > 0 { warnings.append("\(duplicates) duplicate placed word(s) dropped (the first is kept)") }
        if clamped > 0 { warnings.append("\(clamped) placed word(s) had values beyond ±\(Int(Self.valueLimit)): clamped") }
        if kept.count > Self.customWordLimit {
            warnings.append("\(kept.count) placed words: only the first \(Self.customWordLimit) are kept")
            kept.removeLast(kept.count - Self.customWordLimit)
        }
        state.customWords = kept

        var lessons: [String: SavedLesson] = [:]
        var repeated = 0
        var cut = 0
        for (id, lesson) in self.lessons.sorted(by: { $0.key < $1.key }).prefix(Self.lessonEntryLimit) {
            var checked = SavedLesson(solved: Array(Self.unique(lesson.solved, repeated: &repeated).prefix(Self.lessonEntryLimit)))
            for (key, names) in lesson.lists.sorted(by: { $0.key < $1.key }).prefix(Self.lessonEntryLimit) {
                var unique = Self.unique(names, repeated: &repeated)
                if unique.count > Self.listLimit {
                    cut += unique.count - Self.listLimit
                    unique.removeLast(unique.count - Self.listLimit)
                }
                checked.lists[key] = unique
            }
            lessons[id] = checked
        }
        if repeated > 0 { warnings.append("\(repeated) repeated saved word(s) or task(s) dropped") }
        if cut > 0 { warnings.append("\(cut) saved word(s) beyond \(Self.listLimit) in play dropped") }
        state.lessons = lessons
        return (state, warnings)
    }

    private static func unique(_ names: [String], repeated: inout Int) -> [String] {
        var seen = Set<String>()
        let kept = names.filter { seen.insert($0).inserted }
        repeated += names.count - kept.count
        return kept
    }
}
