/// A centred box listing every key binding with its description, drawn over whatever is beneath.
///
/// The box shrinks with the terminal; descriptions wrap under their column, and
/// when the list is taller than the box it scrolls (`scroll`, clamped) with ↑/↓
/// marks in the border. Under 3×3 cells nothing is drawn.
public struct HelpOverlay: Widget, Sendable {
    public var bindings: [KeyBinding]
    public var title: String
    /// Lines skipped at the top; clamped to what can scroll.
    public var scroll: Int
    public var footer: String?
    public var keyStyle: Style
    public var frame: Frame

    public init(
        bindings: [KeyBinding], title: String = "Keys", scroll: Int = 0, footer: String? = "Esc close",
        keyStyle: Style = Style(modifiers: [.bold]), frame: Frame = Frame(isFocused: true)
    ) {
        self.bindings = bindings
        self.title = title
        self.scroll = scroll
        self.footer = footer
        self.keyStyle = keyStyle
        self.frame = frame
    }

    private var labelColumn: Int { bindings.map { DisplayWidth.of($0.label) }.max() ?? 0 }

    /// The box in `area`: as big as the list wants, no bigger than the area.
    public func boxRect(in area: Rect) -> Rect {
        let helpWidth = bindings.map { DisplayWidth.of($0.help) }.max() ?? 0
        let wanted = max(labelColumn + 2 + helpWidth, DisplayWidth.of(title) + 2, DisplayWidth.of(footer ?? "") + 2) + 4
        let width = min(area.width, wanted)
        let height = min(area.height, lines(contentWidth: width - 4).count + 2)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    /// The largest useful `scroll` in `area`.
    public func maxScroll(in area: Rect) -> Int {
        let box = boxRect(in: area)
        return max(0, lines(contentWidth: box.width - 4).count - (box.height - 2))
    }

    /// Each binding as rows of (key label, description part); the label only on the first.
    private func lines(contentWidth: Int) -> [(String, String)] {
        guard contentWidth > 0 else { return [] }
        let keyWidth = min(labelColumn, max(1, contentWidth / 3))
        let helpWidth = contentWidth - keyWidth - 2
        var result: [(String, String)] = []
        for binding in bindings {
            let label = DisplayWidth.prefix(binding.label, fitting: keyWidth)
            let help = helpWidth > 0 ? TextWrap.wrap(binding.help, width: helpWidth) : []
            result.append((label, help.first ?? ""))
            for part in help.dropFirst() { result.append(("", part)) }
        }
        return result
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 3, area.height >= 3 else { return }
        let box = boxRect(in: area)
        buffer.fill(box)
        var frame = frame
        frame.title = title
        let inner = frame.draw(into: &buffer, area: box)
        let content = inner.inset(horizontal: 1, vertical: 0)
        guard !content.isEmpty else { return }
        let all = lines(contentWidth: content.width)
        let keyWidth = min(labelColumn, max(1, content.width / 3))
        let offset = min(max(0, scroll), max(0, all.count - content.height))
        for (row, line) in all.dropFirst(offset).prefix(content.height).enumerated() {
            buffer.write(line.0, x: content.x, y: content.y + row, style: keyStyle, clip: content)
            buffer.write(line.1, x: content.x + keyWidth + 2, y: content.y + row, clip: content)
        }
        let borderStyle = frame.isFocused ? frame.focusedStyle : frame.style
        if offset > 0 { buffer.set(box.right - 2, box.y, "↑", style: borderStyle) }
        if offset + content.height < all.count { buffer.set(box.right - 2, box.bottom - 1, "↓", style: borderStyle) }
        if let footer, DisplayWidth.of(footer) + 6 <= box.width {
            buffer.write(" " + footer + " ", x: box.x + 2, y: box.bottom - 1, style: borderStyle)
        }
    }
}
