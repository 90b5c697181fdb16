// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// Signed values as bars around a zero line, one row each: `label  -0.45  ██│`.
/// Negative values grow to the left of the line, so a sign is seen before it is read.
public struct SignedBars: Widget {
    public struct Row {
        let label: String
        let value: Double
        var style: Style = .plain

        public init(label: String, value: Double, style: Style = .plain) {
            self.label = label
            self.value = value
            self.style = style
        }
    }

    let rows: [Row]
    /// A highlighted row (its label and number reversed), if any.
    var highlighted: Int?
    var decimals = 2
    /// The magnitude a full half-bar stands for; nil: the largest |value| (so the longest bar fills its side).
    var scale: Double?
    /// Longest label shown; the rest is cut.
    var maxLabelWidth = 14

    public init(rows: [Row], highlighted: Int? = nil, decimals: Int = 2, scale: Double? = nil, maxLabelWidth: Int = 14) {
        self.rows = rows
        self.highlighted = highlighted
        self.decimals = decimals
        self.scale = scale
        self.maxLabelWidth = maxLabelWidth
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !rows.isEmpty else { return }
        let labelWidth = min(maxLabelWidth, rows.map { DisplayWidth.of($0.label) }.max() ?? 0)
        let texts = rows.map { NumberFormat.fixed($0.value, decimals: decimals) }
        let valueWidth = texts.map { DisplayWidth.of($0) }.max() ?? 0
        let barRoom = area.width - labelWidth - valueWidth - 2
        // Bars longer than this are no easier to compare, and push the numbers far from them.
        let half = min(16, max(1, (barRoom - 1) / 2))
        let top = scale ?? rows.map { abs($0.value) }.filter(\.isFinite).max() ?? 0
        let zero = area.x + labelWidth + 1 + valueWidth + 1 + half
        // Keep the highlighted row in view when there are more rows than lines.
        let first = highlighted.map { max(0, min($0 - area.height + 1, rows.count - area.height)) } ?? 0
        for (line, index) in (first..<rows.count).enumerated() {
            let y = area.y + line
            guard y < area.bottom else { break }
            let row = rows[index]
            let label = NumberFormat.padRight(DisplayWidth.truncate(row.label, to: labelWidth), labelWidth)
            if index == highlighted {
                // The label and its number reversed together: the number is what the row is read for.
                let line = label + " " + NumberFormat.pad(texts[index], valueWidth)
                buffer.write(line, x: area.x, y: y, style: Style(modifiers: [.reverse, .bold]), clip: area)
            } else {
                buffer.write(label, x: area.x, y: y, style: row.style, clip: area)
                buffer.write(NumberFormat.pad(texts[index], valueWidth), x: area.x + labelWidth + 1, y: y, clip: area)
            }
            guard barRoom >= 3 else { continue }
            buffer.write("│", x: zero, y: y, style: Style(modifiers: [.dim]), clip: area)
            let length = top > 0 && row.value.isFinite ? Int((min(1, abs(row.value) / top) * Double(half)).rounded()) : 0
            let bar = String(repeating: "█", count: length)
            buffer.write(bar, x: row.value >= 0 ? zero + 1 : zero - length, y: y, style: row.style, clip: area)
        }
    }
}
