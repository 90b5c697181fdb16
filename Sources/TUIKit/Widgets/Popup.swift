// SPDX-License-Identifier: Apache-2.0

/// A centred, framed box of wrapped styled text over whatever is beneath, e.g. "how this number was computed".
///
/// The box is as wide as the longest line wants and as tall as the wrapped
/// text, both cut to the area; taller text scrolls (`scroll`, clamped) with
/// ↑/↓ marks in the border. Under 3×3 cells nothing is drawn.
public struct Popup: Widget, Sendable {
    public var title: String
    public var body: StyledText
    public var scroll: Int
    public var footer: String?
    /// Content columns wanted; nil: the longest line of `body`.
    public var preferredWidth: Int?
    public var frame: Frame

    public init(
        title: String, body: StyledText, scroll: Int = 0, footer: String? = "Esc close", preferredWidth: Int? = nil,
        frame: Frame = Frame(isFocused: true)
    ) {
        self.title = title
        self.body = body
        self.scroll = scroll
        self.footer = footer
        self.preferredWidth = preferredWidth
        self.frame = frame
    }

    private var box: ScrollingBox {
        let longest = body.plain.split(separator: "\n", omittingEmptySubsequences: false).map { DisplayWidth.of($0) }.max() ?? 0
        return ScrollingBox(
            title: title, footer: footer, scroll: scroll, frame: frame, contentWidth: preferredWidth ?? longest,
            lineCount: { TextWrap.wrap(body, width: $0).count })
    }

    public func boxRect(in area: Rect) -> Rect { box.rect(in: area) }

    /// The largest useful `scroll` in `area`.
    public func maxScroll(in area: Rect) -> Int { box.maxScroll(in: area) }

    public func render(into buffer: inout Buffer, area: Rect) {
        box.render(into: &buffer, area: area) { buffer, content, offset in
            Paragraph(body, scroll: offset).render(into: &buffer, area: content)
        }
    }
}
