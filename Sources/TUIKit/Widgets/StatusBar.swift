/// One row: an optional title, then as many key bindings as fit, and the help hint at the right end.
///
/// Bindings are shown whole or not at all, in table order, so the first ones
/// should be the most useful. The help hint is kept over the title and the
/// bindings; a binding for the hint's key is not repeated.
public struct StatusBar: Widget, Sendable {
    public var bindings: [KeyBinding]
    /// Left-most, e.g. "Lesson 3/14"; cut before the help hint is.
    public var title: String?
    public var helpHint: KeyBinding?
    public var style: Style
    public var keyStyle: Style
    public var separator: String

    public init(
        bindings: [KeyBinding], title: String? = nil,
        helpHint: KeyBinding? = KeyBinding(keys: [.character("?")], label: "?", help: "help", short: "help"),
        style: Style = Style(modifiers: [.reverse]), keyStyle: Style = Style(modifiers: [.bold]), separator: String = "  "
    ) {
        self.bindings = bindings
        self.title = title
        self.helpHint = helpHint
        self.style = style
        self.keyStyle = keyStyle
        self.separator = separator
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, style: style)
        var right = row.right
        if let helpHint {
            let width = DisplayWidth.of(helpHint.statusText)
            let x = max(row.x, right - width - 1)
            draw(helpHint, x: x, maxWidth: right - x, into: &buffer, row: row)
            right = x - DisplayWidth.of(separator)
        }
        var x = row.x + 1
        if let title, !title.isEmpty, right - x >= 1 {
            x += buffer.write(DisplayWidth.truncate(title, to: right - x), x: x, y: row.y, style: style.patched(with: keyStyle), clip: row)
            x += DisplayWidth.of(separator)
        }
        let hintKeys = Set(helpHint?.keys ?? [])
        for binding in bindings where binding.showsInStatusBar && hintKeys.isDisjoint(with: binding.keys) {
            let width = DisplayWidth.of(binding.statusText)
            guard x + width <= right else { break }
            draw(binding, x: x, maxWidth: width, into: &buffer, row: row)
            x += width + DisplayWidth.of(separator)
        }
    }

    private func draw(_ binding: KeyBinding, x: Int, maxWidth: Int, into buffer: inout Buffer, row: Rect) {
        let used = buffer.write(binding.label, x: x, y: row.y, style: style.patched(with: keyStyle), maxWidth: maxWidth, clip: row)
        if let short = binding.short {
            buffer.write(" " + short, x: x + used, y: row.y, style: style, maxWidth: maxWidth - used, clip: row)
        }
    }
}
