// SPDX-License-Identifier: Apache-2.0

import AttnApp
import AttnMath
import TUIKit

extension TinyTransformerLesson {
    /// The losses of simpler guessers on the held-out sentences, the lines the curves must beat.
    static let references: [LossChart.Reference] = {
        let b = freshTrainer.baselines
        return [
            LossChart.Reference(name: "uniform", value: b.uniform), LossChart.Reference(name: "word frequencies", value: b.unigram),
            LossChart.Reference(name: "word pairs", value: b.bigram),
        ]
    }()

    /// A token as the panels write it.
    static func word(_ token: Int) -> String { corpus.vocabulary[token] }

    /// A token as a prediction: the sentence-start token predicted means the sentence ends.
    static func next(_ token: Int) -> String { token == 0 ? "(end)" : word(token) }

    func draw(_ panel: Panel, at step: Step, state: AppState, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let focused = state.focus == .panel(panel)
        switch panel {
        case .losses: drawLosses(at: step, focused: focused, colorMode: colorMode, into: &buffer, area: area)
        case .prompts: drawPrompts(focused: focused, into: &buffer, area: area)
        case .attention: drawAttention(focused: focused, colorMode: colorMode, into: &buffer, area: area)
        case .nextWords: drawNextWords(state: state, focused: focused, colorMode: colorMode, into: &buffer, area: area)
        case .heads: drawHeads(focused: focused, into: &buffer, area: area)
        case .working: drawWorking(into: &buffer, area: area)
        }
    }

    /// The attention cell under the cursor, worked out in short (Enter shows every number).
    private func drawWorking(into buffer: inout Buffer, area: Rect) {
        guard let work = cellWork else {
            Frame(title: "How a weight is computed").render(into: &buffer, area: area)
            return
        }
        let inner = Frame(title: "How \(work.queryWord) → \(work.keyWord) = \(AttentionCellWork.number(work.weight)) is computed").draw(
            into: &buffer, area: area)
        let lines = work.summaryLines
        for (row, line) in lines.enumerated() where row < inner.height {
            buffer.write(line, x: inner.x, y: inner.y + row, maxWidth: inner.width)
        }
        if lines.count < inner.height {
            buffer.write(
                "↑/↓ [ ] another cell · Enter: every number", x: inner.x, y: inner.bottom - 1,
                style: Style(modifiers: [.dim]), maxWidth: inner.width)
        }
    }

    // MARK: Training

    private func drawLosses(at step: Step, focused: Bool, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        var title = "Loss · step \(training.stepsTaken)"
        if step == .minimum, training.points.indices.contains(measurement) {
            // The walked measurement (△) and the best (▲), which stays where it is: the kept model's.
            title = "Loss · at △\(training.points[measurement].step) · best ▲\(LossPoint.best(of: training.points).step)"
        }
        if isPlaying { title += " · ▶ playing" } else if isWorking { title += " · training…" }
        let inner = Frame(title: title, trailingTitle: focused ? "Enter why" : nil, isFocused: focused).draw(into: &buffer, area: area)
        LossChart(
            points: training.points, lastStep: max(TinyTransformer.finished.stepsTaken, training.stepsTaken), references: Self.references,
            cursor: step == .minimum ? measurement : nil,
            mark: training.isFinished ? training.points.firstIndex(of: LossPoint.best(of: training.points)) : nil, colorMode: colorMode
        ).render(into: &buffer, area: inner)
    }

    private func drawPrompts(focused: Bool, into buffer: inout Buffer, area: Rect) {
        let source = training.isFinished ? "step \(training.modelStep), the best" : "step \(training.modelStep)"
        let inner = Frame(title: "Next word · \(source)", isFocused: focused).draw(into: &buffer, area: area)
        var y = inner.y
        for (prompt, predictions) in zip(Self.prompts, training.predictions) where y + 1 < inner.bottom {
            buffer.write(prompt + " …", x: inner.x, y: y, style: Style(modifiers: [.dim]), maxWidth: inner.width)
            var line = StyledText()
            for (rank, prediction) in predictions.enumerated() {
                let item = "\(Self.next(prediction.token)) \(NumberFormat.fixed(prediction.probability, decimals: 2))"
                guard line.width + DisplayWidth.of(item) + 2 <= inner.width else { break }
                line.append("  ")
                line.append(item, style: rank == 0 ? Style(modifiers: [.bold]) : .plain)
            }
            buffer.write(line, x: inner.x, y: y + 1, maxWidth: inner.width)
            y += inner.height >= 3 * Self.prompts.count ? 3 : 2
        }
    }

    // MARK: The sentence

    /// The shown head's weights on the sentence: a row per word, reading the words up to it.
    private func drawAttention(focused: Bool, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let off = switchedOff.contains(head) ? " · off" : ""
        let frame = Frame(
            title: "\(showsUntrained ? "Untrained · " : "")\(head)\(off)", trailingTitle: focused ? "Enter why" : nil, isFocused: focused)
        let inner = frame.draw(into: &buffer, area: area)
        guard let trace, inner.height >= 2 else { return }
        let weights = trace.blocks[head.layer].heads[head.head].weights
        let labels = trace.tokens.map(Self.word)
        let shape = Self.attentionShape(labels: labels, width: inner.width)
        // Every row of the grid and a row of column labels first; then a line of the head's label
        // (its held-out average); then the second, staggered row of column labels where a word is
        // wider than a cell; then the note; then the label's second line.
        var spare = inner.height - labels.count - 1
        let labelLine = spare >= 1 ? 1 : 0
        spare -= labelLine
        let headerRows = shape.headerRows == 2 && spare >= 1 ? 2 : 1
        spare -= headerRows - 1
        let showsNote = spare >= 1
        if showsNote { spare -= 1 }
        let label = Self.attentionLabel(roles[headIndex], width: inner.width, lines: labelLine + max(0, spare))
        let labelHeight = labelLine == 0 ? 0 : min(label.lineCount(width: inner.width), 1 + max(0, spare))
        if labelHeight > 0 { label.render(into: &buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: labelHeight)) }
        // Above the diagonal the mask: "·", no weight (a word never reads the words after it).
        let values = (0..<weights.rows).map { i in (0..<weights.columns).map { j in j <= i ? Optional(weights[i, j]) : nil } }
        let grid = Rect(x: inner.x, y: inner.y + labelHeight, width: inner.width, height: inner.height - labelHeight)
        let heatmap = Heatmap(
            rowLabels: labels, columnLabels: labels, values: values, scale: ColorScale(lower: 0, upper: 1, kind: .sequential),
            colorMode: colorMode,
            selectedRow: cell.row, selectedColumn: focused ? cell.column : nil, cursor: focused ? cell : nil,
            rowLabelWidth: shape.labelWidth, cellWidth: shape.cellWidth, staggersColumnLabels: headerRows == 2)
        heatmap.render(into: &buffer, area: grid)
        // Rows scrolled out of view (a screen too short for the sentence) are said, never silently hidden.
        let geometry = heatmap.geometry(in: grid)
        if geometry.visibleRows < labels.count {
            let above = geometry.firstRow > 0
            buffer.write(
                above ? "↑more" : "↓more", x: inner.x, y: above ? grid.y : inner.bottom - 1, style: Style(modifiers: [.dim]),
                maxWidth: shape.labelWidth)
        }
        if showsNote {
            buffer.write(
                "a row reads the words up to it; · masked", x: inner.x, y: grid.y + headerRows + labels.count,
                style: Style(modifiers: [.dim]), maxWidth: inner.width)
        }
    }

    /// The heatmap's row-label and cell widths for the sentence in `width` columns, and its
    /// header rows: two, staggered, where a word is wider than a cell's number.
    static func attentionShape(labels: [String], width: Int) -> (labelWidth: Int, cellWidth: Int, headerRows: Int) {
        let labelWidth = min(labels.map { DisplayWidth.of($0) }.max() ?? 0, max(5, width / 4))
        let cellWidth = max(4, min(7, (width - labelWidth - 1) / max(1, labels.count)))
        return (labelWidth, cellWidth, labels.contains { DisplayWidth.of($0) > cellWidth - 1 } ? 2 : 1)
    }

    /// The head's label over its heatmap, said to be a held-out average (the heatmap shows one
    /// sentence): whole where `lines` lines hold it, else its short form.
    static func attentionLabel(_ role: HeadRole, width: Int, lines: Int) -> Paragraph {
        let candidates = [
            "held-out average: \(role.label)", "held-out avg: \(role.label)", "held-out average: \(role.shortLabel)",
            "held-out avg: \(role.shortLabel)",
        ].map { Paragraph(StyledText($0, style: Style(modifiers: [.italic]))) }
        return candidates.first { $0.lineCount(width: width) <= min(lines, 2) } ?? candidates[candidates.count - 1]
    }

    private func drawNextWords(state: AppState, focused: Bool, colorMode: ColorMode, into buffer: inout Buffer, area: Rect) {
        let temperature = state.temperature
        var title = "Next word · T \(NumberFormat.fixed(temperature, decimals: 2))"
        if !switchedOff.isEmpty { title += " · \(switchedOff.count) off" }
        if showsUntrained { title += " · untrained" }
        let inner = Frame(title: title, trailingTitle: focused ? "Enter why" : nil, isFocused: focused).draw(into: &buffer, area: area)
        let bars = nextWords(count: 5, temperature: temperature).map { prediction in
            BarChart.Bar(
                Self.next(prediction.token), value: prediction.probability, style: Style(foreground: colorMode.displayable(.cube(1, 4, 2))))
        }
        BarChart(bars: bars, maxValue: 1, format: NumberFormat(decimals: 3)).render(into: &buffer, area: inner)
    }

    private func drawHeads(focused: Bool, into buffer: inout Buffer, area: Rect) {
        // The labels are held-out averages, not this sentence's weights (the title says so where it has room).
        var title = showsUntrained ? "Heads · untrained" : "Heads · held-out average"
        if !switchedOff.isEmpty { title = (showsUntrained ? "Heads · untrained" : "Heads · held-out avg") + " · ✗ off" }
        let inner = Frame(title: title, trailingTitle: focused ? "Enter why" : nil, isFocused: focused).draw(into: &buffer, area: area)
        // Where there is room, each head's measurements under its label, and how a label is earned.
        let tall = inner.height >= 2 * roles.count
        var y = inner.y
        for (index, role) in roles.enumerated() where y < inner.bottom {
            let isShown = index == headIndex
            var line = StyledText(isShown ? "▸" : " ")
            line.append(switchedOff.contains(role.head) ? "✗" : " ")
            line.append("L\(role.head.layer + 1) H\(role.head.head + 1) ", style: Style(modifiers: isShown ? [.bold] : []))
            line.append(role.shortLabel, style: Style(modifiers: isShown ? [.bold] : [.dim]))
            buffer.write(line, x: inner.x, y: y, maxWidth: inner.width)
            y += 1
            guard tall, y < inner.bottom else { continue }
            let shares = zip(["prev", "itself", "start", "noun"], [role.previousWord, role.itself, role.sentenceStart, role.noun])
            buffer.write(
                "  " + shares.map { "\($0) \(NumberFormat.fixed($1, decimals: 2))" }.joined(separator: "  "), x: inner.x, y: y,
                style: Style(modifiers: [.dim]), maxWidth: inner.width)
            y += 1
        }
        let heldOut = Self.corpus.isHeldOut.filter { $0 }.count
        let rule = [
            "", "Mean shares of a word's weight on the previous word,", "on itself, on the sentence start, and from is/was on",
            "its noun, over the \(heldOut) held-out sentences. A label", "needs clearly more than a uniform spread gives",
            "(0.4, where uniform gives 0.25; 0.3 to the noun).",
        ]
        guard tall, inner.bottom - y >= rule.count else { return }
        for line in rule {
            buffer.write(line, x: inner.x, y: y, style: Style(modifiers: [.dim]), maxWidth: inner.width)
            y += 1
        }
    }

    func liveText(at step: Step, state: AppState) -> String? { nil }
}
