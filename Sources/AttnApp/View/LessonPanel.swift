import AttnAssets
import AttnMath
import TUIKit

/// The lesson's text and its formula with the live numbers of the selected
/// word; while a new word is being placed, its feature editor instead.
struct LessonPanel: Widget {
    let state: AppState
    let colorMode: ColorMode

    func render(into buffer: inout Buffer, area: Rect) {
        if case .placing(let placement) = state.mode {
            renderPlacement(placement, into: &buffer, area: area)
            return
        }
        let lesson = LessonText.lesson(state.lesson)
        let frame = Frame(title: "Lesson \(state.lesson) · \(lesson.title)")
        let inner = frame.draw(into: &buffer, area: area)
        // In a lesson its words come first (they are the course); in the sandbox the live numbers do.
        var lessonText = StyledText(lesson.body)
        if let tryIt = lesson.tryIt { lessonText.append("\n\nTry: " + tryIt, style: Style(modifiers: [.italic])) }
        var text = StyledText()
        let live = liveFormula.map { StyledText($0, style: Style(foreground: colorMode.displayable(.cube(5, 5, 1)), modifiers: [.bold])) }
        if let live, state.lesson == LessonCatalog.sandbox {
            text = live + StyledText("\n\n") + lessonText
        } else {
            text = lessonText
            if let live { text = text + StyledText("\n\n") + live }
        }
        Paragraph(text).render(into: &buffer, area: inner)
    }

    /// The most terms the live formula spells out; the rest are summed up as "… (n more)".
    static let formulaTerms = 8

    /// context(w) = Σ weightⱼ·wordⱼ for the selected word, largest weights first.
    var liveFormula: String? {
        guard let attention = state.analysis.attention, let word = state.selectedWord,
            attention.weights.indices.contains(state.selected)
        else { return nil }
        let ranked = zip(attention.weights[state.selected], state.words).sorted { $0.0 > $1.0 }
        var terms = ranked.prefix(Self.formulaTerms).map { "\(NumberFormat.fixed($0.0, decimals: 2))·\($0.1.word)" }
        if ranked.count > Self.formulaTerms { terms.append("… (\(ranked.count - Self.formulaTerms) more)") }
        return "context(\(word.word)) = " + terms.joined(separator: " + ")
    }

    private func renderPlacement(_ placement: Placement, into buffer: inout Buffer, area: Rect) {
        let frame = Frame(title: "Place '\(placement.word)' by its features", isFocused: true)
        let inner = frame.draw(into: &buffer, area: area)
        let names = state.featureNames
        let nameWidth = min(10, names.map { DisplayWidth.of($0) }.max() ?? 0)
        // Several columns of features when the panel is wide, so 8 features fit in a few rows.
        let columnWidth = nameWidth + 14
        let columns = max(1, inner.width / columnWidth)
        let rowsNeeded = (names.count + columns - 1) / columns
        // The last row names the nearest words when every feature row fits above it.
        let showsNearest = inner.height > rowsNeeded
        let visibleRows = max(1, inner.height - (showsNearest ? 1 : 0))
        let currentRow = placement.feature / columns
        let first = currentRow >= visibleRows ? currentRow - visibleRows + 1 : 0
        for (index, value) in placement.vector.enumerated() {
            let row = index / columns - first
            guard row >= 0, row < visibleRows else { continue }
            let x = inner.x + (index % columns) * columnWidth
            let selected = index == placement.feature
            let bar =
                value >= 0
                ? String(repeating: "▮", count: Int((value * 5).rounded())) : String(repeating: "▯", count: Int((-value * 5).rounded()))
            let text =
                NumberFormat.padRight(DisplayWidth.truncate(names[index], to: nameWidth), nameWidth) + " "
                + NumberFormat.pad(NumberFormat.fixed(value, decimals: 1), 4) + " " + bar
            buffer.write(
                text, x: x, y: inner.y + row, style: selected ? Style(modifiers: [.reverse, .bold]) : .plain, maxWidth: columnWidth - 1)
        }
        let nearest = nearestWords(to: placement.vector)
        if !nearest.isEmpty, showsNearest {
            buffer.write(
                "nearest: " + nearest.joined(separator: ", "), x: inner.x, y: inner.bottom - 1, style: Style(modifiers: [.dim]),
                maxWidth: inner.width)
        }
    }

    /// The vocabulary's three nearest words to the vector being placed: does the new word land where intended?
    private func nearestWords(to vector: [Double]) -> [String] {
        let table = state.space.vocabulary.table
        guard table.count <= 5000 else { return [] }
        return (0..<table.count)
            .compactMap { i in cosineSimilarity(table.vector(at: i), vector).map { (i, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .prefix(3)
            .map { "\(WordInPlay.shown(table.word(at: $0.0))) \(NumberFormat.fixed($0.1, decimals: 2))" }
    }
}

/// A lesson's text from `Assets/lessons/NN.txt`: title, paragraphs, `Formula:` and `Try:` lines.
struct LessonText: Equatable {
    let title: String
    let body: String
    let formula: String?
    let tryIt: String?

    /// Every lesson's text, parsed once (the view asks on every frame).
    private static let parsed: [Int: LessonText] = Dictionary(
        uniqueKeysWithValues: LessonCatalog.shared.entries.map { ($0.number, load($0.number)) })

    static func lesson(_ number: Int) -> LessonText {
        parsed[number] ?? load(number)
    }

    private static func load(_ number: Int) -> LessonText {
        let name = number < 10 ? "lessons/0\(number).txt" : "lessons/\(number).txt"
        let fallbackTitle = LessonCatalog.shared.title(of: number) ?? "Lesson \(number)"
        guard let text = Assets.text(name) else { return LessonText(title: fallbackTitle, body: "", formula: nil, tryIt: nil) }
        return parse(text, fallbackTitle: fallbackTitle)
    }

    static func parse(_ text: String, fallbackTitle: String) -> LessonText {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let title = lines.isEmpty ? fallbackTitle : lines.removeFirst()
        var formula: String?
        var tryIt: String?
        var body: [String] = []
        for line in lines {
            if line.hasPrefix("Formula:") {
                formula = String(line.dropFirst("Formula:".count)).trimmingWhitespace()
            } else if line.hasPrefix("Try:") {
                tryIt = String(line.dropFirst("Try:".count)).trimmingWhitespace()
            } else {
                body.append(line)
            }
        }
        let joined = body.joined(separator: "\n").trimmingCharacters(in: "\n")
        let withFormula = formula.map { joined + "\n\n" + $0 } ?? joined
        return LessonText(title: title.isEmpty ? fallbackTitle : title, body: withFormula, formula: formula, tryIt: tryIt)
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
