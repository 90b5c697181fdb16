// SPDX-License-Identifier: Apache-2.0

import AttnMath
import TUIKit

/// The softmax context weights of the selected word over every word in play.
struct WeightsPanel: Widget {
    let state: AppState
    let colorMode: ColorMode

    func render(into buffer: inout Buffer, area: Rect) {
        let word = state.selectedWord?.word ?? "—"
        let title = "Weights of \(word) · softmax(\(state.metric.title) / T), T=\(NumberFormat.fixed(state.temperature, decimals: 2))"
        let frame = Frame(title: title, trailingTitle: state.focus == .weights ? "Enter why" : nil, isFocused: state.focus == .weights)
        let inner = frame.draw(into: &buffer, area: area)
        guard let attention = state.analysis.attention, attention.weights.indices.contains(state.selected) else {
            if let problem = state.analysis.problem {
                Paragraph(problem).render(into: &buffer, area: inner)
            }
            return
        }
        let weights = attention.weights[state.selected]
        let bars = zip(state.words, weights).map { entry, weight in
            BarChart.Bar(entry.label, value: weight, style: CategoryStyle.style(entry.category, mode: colorMode))
        }
        var chartArea = inner
        let overflow = bars.count > inner.height && inner.height > 1
        if overflow { chartArea.height -= 1 }
        // Keep the bar that matters on screen: the cursor's when focused, else the selected word's own.
        let anchor = state.focus == .weights ? state.weightCursor : state.selected
        let first = max(0, min(anchor - chartArea.height / 2, bars.count - chartArea.height))
        let visible = Array(bars.dropFirst(first).prefix(chartArea.height))
        let cursor = state.focus == .weights ? state.weightCursor - first : nil
        if overflow {
            // Never a silent subset: the last row says how many bars are off screen, and where.
            let above = first
            let below = bars.count - first - visible.count
            var parts: [String] = []
            if above > 0 { parts.append("\(above) above") }
            if below > 0 { parts.append("\(below) below") }
            let how = state.focus == .weights ? "↑/↓ to scroll" : "Tab here to scroll"
            let hint = "\(parts.joined(separator: ", ")) · \(how)"
            buffer.write(hint, x: inner.x, y: inner.bottom - 1, style: Style(modifiers: [.dim]), maxWidth: inner.width)
        }
        BarChart(
            bars: visible, maxValue: weights.max(), selectedIndex: cursor,
            labelWidth: min(12, bars.map { DisplayWidth.of($0.label) }.max() ?? 0)
        )
        .render(into: &buffer, area: chartArea)
    }
}
