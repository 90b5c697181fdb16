// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit

/// Pairwise scores of the words in play: cosine and dot product side by side
/// when there is room, else the current metric. Where two tables side by side would be
/// colour only but one fits numbers, the current metric alone shows (`m` switches).
///
/// The cells hold numbers only when they fit; when they do not, the selected word's row is
/// read out with two decimals: whole, under the table, where there are rows to spare, else
/// on the bottom border around the highlighted column, so every number can be read whatever the size.
struct HeatmapPanel: Widget {
    let state: AppState
    let colorMode: ColorMode
    let sideBySide: Bool

    /// The metrics shown: cosine beside the current non-cosine metric (dot by default).
    var metrics: [Metric] {
        if sideBySide { return [.cosine, state.metric == .cosine ? .dot : state.metric] }
        return [state.metric]
    }

    /// The column the panel highlights: the heatmap's cursor when focused, else the selected word's own.
    var highlightedColumn: Int { state.focus == .heatmap ? state.column : state.selected }

    /// The metrics drawn in `inner`: both side by side only while that keeps numbers in the
    /// cells or one table alone would not have them either.
    func shownMetrics(in inner: Rect) -> [Metric] {
        guard metrics.count > 1, !hasNumbers(metrics, in: inner) else { return metrics }
        return hasNumbers([state.metric], in: inner) ? [state.metric] : metrics
    }

    /// Whether `shown`, side by side in `inner`, all get numbers in their cells.
    private func hasNumbers(_ shown: [Metric], in inner: Rect) -> Bool {
        let (parts, labelWidth, cellWidth) = grid(for: shown, in: inner)
        return zip(shown, parts).allSatisfy {
            heatmap($0, labelWidth: labelWidth, cellWidth: cellWidth).geometry(in: $1).numberFormat != nil
        }
    }

    /// The tables' areas and one labelling for all of them: the narrowest decides the label and cell widths.
    private func grid(for shown: [Metric], in inner: Rect) -> (parts: [Rect], labelWidth: Int, cellWidth: Int) {
        let parts = Layout.split(inner, .horizontal, shown.map { _ in .fill(1) }, spacing: 1)
        let labels = state.words.map(\.label)
        let width = parts.map(\.width).min() ?? inner.width
        let labelWidth = Self.labelWidth(labels, width: width)
        return (parts, labelWidth, max(1, min(7, (width - labelWidth - 1) / max(1, labels.count))))
    }

    func render(into buffer: inout Buffer, area: Rect) {
        let shown = state.words.isEmpty ? metrics : shownMetrics(in: area.inset(by: 1))
        let title =
            shown.count > 1
            ? "Similarity · \(shown.map(\.title).joined(separator: " | "))"
            : "Similarity · \(state.metric.title)" + (sideBySide ? " (m switches)" : "")
        let frame = Frame(title: title, trailingTitle: state.focus == .heatmap ? "Enter why" : nil, isFocused: state.focus == .heatmap)
        let inner = frame.draw(into: &buffer, area: area)
        guard !state.words.isEmpty, !inner.isEmpty else { return }
        let labels = state.words.map(\.label)
        let (parts, labelWidth, cellWidth) = grid(for: shown, in: inner)
        for (metric, part) in zip(shown, parts) {
            let scores = state.analysis.matrix(for: metric).scores
            let row = labels.indices.contains(state.selected) ? labels[state.selected] : ""
            let values = scores.indices.contains(state.selected) ? scores[state.selected] : []
            guard heatmap(metric, labelWidth: labelWidth, cellWidth: cellWidth).geometry(in: part).numberFormat == nil else {
                drawMatrix(metric, titled: shown.count > 1, labelWidth: labelWidth, cellWidth: cellWidth, into: &buffer, area: part)
                continue
            }
            // Cells too narrow for numbers: the whole row under the table where rows are spare…
            let lines = Self.readoutLines(row: row, labels: labels, values: values, highlighted: highlightedColumn, width: part.width)
            let tableRows = (shown.count > 1 ? 1 : 0) + 1 + labels.count + 1
            if part.height - tableRows >= lines.count {
                drawMatrix(
                    metric, titled: shown.count > 1, labelWidth: labelWidth, cellWidth: cellWidth, into: &buffer,
                    area: Rect(x: part.x, y: part.y, width: part.width, height: tableRows))
                for (index, line) in lines.enumerated() {
                    buffer.write(line, x: part.x, y: part.y + tableRows + index, maxWidth: part.width)
                }
                continue
            }
            // …else the border under it, around the highlighted column.
            drawMatrix(metric, titled: shown.count > 1, labelWidth: labelWidth, cellWidth: cellWidth, into: &buffer, area: part)
            let border = Rect(x: part.x, y: inner.bottom, width: part.width, height: 1).intersection(area)
            guard !border.isEmpty else { continue }
            var text = Self.readout(row: row, labels: labels, values: values, highlighted: highlightedColumn, width: border.width - 3)
            text.spans.insert(Span(" "), at: 0)
            text.append(" ")
            buffer.write(text, x: border.x, y: border.y, maxWidth: border.width - 1)
        }
    }

    /// The whole row, "apple: apple 0.43  orange 0.34 …", wrapped to `width` between entries;
    /// the highlighted entry reversed.
    static func readoutLines(row: String, labels: [String], values: [Double?], highlighted: Int, width: Int) -> [StyledText] {
        var lines: [StyledText] = []
        var line = StyledText(row + ":", style: Style(modifiers: [.bold]))
        var used = DisplayWidth.of(row) + 1
        for column in labels.indices {
            let value = values.indices.contains(column) ? values[column] : nil
            let entry = "\(labels[column]) \(value.map { Self.readoutNumber($0) } ?? "·")"
            let entryWidth = DisplayWidth.of(entry) + 2
            if used + entryWidth > width, used > 0 {
                lines.append(line)
                line = StyledText()
                used = 0
            }
            line.append(" ")
            line.append(entry, style: column == highlighted ? Style(modifiers: [.reverse, .bold]) : .plain)
            line.append(" ")
            used += entryWidth
        }
        lines.append(line)
        return lines
    }

    /// Full labels (up to 10 columns), unless shortening them (to no less than 6) buys cells
    /// five columns wide: room for two decimals ("-.15", "1.00") instead of one.
    static func labelWidth(_ labels: [String], width: Int) -> Int {
        let full = min(10, labels.map { DisplayWidth.of($0) }.max() ?? 0)
        let n = max(1, labels.count)
        guard (width - 1 - full) / n < 5 else { return full }
        let shortened = width - 1 - 5 * n
        return shortened >= 6 ? min(full, shortened) : full
    }

    private func scale(_ metric: Metric) -> ColorScale {
        ColorScale.fitting(state.analysis.range(for: metric).map { [$0.lowerBound, $0.upperBound] } ?? [])
    }

    private func heatmap(_ metric: Metric, labelWidth: Int, cellWidth: Int) -> Heatmap {
        let labels = state.words.map(\.label)
        return Heatmap(
            rowLabels: labels, columnLabels: labels, values: state.analysis.matrix(for: metric).scores, scale: scale(metric),
            colorMode: colorMode, selectedRow: state.selected, selectedColumn: highlightedColumn,
            cursor: state.focus == .heatmap && metric == state.metric ? Heatmap.Position(row: state.selected, column: state.column) : nil,
            rowLabelWidth: labelWidth, cellWidth: cellWidth)
    }

    /// One table: its metric's name above it when it has a neighbour, its colour legend below.
    private func drawMatrix(_ metric: Metric, titled: Bool, labelWidth: Int, cellWidth: Int, into buffer: inout Buffer, area: Rect) {
        let rows = Layout.split(area, .vertical, [.length(titled ? 1 : 0), .fill(1), .length(1)])
        if titled {
            buffer.write(metric.title, x: rows[0].x, y: rows[0].y, style: Style(modifiers: [.bold]), maxWidth: rows[0].width)
        }
        let labels = state.words.map(\.label)
        let scale = scale(metric)
        let heatmap = heatmap(metric, labelWidth: labelWidth, cellWidth: cellWidth)
        heatmap.render(into: &buffer, area: rows[1])
        let geometry = heatmap.geometry(in: rows[1])
        var legendArea = rows[2]
        if geometry.visibleRows < labels.count || geometry.visibleColumns < labels.count {
            // Never a silent subset: say how much of the table is on screen.
            let note = " \(geometry.visibleRows)×\(geometry.visibleColumns) of \(labels.count)×\(labels.count)"
            let width = DisplayWidth.of(note)
            buffer.write(note, x: legendArea.right - width, y: legendArea.y, style: Style(modifiers: [.dim]))
            legendArea.width -= width
        }
        ColorLegend(scale: scale, colorMode: colorMode).render(into: &buffer, area: legendArea)
    }

    /// Two decimals; a value that would round to ±1.00 without being ±1 gets a third (0.997),
    /// and if that still rounds to one, its digits cut (.9996).
    static func readoutNumber(_ value: Double) -> String {
        let two = NumberFormat(decimals: 2)
        guard two.stringKeepingOffOne(value) != two.string(value) else { return two.string(value) }
        let three = NumberFormat(decimals: 3)
        return three.stringKeepingOffOne(value)
    }

    /// "apple: apple 1.00  orange 0.71  …": a row's values with two decimals, as many as fit
    /// `width`, always including the highlighted column (reversed); "…" where some are left out.
    static func readout(row: String, labels: [String], values: [Double?], highlighted: Int, width: Int) -> StyledText {
        let entries = labels.indices.map { column -> String in
            let value = values.indices.contains(column) ? values[column] : nil
            return "\(labels[column]) \(value.map { Self.readoutNumber($0) } ?? "·")"
        }
        let head = row + ":"
        let room = width - DisplayWidth.of(head)
        // The widest run of entries, from `first`, that fits with its "…" marks.
        func end(from first: Int) -> Int {
            var used = first > 0 ? 2 : 0
            var last = first
            while last < entries.count {
                let more = last + 1 < entries.count ? 2 : 0
                let next = used + 1 + DisplayWidth.of(entries[last]) + 1
                guard next + more <= room || (last + 1 == entries.count && next <= room) else { break }
                used = next
                last += 1
            }
            return last
        }
        let target = min(max(0, highlighted), max(0, entries.count - 1))
        var first = 0
        while first < target, end(from: first) <= target { first += 1 }
        let last = end(from: first)
        var text = StyledText(head, style: Style(modifiers: [.bold]))
        if first > 0 { text.append(" …") }
        for column in first..<max(first, last) {
            text.append(" ")
            text.append(entries[column], style: column == highlighted ? Style(modifiers: [.reverse, .bold]) : .plain)
            text.append(" ")
        }
        if last < entries.count { text.append("…", style: Style(modifiers: [.dim])) }
        return text
    }
}
