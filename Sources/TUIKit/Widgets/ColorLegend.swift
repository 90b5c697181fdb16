// SPDX-License-Identifier: Apache-2.0

/// A one-row colour bar between the scale's lower and upper values, e.g. `-1.00 ███████ 1.00`.
///
/// In `.monochrome` the bar is made of shade characters. With a second row
/// available, a diverging scale marks zero under the bar.
public struct ColorLegend: Widget, Sendable {
    public var scale: ColorScale
    public var colorMode: ColorMode
    public var format: NumberFormat
    public var labelStyle: Style

    public init(scale: ColorScale, colorMode: ColorMode, format: NumberFormat = NumberFormat(decimals: 2), labelStyle: Style = .plain) {
        self.scale = scale
        self.colorMode = colorMode
        self.format = format
        self.labelStyle = labelStyle
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let low = format.string(scale.lower)
        let high = format.string(scale.upper)
        let lowWidth = DisplayWidth.of(low)
        let highWidth = DisplayWidth.of(high)
        var barX = area.x
        var barWidth = area.width
        // Labels only when a bar of at least three cells is left between them.
        if area.width >= lowWidth + highWidth + 5 {
            buffer.write(low, x: area.x, y: area.y, style: labelStyle)
            buffer.write(high, x: area.right - highWidth, y: area.y, style: labelStyle)
            barX = area.x + lowWidth + 1
            barWidth = area.width - lowWidth - highWidth - 2
        }
        for i in 0..<barWidth {
            let fraction = barWidth == 1 ? 0.5 : Double(i) / Double(barWidth - 1)
            let value = scale.lower + fraction * (scale.upper - scale.lower)
            if colorMode.hasColor {
                let color = colorMode.displayable(scale.color(for: value, mode: colorMode))
                buffer.set(barX + i, area.y, " ", style: Style(background: color), clip: area)
            } else {
                buffer.set(barX + i, area.y, scale.shade(for: value), style: .plain, clip: area)
            }
        }
        if scale.kind == .diverging, area.height >= 2, barWidth >= 3, scale.lower < 0, scale.upper > 0 {
            let zero = barX + Int((Double(barWidth - 1) * -scale.lower / (scale.upper - scale.lower)).rounded())
            buffer.set(zero, area.y + 1, "0", style: labelStyle, clip: area)
        }
    }
}
