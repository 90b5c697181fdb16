import AttnMath
import TUIKit

/// Pairwise scores of the words in play: cosine and dot product side by side
/// when there is room, else the current metric.
struct HeatmapPanel: Widget {
    let state: AppState
    let colorMode: ColorMode
    let sideBySide: Bool

    /// The metrics shown: cosine beside the current non-cosine metric (dot by default).
    var metrics: [Metric] {
        if sideBySide { return [.cosine, state.metric == .cosine ? .dot : state.metric] }
        return [state.metric]
    }

    func render(into buffer: inout Buffer, area: Rect) {
        let title = sideBySide ? "Similarity · \(metrics.map(\.title).joined(separator: " | "))" : "Similarity · \(state.metric.title)"
        let frame = Frame(title: title, trailingTitle: state.focus == .heatmap ? "Enter why" : nil, isFocused: state.focus == .heatmap)
        let inner = frame.draw(into: &buffer, area: area)
        guard !state.words.isEmpty, !inner.isEmpty else { return }
        let parts = Layout.split(inner, .horizontal, metrics.map { _ in .fill(1) }, spacing: 1)
        for (metric, part) in zip(metrics, parts) {
            drawMatrix(metric, into: &buffer, area: part)
        }
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

    private func drawMatrix(_ metric: Metric, into buffer: inout Buffer, area: Rect) {
        let rows = Layout.split(area, .vertical, [.length(sideBySide ? 1 : 0), .fill(1), .length(1)])
        if sideBySide {
            buffer.write(metric.title, x: rows[0].x, y: rows[0].y, style: Style(modifiers: [.bold]), maxWidth: rows[0].width)
        }
        let matrix = state.analysis.matrix(for: metric)
        let labels = state.words.map(\.label)
        let range = state.analysis.range(for: metric)
        let scale = ColorScale.fitting(range.map { [$0.lowerBound, $0.upperBound] } ?? [])
        let heatmap = Heatmap(
            rowLabels: labels, columnLabels: labels, values: matrix.scores, scale: scale, colorMode: colorMode,
            selectedRow: state.selected, selectedColumn: state.focus == .heatmap ? state.column : state.selected,
            cursor: state.focus == .heatmap && metric == state.metric ? Heatmap.Position(row: state.selected, column: state.column) : nil,
            rowLabelWidth: Self.labelWidth(labels, width: rows[1].width))
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
}
