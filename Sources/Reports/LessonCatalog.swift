// SPDX-License-Identifier: Apache-2.0

import AttnApp
import Lessons
import TUIKit

/// The course's lessons as the command line lists them: number, id, title and each step's
/// id, kind and text (and an exercise step's tasks with their solutions).
public struct LessonCatalog: Sendable {
    public struct Entry: Equatable, Sendable {
        public let number: Int
        public let id: String
        public let title: String
        public let steps: [Step]
    }

    public struct Step: Equatable, Sendable {
        public let id: String
        public let kind: StepKind
        /// The step's text as the screen shows it, without line breaks.
        public let text: String
        public let tasks: [ExerciseTaskInfo]
    }

    public let entries: [Entry]

    public init(course: Course) {
        entries = course.lessons.enumerated().map { index, lesson in
            Entry(
                number: index + 1, id: lesson.id, title: lesson.title,
                steps: lesson.stepIDs.indices.map { step in
                    Step(
                        id: lesson.stepIDs[step], kind: lesson.stepKind(step), text: course.text(lesson: index, step: step),
                        tasks: lesson.exerciseTasks(step: step))
                })
        }
    }

    public static let shared = LessonCatalog(course: .standard)

    public var json: JSONValue {
        .array(
            entries.map { entry in
                .object([
                    ("number", .integer(entry.number)), ("id", .string(entry.id)), ("title", .string(entry.title)),
                    ("steps", .array(entry.steps.map(Self.json))),
                ])
            })
    }

    private static func json(_ step: Step) -> JSONValue {
        var fields: [(String, JSONValue)] = [("id", .string(step.id)), ("kind", .string(step.kind.rawValue)), ("text", .string(step.text))]
        if step.kind == .exercise {
            let tasks = step.tasks.map { task in
                JSONValue.object([
                    ("id", .string(task.id)), ("question", .string(task.question)), ("answer", .string(task.kind.rawValue)),
                    ("solution", .string(task.solution)),
                ])
            }
            fields.append(("exercise", .object([("tasks", .array(tasks))])))
        }
        return .object(fields)
    }

    public var text: String {
        entries.map { entry in
            let exercise = entry.steps.contains { $0.kind == .exercise } ? ", with an exercise" : ""
            return
                "\(NumberFormat.pad(String(entry.number), 2)). \(entry.title) (\(entry.id): \(entry.steps.count) step\(entry.steps.count == 1 ? "" : "s")\(exercise))"
        }
        .joined(separator: "\n")
    }
}
