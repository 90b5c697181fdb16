// SPDX-License-Identifier: Apache-2.0

/// The course: its lessons, in order. A value, so a test can build one with a lesson of its
/// own inserted anywhere; the program runs `Course.standard` (in the `Lessons` target).
///
/// Lessons are known by id (`cosine`); a number is only a lesson's place in this course,
/// for the title bar and for the learner typing `--lesson 4`.
public struct Course: Sendable, Equatable {
    /// A fresh value of each lesson, in order.
    public let lessons: [AnyLesson]

    public init(_ lessons: [any Lesson]) {
        precondition(!lessons.isEmpty, "a course has at least one lesson")
        self.lessons = lessons.map(AnyLesson.init)
        let ids = self.lessons.map(\.id)
        precondition(Set(ids).count == ids.count, "two lessons share an id: \(ids)")
    }

    public var count: Int { lessons.count }
    public var ids: [String] { lessons.map(\.id) }

    /// The position (from 0) of the lesson with this id.
    public func index(of id: String) -> Int? { lessons.firstIndex { $0.id == id } }

    /// A lesson as the learner names it on the command line: its id, or its number (from 1).
    public func index(named name: String) -> Int? {
        if let index = index(of: name) { return index }
        if let number = Int(name), lessons.indices.contains(number - 1) { return number - 1 }
        return nil
    }

    /// The lesson `attn-tui --embeddings FILE` opens: the first that explores a user's file.
    public var userFileLesson: Int? { lessons.firstIndex { $0.opensUserFiles } }

    /// The step a learner names on the command line (`--step 2` or `--step stretch`) in the lesson at `index`.
    public func stepIndex(named name: String, inLesson index: Int) -> Int? {
        let lesson = lessons[index]
        if let step = lesson.stepIndex(of: name) { return step }
        if let number = Int(name), (1...lesson.stepCount).contains(number) { return number - 1 }
        return nil
    }

    /// A step's text as the screen shows it: `{lesson:ID}` in a script reads "lesson N" of this course.
    public func resolved(_ text: String) -> String {
        guard text.contains("{lesson:") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{lesson:") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let id = String(rest[open.upperBound..<close])
            result += index(of: id).map { "lesson \($0 + 1)" } ?? "lesson \(id)"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The step's text on one line, as `lessons --json` gives it.
    public func text(lesson index: Int, step: Int) -> String {
        resolved(lessons[index].paragraphs(ofStep: step).joined(separator: " ")).replacing("\n", with: " ")
    }
}
