import AttnAssets

/// A lesson's words: its title and its steps, read from `Assets/lessons/NN.txt`.
///
/// The file's first line is the title; steps are separated by a line `---`. Inside a
/// step, a blank line starts a new paragraph and a line beginning `Try:` is what the
/// learner is asked to do (drawn in italics).
public struct LessonScript: Equatable, Sendable {
    public let title: String
    /// Each step's paragraphs, as written (single line breaks are spaces).
    public let steps: [[String]]

    public init(title: String, steps: [[String]]) {
        self.title = title
        self.steps = steps.isEmpty ? [[]] : steps
    }

    /// The step's text as one line, as `lessons --json` gives it.
    public func text(ofStep step: Int) -> String {
        steps.indices.contains(step) ? steps[step].joined(separator: " ") : ""
    }

    /// Every script of `Assets/lessons/`, parsed once: a lesson value is made for every
    /// `AppState` and every `r`, and should cost no parsing.
    private static let all: [String: LessonScript] = Dictionary(
        uniqueKeysWithValues: Assets.paths.filter { $0.hasPrefix("lessons/") && $0.hasSuffix(".txt") }.compactMap { path in
            Assets.text(path).map { (String(path.dropFirst("lessons/".count).dropLast(".txt".count)), parse($0)) }
        })

    /// The script `Assets/lessons/NAME.txt`, compiled into the binary.
    public static func load(_ name: String) -> LessonScript {
        guard let script = all[name] else { fatalError("Assets/lessons/\(name).txt is missing from the binary") }
        return script
    }

    public static func parse(_ text: String) -> LessonScript {
        // Lines as bytes, trimmed of ASCII blanks: a script is read on every start, and
        // Character by Character it costs more than the rest of the first frame.
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> String in
            guard let first = line.firstIndex(where: { !blank($0) }), let last = line.lastIndex(where: { !blank($0) }) else { return "" }
            return String(decoding: line[first...last], as: UTF8.self)
        }
        let title = lines.isEmpty ? "" : lines.removeFirst()
        var steps: [[String]] = []
        var paragraphs: [String] = []
        var paragraph: [String] = []
        func endParagraph() {
            if !paragraph.isEmpty { paragraphs.append(paragraph.joined(separator: " ")) }
            paragraph = []
        }
        func endStep() {
            endParagraph()
            if !paragraphs.isEmpty { steps.append(paragraphs) }
            paragraphs = []
        }
        for line in lines {
            if line == "---" {
                endStep()
            } else if line.isEmpty {
                endParagraph()
            } else {
                paragraph.append(line)
            }
        }
        endStep()
        return LessonScript(title: title, steps: steps)
    }
}
