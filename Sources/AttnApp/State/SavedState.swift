// SPDX-License-Identifier: Apache-2.0

/// What survives a restart: where the learner is, what they solved, and their own words.
public struct SavedState: Codable, Equatable, Sendable {
    /// The format version this release reads and writes.
    public static let currentVersion = 2
    /// Format version, so a future release can migrate instead of discarding.
    public var version: Int = SavedState.currentVersion
    /// The lesson the learner was on, by id (`cosine`), and its step by name (`stretch`).
    public var lesson: String?
    public var step: String?
    /// Words the learner placed by hand, with their vectors.
    public var customWords: [WordInPlay]
    /// What each lesson keeps, by lesson id: solved tasks and its own lists (the sandbox's words).
    public var lessons: [String: SavedLesson]

    public init(lesson: String?, step: String? = nil, customWords: [WordInPlay], lessons: [String: SavedLesson] = [:]) {
        self.lesson = lesson
        self.step = step
        self.customWords = customWords
        self.lessons = lessons
    }

    private enum CodingKeys: String, CodingKey {
        case version, lesson, step, customWords, lessons
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        lesson = try container.decodeIfPresent(String.self, forKey: .lesson)
        step = try container.decodeIfPresent(String.self, forKey: .step)
        customWords = try container.decodeIfPresent([WordInPlay].self, forKey: .customWords) ?? []
        lessons = try container.decodeIfPresent([String: SavedLesson].self, forKey: .lessons) ?? [:]
    }
}

/// One lesson's part of the saved state.
public struct SavedLesson: Codable, Equatable, Sendable {
    /// The ids of the exercise tasks the learner solved.
    public var solved: [String]
    /// The lesson's own named lists (`Lesson.saved`).
    public var lists: [String: [String]]

    public init(solved: [String] = [], lists: [String: [String]] = [:]) {
        self.solved = solved
        self.lists = lists
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        solved = try container.decodeIfPresent([String].self, forKey: .solved) ?? []
        lists = try container.decodeIfPresent([String: [String]].self, forKey: .lists) ?? [:]
    }

    private enum CodingKeys: String, CodingKey {
        case solved, lists
    }

    public var isEmpty: Bool { solved.isEmpty && lists.isEmpty }
}

/// Format 1 (until lessons had ids): the lesson by number, the step by position, the
/// sandbox's words of the built-in lexicon. Read once and migrated, never written.
struct SavedStateVersion1: Decodable {
    var lesson: Int?
    var step: Int?
    var customWords: [WordInPlay]?
    var sandboxWords: [String]?

    /// The ids of format 1's lessons, in its order: a number saved then means this lesson.
    static let lessonIDs = [
        "vectors", "features", "dot-product", "cosine", "scaled-dot", "similarity-table", "weighted-average", "softmax", "attention",
        "queries-keys", "values", "multi-head", "learning-embeddings", "sandbox",
    ]

    /// The same progress and words in format 2; a step is named by the lesson as the course has it now.
    func migrated(course: Course) -> SavedState {
        let id = lesson.flatMap { Self.lessonIDs.indices.contains($0 - 1) ? Self.lessonIDs[$0 - 1] : nil }
        let stepName = id.flatMap { course.index(of: $0) }.flatMap { index -> String? in
            let names = course.lessons[index].stepIDs
            return step.flatMap { names.indices.contains($0) ? names[$0] : nil }
        }
        var lessons: [String: SavedLesson] = [:]
        if let sandboxWords {
            lessons["sandbox"] = SavedLesson(lists: [SavedState.wordsKey(space: SavedState.lexiconSpace): sandboxWords])
        }
        return SavedState(lesson: id, step: stepName, customWords: customWords ?? [], lessons: lessons)
    }
}

extension SavedState {
    /// The key under which a lesson saves its words of one vocabulary (`words:lexicon`,
    /// `words:file:/path/vectors.txt`): each vocabulary's words are kept apart.
    public static func wordsKey(space: String) -> String { "words:" + space }
    public static let lexiconSpace = "lexicon"

    /// The words a lesson saved for a vocabulary, if any.
    public func words(ofLesson id: String, space: String) -> [String]? {
        lessons[id]?.lists[Self.wordsKey(space: space)]
    }
}
