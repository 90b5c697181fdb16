// SPDX-License-Identifier: Apache-2.0

/// The box that `HelpOverlay` and `Popup` draw their content in: centred,
/// cleared, framed and titled, as wide as the content wants and as tall as it
/// is, both cut to the area; content taller than the box scrolls (`scroll`,
/// clamped) with ↑/↓ marks in the border, and a footer sits in the bottom
/// border when it fits.
struct ScrollingBox {
    var title: String
    var footer: String?
    var scroll: Int
    var frame: Frame
    /// Content columns wanted (the box adds a border and a column of margin each side).
    var contentWidth: Int
    /// How many lines the content takes at a given width.
    var lineCount: (Int) -> Int

    func rect(in area: Rect) -> Rect {
        let wanted = max(contentWidth, DisplayWidth.of(title) + 2, DisplayWidth.of(footer ?? "") + 2) + 4
        // A box one column short of the area would leave a sliver of what is beneath showing: take it all.
        let width = wanted >= area.width - 1 ? area.width : wanted
        return area.centered(width: width, height: lineCount(max(0, width - 4)) + 2)
    }

    /// The largest useful `scroll` in `area`.
    func maxScroll(in area: Rect) -> Int {
        let box = rect(in: area)
        return max(0, lineCount(max(0, box.width - 4)) - (box.height - 2))
    }

    /// Draws the box, then `content(buffer, area inside the margins, lines to skip)`. Under 3×3 cells, nothing.
    func render(into buffer: inout Buffer, area: Rect, content: (inout Buffer, Rect, Int) -> Void) {
        guard area.width >= 3, area.height >= 3 else { return }
        let box = rect(in: area)
        buffer.fill(box)
        var frame = frame
        frame.title = title
        let inner = frame.draw(into: &buffer, area: box).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let total = lineCount(inner.width)
        let offset = min(max(0, scroll), max(0, total - inner.height))
        content(&buffer, inner, offset)
        let borderStyle = frame.isFocused ? frame.focusedStyle : frame.style
        if offset > 0 { buffer.set(box.right - 2, box.y, "↑", style: borderStyle) }
        if offset + inner.height < total { buffer.set(box.right - 2, box.bottom - 1, "↓", style: borderStyle) }
        if let footer, DisplayWidth.of(footer) + 6 <= box.width {
            buffer.write(" " + footer + " ", x: box.x + 2, y: box.bottom - 1, style: borderStyle)
        }
    }
}
