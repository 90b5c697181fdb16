// SPDX-License-Identifier: Apache-2.0

/// A run of text drawn in one style.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// Columns the text occupies.
    public var width: Int { DisplayWidth.of(text) }
}

/// Text made of differently styled runs, e.g. a formula with one number highlighted.
///
/// A span's style is laid over the style of whatever draws it
/// (see `Style.patched(with:)`), so plain spans take the widget's style.
public struct StyledText: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]

    public init(_ spans: [Span] = []) { self.spans = spans }

    public init(_ text: String, style: Style = .plain) { self.spans = [Span(text, style: style)] }

    /// From `[(text, style)]` pairs, the shape callers usually have at hand.
    public init(_ pairs: [(String, Style)]) { self.spans = pairs.map { Span($0.0, style: $0.1) } }

    public init(stringLiteral value: String) { self.init(value) }

    /// The text without styles.
    public var plain: String { spans.map(\.text).joined() }

    /// Columns the whole text occupies (newlines count as nothing).
    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    public var isEmpty: Bool { spans.allSatisfy { $0.text.isEmpty } }

    public mutating func append(_ text: String, style: Style = .plain) { spans.append(Span(text, style: style)) }

    public mutating func append(_ other: StyledText) { spans.append(contentsOf: other.spans) }

    public static func + (lhs: StyledText, rhs: StyledText) -> StyledText { StyledText(lhs.spans + rhs.spans) }

    /// Every character with its style, in order.
    var styledCharacters: [(Character, Style)] {
        var result: [(Character, Style)] = []
        for span in spans { for character in span.text { result.append((character, span.style)) } }
        return result
    }
}

extension Buffer {
    /// Writes styled text from (x, y) to the right, each span's style laid over
    /// `base`; clipped like `write(_:x:y:style:maxWidth:clip:)`. Returns the columns written.
    @discardableResult
    public mutating func write(
        _ text: StyledText, x: Int, y: Int, base: Style = .plain, maxWidth: Int = .max, clip: Rect? = nil
    ) -> Int {
        var column = x
        for span in text.spans {
            let room = maxWidth == .max ? Int.max : maxWidth - (column - x)
            if room <= 0 { break }
            column += write(span.text, x: column, y: y, style: base.patched(with: span.style), maxWidth: room, clip: clip)
        }
        return column - x
    }
}
