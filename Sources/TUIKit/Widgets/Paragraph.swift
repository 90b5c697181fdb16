// SPDX-License-Identifier: Apache-2.0

/// Horizontal placement of a line inside its area.
public enum Alignment: Sendable, Hashable {
    case left, center, right

    /// The x where a line of `width` columns starts inside `area`.
    func start(of width: Int, in area: Rect) -> Int {
        switch self {
        case .left: area.x
        case .center: area.x + max(0, (area.width - width) / 2)
        case .right: area.x + max(0, area.width - width)
        }
    }
}

/// Wrapped text, optionally with styled spans, drawn top-down from a scroll offset.
///
/// Lines that do not fit below the area are clipped; `lineCount(width:)` tells
/// the caller how many lines there are so it can offer scrolling.
public struct Paragraph: Widget, Sendable {
    public var text: StyledText
    /// Laid under every span; a background here fills the whole area.
    public var style: Style
    public var alignment: Alignment
    /// Wrapped lines skipped at the top.
    public var scroll: Int

    public init(_ text: StyledText, style: Style = .plain, alignment: Alignment = .left, scroll: Int = 0) {
        self.text = text
        self.style = style
        self.alignment = alignment
        self.scroll = scroll
    }

    public init(_ text: String, style: Style = .plain, alignment: Alignment = .left, scroll: Int = 0) {
        self.init(StyledText(text), style: style, alignment: alignment, scroll: scroll)
    }

    /// The number of lines the text takes when wrapped to `width`.
    public func lineCount(width: Int) -> Int { TextWrap.wrap(text, width: width).count }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        if style != .plain { buffer.fill(area, style: style) }
        let lines = TextWrap.wrap(text, width: area.width).dropFirst(max(0, scroll)).prefix(area.height)
        for (row, line) in lines.enumerated() {
            let lineWidth = line.reduce(0) { $0 + DisplayWidth.of($1.0) }
            var x = alignment.start(of: lineWidth, in: area)
            for (character, characterStyle) in line {
                let width = DisplayWidth.of(character)
                if width == 0 { continue }
                buffer.set(x, area.y + row, character, style: style.patched(with: characterStyle), clip: area)
                x += width
            }
        }
    }
}
