// SPDX-License-Identifier: Apache-2.0

/// Horizontal bars, one a row: label, bar in eighths of a cell, value text.
///
/// Bars are scaled so `maxValue` fills the bar column; values below zero draw
/// no bar (their text still shows the value) and values above the maximum are
/// cut at it. A value above zero always shows at least one eighth, so "small"
/// is never mistaken for "none". More bars than rows scroll to keep the selection in view.
public struct BarChart: Widget, Sendable {
    public struct Bar: Hashable, Sendable {
        public var label: String
        public var value: Double
        public var style: Style
        /// Nil: the value in the chart's `format`.
        public var valueText: String?

        public init(_ label: String, value: Double, style: Style = .plain, valueText: String? = nil) {
            self.label = label
            self.value = value
            self.style = style
            self.valueText = valueText
        }
    }

    public var bars: [Bar]
    /// Nil: the largest value (a chart of zeros draws no bars).
    public var maxValue: Double?
    public var selectedIndex: Int?
    public var format: NumberFormat
    /// Nil: the longest label, up to a third of the width.
    public var labelWidth: Int?
    public var labelStyle: Style
    public var selectedStyle: Style

    public init(
        bars: [Bar], maxValue: Double? = nil, selectedIndex: Int? = nil, format: NumberFormat = NumberFormat(decimals: 3),
        labelWidth: Int? = nil, labelStyle: Style = .plain, selectedStyle: Style = Style(modifiers: [.bold, .reverse])
    ) {
        self.bars = bars
        self.maxValue = maxValue
        self.selectedIndex = selectedIndex
        self.format = format
        self.labelWidth = labelWidth
        self.labelStyle = labelStyle
        self.selectedStyle = selectedStyle
    }

    /// Partial blocks, index n = n eighths of a cell.
    static let eighths: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// The bar for `value` in a column `width` cells wide when `maximum` fills it.
    static func bar(_ value: Double, maximum: Double, width: Int) -> String {
        guard width > 0, maximum > 0, value.isFinite, value > 0 else { return "" }
        let fraction = min(value / maximum, 1)
        let total = max(1, Int((fraction * Double(width * 8)).rounded()))
        return String(repeating: "█", count: total / 8) + (total % 8 > 0 ? String(eighths[total % 8]) : "")
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !bars.isEmpty else { return }
        let texts = bars.map { $0.valueText ?? format.string($0.value) }
        let valueWidth = texts.map { DisplayWidth.of($0) }.max() ?? 0
        let longestLabel = bars.map { DisplayWidth.of($0.label) }.max() ?? 0
        let labelColumns = max(0, min(labelWidth ?? min(longestLabel, max(3, area.width / 3)), area.width))
        let barX = area.x + labelColumns + (labelColumns > 0 ? 1 : 0)
        let showsValues = area.right - barX >= valueWidth + 2
        let barWidth = max(0, area.right - barX - (showsValues ? valueWidth + 1 : 0))
        let maximum = maxValue ?? bars.map(\.value).filter(\.isFinite).max() ?? 0

        let visible = min(bars.count, area.height)
        var first = 0
        if let selectedIndex, selectedIndex >= visible { first = min(selectedIndex - visible + 1, bars.count - visible) }

        for row in 0..<visible {
            let index = first + row
            let bar = bars[index]
            let y = area.y + row
            let isSelected = index == selectedIndex
            if labelColumns > 0 {
                let label =
                    labelColumns >= 4
                    ? DisplayWidth.truncate(bar.label, to: labelColumns) : DisplayWidth.prefix(bar.label, fitting: labelColumns)
                let padded = label + String(repeating: " ", count: max(0, labelColumns - DisplayWidth.of(label)))
                buffer.write(padded, x: area.x, y: y, style: isSelected ? selectedStyle : labelStyle, clip: area)
            }
            buffer.write(
                Self.bar(bar.value, maximum: maximum, width: barWidth), x: barX, y: y, style: bar.style, maxWidth: barWidth, clip: area)
            if showsValues {
                let text = texts[index]
                buffer.write(
                    text, x: area.right - DisplayWidth.of(text), y: y, style: isSelected ? Style(modifiers: [.bold]) : .plain, clip: area)
            }
        }
    }
}
