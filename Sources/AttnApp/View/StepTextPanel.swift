// SPDX-License-Identifier: Apache-2.0

import AttnAssets
import AttnMath
import TUIKit

/// The step's text (with a live line from the lesson, if it has one); while a new word
/// is being placed, its feature editor instead.
public struct StepTextPanel: Widget {
    let state: AppState
    let colorMode: ColorMode

    public func render(into buffer: inout Buffer, area: Rect) {
        if case .placing(let placement) = state.mode {
            renderPlacement(placement, into: &buffer, area: area)
            return
        }
        let frame = Frame(title: Self.frameTitle(state), isFocused: state.focus == .text)
        let inner = frame.draw(into: &buffer, area: area)
        var text = Self.text(state, colorMode: colorMode)
        if TextWrap.wrap(text, width: inner.width).count > inner.height {
            // The step's words matter more than the live line (the weights panel shows those numbers too).
            text = Self.text(state, colorMode: colorMode, includingLive: false)
        }
        Paragraph(text).render(into: &buffer, area: inner)
        let needed = TextWrap.wrap(text, width: inner.width).count
        if needed > inner.height, inner.height > 0 {
            // Never a silent cut: say the text goes on (the layouts give it room from 80×24).
            let more = " more: Tab here "
            buffer.write(
                more, x: max(inner.x, inner.right - DisplayWidth.of(more)), y: inner.bottom - 1, style: Style(modifiers: [.reverse]))
        }
    }

    static func frameTitle(_ state: AppState) -> String {
        state.stepKind == .exercise ? "Exercise" : "Step \(state.step + 1) of \(state.currentLesson.stepCount)"
    }

    /// The live line (bold), then the step's paragraphs; "Try:" paragraphs in italics, "Recap:" in bold.
    static func text(_ state: AppState, colorMode: ColorMode, includingLive: Bool = true) -> StyledText {
        var text = StyledText()
        if includingLive, let live = state.currentLesson.liveText(step: state.step, state: state) {
            text.append(live, style: Style(foreground: colorMode.displayable(.cube(5, 5, 1)), modifiers: [.bold]))
            text.append("\n")
        }
        for (index, paragraph) in state.currentLesson.paragraphs(ofStep: state.step).enumerated() {
            if index > 0 { text.append("\n") }
            let resolved = state.course.resolved(paragraph)
            if resolved.hasPrefix("Recap:") {
                text.append("Recap:", style: Style(modifiers: [.bold]))
                text.append(String(resolved.dropFirst("Recap:".count)))
                continue
            }
            let isTry = paragraph.hasPrefix("Try:")
            text.append(resolved, style: isTry ? Style(modifiers: [.italic, .bold]) : .plain)
        }
        appendTasks(state, to: &text, colorMode: colorMode)
        return text
    }

    /// An exercise's tasks under its text: a tick and "Solved" for each solved one; for an open
    /// keys task, what its check compares now.
    static func appendTasks(_ state: AppState, to text: inout StyledText, colorMode: ColorMode) {
        for (index, task) in state.tasks.enumerated() {
            text.append("\n")
            if state.isSolved(task: task) {
                text.append("\(index + 1). ✓ Solved: ", style: Style(foreground: colorMode.displayable(.cube(1, 5, 1)), modifiers: [.bold]))
                text.append(task.question)
                continue
            }
            text.append("\(index + 1). ", style: Style(modifiers: [.bold]))
            text.append(task.question)
            if task.kind == .number {
                text.append(" (type it)", style: Style(modifiers: [.dim]))
            } else if let check = state.currentLesson.check(task: index, step: state.step, workspace: state.workspace) {
                text.append(" Now: \(check.compared).", style: Style(modifiers: [.dim]))
            }
        }
    }

    /// Rows the step's text needs at `width` columns, borders included.
    public static func height(_ state: AppState, width: Int, includingLive: Bool = true) -> Int {
        TextWrap.wrap(text(state, colorMode: .monochrome, includingLive: includingLive), width: max(1, width - 2)).count + 2
    }

    /// The most terms the live formula spells out; the rest are summed up as "… (n more)".
    static let formulaTerms = 8

    /// context(w) = Σ weightⱼ·wordⱼ for the selected word, largest weights first.
    public static func liveFormula(_ state: AppState) -> String? {
        guard let attention = state.analysis.attention, let word = state.selectedWord,
            attention.weights.indices.contains(state.selected)
        else { return nil }
        let ranked = zip(attention.weights[state.selected], state.words).sorted { $0.0 > $1.0 }
        var terms = ranked.prefix(Self.formulaTerms).map { "\(NumberFormat.fixed($0.0, decimals: 2))·\($0.1.word)" }
        if ranked.count > Self.formulaTerms { terms.append("… (\(ranked.count - Self.formulaTerms) more)") }
        return "context(\(word.word)) = " + terms.joined(separator: " + ")
    }

    /// Rows the feature editor needs at `width` columns, borders and the nearest-words line included.
    static func placementHeight(_ state: AppState, width: Int) -> Int {
        let names = state.featureNames
        let nameWidth = min(10, names.map { DisplayWidth.of($0) }.max() ?? 0)
        let columns = max(1, (width - 2) / (nameWidth + 14))
        return (names.count + columns - 1) / columns + 3
    }

    private func renderPlacement(_ placement: Placement, into buffer: inout Buffer, area: Rect) {
        let frame = Frame(title: "Place '\(placement.word)' by its features", isFocused: true)
        let inner = frame.draw(into: &buffer, area: area)
        let names = state.featureNames
        let nameWidth = min(10, names.map { DisplayWidth.of($0) }.max() ?? 0)
        // Several columns of features when the panel is wide, so 8 features fit in a few rows;
        // filled down first, so ↓ walks down a column (then on to the top of the next).
        let columnWidth = nameWidth + 14
        let columns = max(1, inner.width / columnWidth)
        let rowsNeeded = max(1, (names.count + columns - 1) / columns)
        // The last row names the nearest words when every feature row fits above it.
        let showsNearest = inner.height > rowsNeeded
        let visibleRows = max(1, inner.height - (showsNearest ? 1 : 0))
        let currentRow = placement.feature % rowsNeeded
        let first = currentRow >= visibleRows ? currentRow - visibleRows + 1 : 0
        for (index, value) in placement.vector.enumerated() {
            let row = index % rowsNeeded - first
            guard row >= 0, row < visibleRows else { continue }
            let x = inner.x + (index / rowsNeeded) * columnWidth
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
        return state.placementNearest.prefix(3).map {
            "\(WordInPlay.shown(table.word(at: $0.index))) \(NumberFormat.fixed($0.cosine, decimals: 2))"
        }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
