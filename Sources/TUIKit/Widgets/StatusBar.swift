// SPDX-License-Identifier: Apache-2.0

/// One row: an optional title, then as many key bindings as fit, and the help hint at the right end.
///
/// Bindings are shown whole or not at all, in table order, so the first ones
/// should be the most useful: one that does not fit is left out and the later,
/// shorter ones still get their chance. When they do not all fit with
/// `separator`, `compactSeparator` is used instead. `pinned` bindings (e.g. quit)
/// stay just left of the help hint whatever the width allows the others. The help
/// hint is kept over the title and the bindings; a binding for the hint's key is
/// not repeated.
public struct StatusBar: Widget, Sendable {
    public var bindings: [KeyBinding]
    /// Kept at the right end, before the help hint, while they fit.
    public var pinned: [KeyBinding]
    /// Left-most, e.g. "Lesson 3/14"; cut before the help hint is.
    public var title: String?
    public var helpHint: KeyBinding?
    public var style: Style
    public var keyStyle: Style
    public var separator: String
    /// Between bindings when not all of them fit with `separator`; nil: never.
    public var compactSeparator: String?

    public init(
        bindings: [KeyBinding], pinned: [KeyBinding] = [], title: String? = nil,
        helpHint: KeyBinding? = KeyBinding(keys: [.character("?")], label: "?", help: "help", short: "help"),
        style: Style = Style(modifiers: [.reverse]), keyStyle: Style = Style(modifiers: [.bold]), separator: String = "  ",
        compactSeparator: String? = nil
    ) {
        self.bindings = bindings
        self.pinned = pinned
        self.title = title
        self.helpHint = helpHint
        self.style = style
        self.keyStyle = keyStyle
        self.separator = separator
        self.compactSeparator = compactSeparator
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
        let shown = { (list: [KeyBinding]) in list.filter { $0.showsInStatusBar && hintKeys.isDisjoint(with: $0.keys) } }
        for binding in shown(pinned).reversed() {
            let width = DisplayWidth.of(binding.statusText)
            guard right - width >= x else { break }
            draw(binding, x: right - width, maxWidth: width, into: &buffer, row: row)
            right -= width + DisplayWidth.of(separator)
        }
        let candidates = shown(bindings)
        var gap = separator
        if let compactSeparator, fitting(candidates, from: x, to: right, separator: separator).count < candidates.count {
            gap = compactSeparator
        }
        for binding in fitting(candidates, from: x, to: right, separator: gap) {
            draw(binding, x: x, maxWidth: DisplayWidth.of(binding.statusText), into: &buffer, row: row)
            x += DisplayWidth.of(binding.statusText) + DisplayWidth.of(gap)
        }
    }

    /// The bindings that fit between `x` and `right`, in order, skipping any that do not.
    private func fitting(_ candidates: [KeyBinding], from start: Int, to right: Int, separator: String) -> [KeyBinding] {
        var x = start
        var result: [KeyBinding] = []
        for binding in candidates {
            let width = DisplayWidth.of(binding.statusText)
            guard x + width <= right else { continue }
            result.append(binding)
            x += width + DisplayWidth.of(separator)
        }
        return result
    }

    private func draw(_ binding: KeyBinding, x: Int, maxWidth: Int, into buffer: inout Buffer, row: Rect) {
        let used = buffer.write(binding.label, x: x, y: row.y, style: style.patched(with: keyStyle), maxWidth: maxWidth, clip: row)
        if let short = binding.short {
            buffer.write(" " + short, x: x + used, y: row.y, style: style, maxWidth: maxWidth - used, clip: row)
        }
    }
}
