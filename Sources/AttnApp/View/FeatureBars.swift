// SPDX-License-Identifier: Apache-2.0

import TUIKit

/// Words' feature values as signed bars around a zero line, one column per word:
/// `fruit  0.90 ▕████▏`. Negative values grow to the left of the zero line.
public struct FeatureBars: Widget {
    public struct Column {
        let word: String
        let vector: [Double]
        let style: Style

        public init(word: String, vector: [Double], style: Style) {
            self.word = word
            self.vector = vector
            self.style = style
        }
    }

    let names: [String]
    let columns: [Column]
    /// Highlighted row (a feature), if any.
    var highlighted: Int?

    public init(names: [String], columns: [Column], highlighted: Int? = nil) {
        self.names = names
        self.columns = columns
        self.highlighted = highlighted
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !columns.isEmpty else { return }
        let nameWidth = min(10, names.map { DisplayWidth.of($0) }.max() ?? 0)
        let columnWidth = max(8, (area.width - nameWidth) / columns.count)
        let barHalf = max(1, (columnWidth - 7) / 2)
        var x = area.x + nameWidth
        for column in columns {
            let header = DisplayWidth.truncate(column.word, to: columnWidth - 1)
            buffer.write(header, x: x + 1, y: area.y, style: column.style.adding(.bold), maxWidth: columnWidth - 1)
            x += columnWidth
        }
        for (row, name) in names.enumerated() {
            let y = area.y + 1 + row
            guard y < area.bottom else { break }
            let style = row == highlighted ? Style(modifiers: [.reverse]) : .plain
            buffer.write(NumberFormat.padRight(DisplayWidth.truncate(name, to: nameWidth), nameWidth), x: area.x, y: y, style: style)
            for (index, column) in columns.enumerated() {
                let value = column.vector.indices.contains(row) ? column.vector[row] : 0
                let left = area.x + nameWidth + index * columnWidth
                buffer.write(NumberFormat.pad(NumberFormat.fixed(value, decimals: 2), 6), x: left, y: y, maxWidth: columnWidth)
                let zero = left + 6 + barHalf
                let length = Int((min(1, abs(value)) * Double(barHalf)).rounded())
                buffer.write("│", x: zero, y: y, style: Style(modifiers: [.dim]), maxWidth: 1)
                let bar = String(repeating: "█", count: length)
                if value >= 0 {
                    buffer.write(bar, x: zero + 1, y: y, style: column.style, maxWidth: barHalf)
                } else {
                    buffer.write(bar, x: zero - length, y: y, style: column.style, maxWidth: barHalf)
                }
            }
        }
    }

    /// Rows needed: a header and one per feature.
    var height: Int { names.count + 1 }

    /// Draws the bars inside `frame`. Short of a row, the words' header goes under the top
    /// border (the frame's title names the words), so every feature's number still shows.
    public func render(in frame: Frame, into buffer: inout Buffer, area: Rect) {
        var inner = frame.inner(area)
        if inner.height < height, inner.height > 0 {
            inner = Rect(x: inner.x, y: inner.y - 1, width: inner.width, height: inner.height + 1)
        }
        render(into: &buffer, area: inner)
        frame.render(into: &buffer, area: area)
    }
}
