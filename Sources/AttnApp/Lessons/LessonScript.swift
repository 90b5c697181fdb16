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

    /// The script `Assets/lessons/NAME.txt`, compiled into the binary.
    public static func load(_ name: String) -> LessonScript {
        guard let text = Assets.text("lessons/\(name).txt") else { fatalError("Assets/lessons/\(name).txt is missing from the binary") }
        return parse(text)
    }

    public static func parse(_ text: String) -> LessonScript {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
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
