import AttnApp
import TUIKit
import Vocabularies

/// The course's lessons as the command line lists them: number, title and each step's text.
public struct LessonCatalog: Sendable {
    public struct Entry: Equatable, Sendable {
        public let number: Int
        public let title: String
        /// Each step's text as the screen shows it, without line breaks.
        public let steps: [String]
    }

    public let entries: [Entry]

    /// The lesson that is free exploration with every panel (the last).
    public static var sandbox: Int { Course.sandbox }

    public static let shared = LessonCatalog(
        entries: Course.scripts.enumerated().map { index, script in
            Entry(number: index + 1, title: script.title, steps: script.steps.indices.map { script.text(ofStep: $0) })
        })

    public func title(of number: Int) -> String? { entries.first { $0.number == number }?.title }

    public var json: JSONValue {
        .array(
            entries.map { entry in
                .object([
                    ("number", .integer(entry.number)), ("title", .string(entry.title)),
                    ("steps", .array(entry.steps.map { .object([("text", .string($0))]) })),
                ])
            })
    }

    public var text: String {
        entries.map { "\(NumberFormat.pad(String($0.number), 2)). \($0.title) (\($0.steps.count) step\($0.steps.count == 1 ? "" : "s"))" }
            .joined(separator: "\n")
    }
}
