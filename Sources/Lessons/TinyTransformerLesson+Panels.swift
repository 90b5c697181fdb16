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
        if step == .minimum, training.points.indices.contains(measurement) { title = "Loss · step \(training.points[measurement].step)" }
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
        // The head's label, whole (two lines where the panel is narrow), above its weights.
        let label = Paragraph(StyledText(roles[headIndex].label, style: Style(modifiers: [.italic])))
        let labelHeight = min(label.lineCount(width: inner.width), 2)
        label.render(into: &buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: labelHeight))
        let weights = trace.blocks[head.layer].heads[head.head].weights
        let labels = trace.tokens.map(Self.word)
        // Above the diagonal the mask: "·", no weight (a word never reads the words after it).
        let values = (0..<weights.rows).map { i in (0..<weights.columns).map { j in j <= i ? Optional(weights[i, j]) : nil } }
        let grid = Rect(x: inner.x, y: inner.y + labelHeight, width: inner.width, height: inner.height - labelHeight)
        let labelWidth = min(labels.map { DisplayWidth.of($0) }.max() ?? 0, max(5, grid.width / 4))
        Heatmap(
            rowLabels: labels, columnLabels: labels, values: values, scale: ColorScale(lower: 0, upper: 1, kind: .sequential),
            colorMode: colorMode,
            selectedRow: cell.row, selectedColumn: focused ? cell.column : nil, cursor: focused ? cell : nil, rowLabelWidth: labelWidth,
            cellWidth: max(4, min(7, (grid.width - labelWidth - 1) / max(1, labels.count)))
        ).render(into: &buffer, area: grid)
        if grid.height >= labels.count + 2 {
            buffer.write(
                "a row reads the words up to it; · masked", x: inner.x, y: grid.y + labels.count + 1, style: Style(modifiers: [.dim]),
                maxWidth: inner.width)
        }
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
        var title = showsUntrained ? "Heads · untrained" : "Heads · measured"
        if !switchedOff.isEmpty { title += " · ✗ off" }
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
