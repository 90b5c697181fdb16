import AttnAssets
import TUIKit

/// The course's lessons, numbered from 1, as listed in `Assets/lessons.tsv`.
public struct LessonCatalog: Sendable {
    public struct Entry: Equatable, Sendable {
        public let number: Int
        public let title: String
    }

    public let entries: [Entry]

    /// The lesson that is free exploration with every panel.
    public static let sandbox = 14

    public static let shared: LessonCatalog = {
        guard let text = Assets.text("lessons.tsv") else { fatalError("Assets/lessons.tsv is missing from the binary") }
        let entries = text.split(separator: "\n").compactMap { line -> Entry? in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, let number = Int(fields[0]) else { return nil }
            return Entry(number: number, title: String(fields[1]))
        }
        return LessonCatalog(entries: entries)
    }()

    public func title(of number: Int) -> String? { entries.first { $0.number == number }?.title }

    public var json: JSONValue {
        .array(entries.map { .object([("number", .integer($0.number)), ("title", .string($0.title))]) })
    }

    public var text: String {
        entries.map { "\(NumberFormat.pad(String($0.number), 2)). \($0.title)" }.joined(separator: "\n")
    }
}
