// SPDX-License-Identifier: Apache-2.0

import AttnAssets

/// A lesson's words: its title and its steps by name, read from `Assets/lessons/<id>.txt`.
///
/// The file's first line is the title; each step starts with a line `--- step: NAME`, NAME
/// being one of the lesson's `Step` cases. Inside a step, a blank line starts a new
/// paragraph and a line beginning `Try:` is what the learner is asked to do (drawn in
/// italics); a paragraph beginning `Recap:` sums the lesson up, one line per `- ` item;
/// `{lesson:ID}` reads "lesson N", N the number of lesson ID in the course.
public struct LessonScript: Equatable, Sendable {
    public struct Section: Equatable, Sendable {
        public let step: String
        /// The step's paragraphs, as written: single line breaks are spaces, except before a
        /// `- ` item, which starts a line of its own.
        public let paragraphs: [String]
    }

    public let title: String
    public let sections: [Section]

    public init(title: String, sections: [Section]) {
        self.title = title
        self.sections = sections
    }

    /// The step names, in the script's order.
    public var stepNames: [String] { sections.map(\.step) }

    public func paragraphs(of step: String) -> [String] { sections.first { $0.step == step }?.paragraphs ?? [] }

    /// Every script of `Assets/lessons/`, parsed once: a lesson value is made for every
    /// `AppState` and every `r`, and should cost no parsing.
    private static let all: [String: LessonScript] = Dictionary(
        uniqueKeysWithValues: Assets.paths.filter { $0.hasPrefix("lessons/") && $0.hasSuffix(".txt") }.compactMap { path in
            Assets.text(path).map { (String(path.dropFirst("lessons/".count).dropLast(".txt".count)), parse($0)) }
        })

    /// The names of every script compiled into the binary.
    public static var names: [String] { all.keys.sorted() }

    /// The script `Assets/lessons/NAME.txt`, compiled into the binary; a lesson whose script is
    /// missing is a build mistake (the course tests catch it), shown as an empty lesson.
    public static func load(_ name: String) -> LessonScript {
        all[name] ?? LessonScript(title: name, sections: [])
    }

    /// The marker line of a step: `--- step: NAME`.
    static let marker = "--- step:"

    public static func parse(_ text: String) -> LessonScript {
        // Lines as bytes, trimmed of ASCII blanks: a script is read on every start, and
        // Character by Character it costs more than the rest of the first frame.
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> String in
            guard let first = line.firstIndex(where: { !blank($0) }), let last = line.lastIndex(where: { !blank($0) }) else { return "" }
            return String(decoding: line[first...last], as: UTF8.self)
        }
        let title = lines.isEmpty ? "" : lines.removeFirst()
        var sections: [Section] = []
        var name: String?
        var paragraphs: [String] = []
        var paragraph: [String] = []
        func endParagraph() {
            guard let first = paragraph.first else { return }
            var text = first
            for line in paragraph.dropFirst() { text += (line.hasPrefix("- ") ? "\n" : " ") + line }
            paragraphs.append(text)
            paragraph = []
        }
        func endStep() {
            endParagraph()
            if let name { sections.append(Section(step: name, paragraphs: paragraphs)) }
            paragraphs = []
        }
        for line in lines {
            if line.hasPrefix(marker) {
                endStep()
                name = String(line.dropFirst(marker.count)).trimmingBlanks()
            } else if line.isEmpty {
                endParagraph()
            } else if name != nil {
                paragraph.append(line)
            }
        }
        endStep()
        return LessonScript(title: title, sections: sections)
    }
}

extension String {
    fileprivate func trimmingBlanks() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
