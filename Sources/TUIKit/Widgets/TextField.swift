// SPDX-License-Identifier: Apache-2.0

/// A one-line text prompt: typing, a cursor, Backspace/Delete, Enter to submit, Esc to cancel.
///
/// The cursor counts characters (grapheme clusters), so `é` typed as `e` plus a
/// combining accent, or `日`, is one step. The view scrolls sideways to keep
/// the cursor visible; the cursor cell is drawn reversed.
public struct TextField: Widget, Sendable, Hashable {
    public enum Outcome: Hashable, Sendable {
        /// The text or the cursor changed.
        case edited
        case submitted(String)
        case cancelled
        /// Not a key the field uses.
        case ignored
    }

    public private(set) var text: String
    /// Characters before the cursor, 0…text.count.
    public private(set) var cursor: Int
    public var prompt: String
    /// Shown dimmed while the text is empty.
    public var placeholder: String
    /// Characters at most, each of at most `ScalarBound.perCharacter` scalars (a character that
    /// would grow beyond it is refused whatever the limit); nil for no limit.
    public var maxLength: Int?
    public var style: Style
    public var promptStyle: Style
    public var cursorStyle: Style

    public init(
        text: String = "", prompt: String = "", placeholder: String = "", maxLength: Int? = nil, style: Style = .plain,
        promptStyle: Style = Style(modifiers: [.bold]), cursorStyle: Style = Style(modifiers: [.reverse])
    ) {
        self.text = text
        self.cursor = text.count
        self.prompt = prompt
        self.placeholder = placeholder
        self.maxLength = maxLength
        self.style = style
        self.promptStyle = promptStyle
        self.cursorStyle = cursorStyle
    }

    /// Applies one key; the outcome says whether the field used it.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            // A control character would only show as its escape: not something one types.
            guard !DisplayWidth.isEscaped(character),
                DisplayWidth.of(character) > 0 || character.unicodeScalars.allSatisfy(Self.joinsTheCharacterBefore)
            else {
                return .ignored
            }
            let before = String(text.prefix(cursor)) + String(character)
            let after = text.dropFirst(cursor)
            if let maxLength, (before + after).count > maxLength { return .ignored }
            // The limit counts characters: each must stay small too, or 40 of them bound no bytes.
            guard (before + after).allSatisfy(ScalarBound.fits) else { return .ignored }
            text = before + after
            // A combining mark joins the character before it, so count again rather than add one.
            cursor = before.count
        case .backspace:
            guard cursor > 0 else { return .ignored }
            text = String(text.prefix(cursor - 1)) + text.dropFirst(cursor)
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return .ignored }
            text = String(text.prefix(cursor)) + text.dropFirst(cursor + 1)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"):
            text = String(text.dropFirst(cursor))
            cursor = 0
        case .enter: return .submitted(text)
        case .escape: return .cancelled
        default: return .ignored
        }
        return .edited
    }

    /// Zero-width scalars typed on their own that belong to the character before:
    /// combining marks, variation selectors, the zero-width joiner of emoji
    /// sequences (👨‍👩‍👧 arrives one scalar at a time) and emoji tags. Other
    /// zero-width characters (bidi controls …) are refused.
    static func joinsTheCharacterBefore(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return scalar.value == 0x200D || (0xE0020...0xE007F).contains(scalar.value)
        }
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        let promptWidth = buffer.write(prompt, x: row.x, y: row.y, style: promptStyle, clip: row)
        let field = Rect(x: row.x + promptWidth, y: row.y, width: row.width - promptWidth, height: 1)
        guard !field.isEmpty else { return }
        let characters = Array(text)
        if characters.isEmpty && !placeholder.isEmpty {
            buffer.write(placeholder, x: field.x, y: field.y, style: style.adding(.dim), clip: field)
        }
        // Scroll so the text before the cursor and the cursor cell fit.
        var start = 0
        while start < cursor, DisplayWidth.of(String(characters[start..<cursor])) + 1 > field.width { start += 1 }
        var x = field.x
        for index in start..<characters.count {
            let width = DisplayWidth.of(characters[index])
            if x + width > field.right { break }
            buffer.set(x, field.y, characters[index], style: index == cursor ? style.patched(with: cursorStyle) : style, clip: field)
            x += width
        }
        if cursor >= characters.count, x < field.right {
            buffer.set(
                x, field.y, characters.isEmpty && !placeholder.isEmpty ? Array(placeholder)[0] : " ",
                style: style.patched(with: cursorStyle), clip: field)
        }
    }
}
