// SPDX-License-Identifier: Apache-2.0

/// Two programs on one state folder: each save merges this program's changes into what is on
/// disk now, so neither loses the other's words.
extension SavedState {
    /// `mine` applied on top of `disk`: the changes this program made since `base` (what it last
    /// read or wrote) are replayed on what another program may have written meanwhile.
    ///
    /// - Placed words: both programs' (this one's win for a word both placed, in one vocabulary).
    /// - A lesson's lists (the sandbox's words): the other program's list, with this program's
    ///   additions since `base` appended and its removals since `base` taken out.
    /// - Solved tasks: both programs'. Where the learner is: this program's.
    public static func merging(_ mine: SavedState, base: SavedState?, disk: SavedState?) -> SavedState {
        guard let disk else { return mine }
        var merged = mine
        for word in disk.customWords
        where !merged.customWords.contains(where: { $0.word == word.word && $0.vector.count == word.vector.count }) {
            merged.customWords.append(word)
        }
        var lessons: [String: SavedLesson] = [:]
        for id in Set(mine.lessons.keys).union(disk.lessons.keys) {
            let ours = mine.lessons[id] ?? SavedLesson()
            let theirs = disk.lessons[id] ?? SavedLesson()
            let before = base?.lessons[id] ?? SavedLesson()
            var lesson = SavedLesson(solved: Array(Set(ours.solved).union(theirs.solved)).sorted())
            for key in Set(ours.lists.keys).union(theirs.lists.keys) {
                lesson.lists[key] = mergedList(ours: ours.lists[key], theirs: theirs.lists[key], base: before.lists[key])
            }
            if !lesson.isEmpty { lessons[id] = lesson }
        }
        merged.lessons = lessons
        return merged
    }

    /// Their list with our additions appended and our removals taken out (both since `base`).
    static func mergedList(ours: [String]?, theirs: [String]?, base: [String]?) -> [String] {
        guard let theirs else { return ours ?? [] }
        guard let ours else { return theirs }
        let before = Set(base ?? [])
        let oursSet = Set(ours)
        if ours == base ?? [] { return theirs }
        let removed = before.subtracting(oursSet)
        var result = theirs.filter { !removed.contains($0) }
        var present = Set(result)
        for word in ours where !before.contains(word) && present.insert(word).inserted { result.append(word) }
        return result
    }
}
