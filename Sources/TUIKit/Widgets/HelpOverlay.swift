// SPDX-License-Identifier: Apache-2.0

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

    private var box: ScrollingBox {
        let helpWidth = bindings.map { DisplayWidth.of($0.help) }.max() ?? 0
        return ScrollingBox(
            title: title, footer: footer, scroll: scroll, frame: frame, contentWidth: labelColumn + 2 + helpWidth,
            lineCount: { lines(contentWidth: $0).count })
    }

    /// The box in `area`: as big as the list wants, no bigger than the area.
    public func boxRect(in area: Rect) -> Rect { box.rect(in: area) }

    /// The largest useful `scroll` in `area`.
    public func maxScroll(in area: Rect) -> Int { box.maxScroll(in: area) }

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
        box.render(into: &buffer, area: area) { buffer, content, offset in
            let keyWidth = min(labelColumn, max(1, content.width / 3))
            for (row, line) in lines(contentWidth: content.width).dropFirst(offset).prefix(content.height).enumerated() {
                buffer.write(line.0, x: content.x, y: content.y + row, style: keyStyle, clip: content)
                buffer.write(line.1, x: content.x + keyWidth + 2, y: content.y + row, clip: content)
            }
        }
    }
}
