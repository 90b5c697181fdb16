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

    public func boxRect(in area: Rect) -> Rect {
        let longest = body.plain.split(separator: "\n", omittingEmptySubsequences: false).map { DisplayWidth.of($0) }.max() ?? 0
        let wanted = max(preferredWidth ?? longest, DisplayWidth.of(title) + 2, DisplayWidth.of(footer ?? "") + 2) + 4
        let width = min(area.width, wanted)
        let height = TextWrap.wrap(body, width: max(0, width - 4)).count + 2
        return area.centered(width: width, height: height)
    }

    /// The largest useful `scroll` in `area`.
    public func maxScroll(in area: Rect) -> Int {
        let box = boxRect(in: area)
        return max(0, TextWrap.wrap(body, width: max(0, box.width - 4)).count - (box.height - 2))
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 3, area.height >= 3 else { return }
        let box = boxRect(in: area)
        buffer.fill(box)
        var frame = frame
        frame.title = title
        let content = frame.draw(into: &buffer, area: box).inset(horizontal: 1, vertical: 0)
        guard !content.isEmpty else { return }
        let total = TextWrap.wrap(body, width: content.width).count
        let offset = min(max(0, scroll), max(0, total - content.height))
        Paragraph(body, scroll: offset).render(into: &buffer, area: content)
        let borderStyle = frame.isFocused ? frame.focusedStyle : frame.style
        if offset > 0 { buffer.set(box.right - 2, box.y, "↑", style: borderStyle) }
        if offset + content.height < total { buffer.set(box.right - 2, box.bottom - 1, "↓", style: borderStyle) }
        if let footer, DisplayWidth.of(footer) + 6 <= box.width {
            buffer.write(" " + footer + " ", x: box.x + 2, y: box.bottom - 1, style: borderStyle)
        }
    }
}
