// SPDX-License-Identifier: Apache-2.0

/// The six pieces of a box outline.
public struct BorderSet: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character

    public init(
        horizontal: Character, vertical: Character, topLeft: Character, topRight: Character,
        bottomLeft: Character, bottomRight: Character
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
    }

    public static let plain = BorderSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    public static let rounded = BorderSet(
        horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯")
    public static let thick = BorderSet(
        horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛")
    public static let double = BorderSet(
        horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗", bottomLeft: "╚", bottomRight: "╝")
}

/// A box-drawing border with an optional title; draw it, then draw the content into `inner(area)`.
///
/// A focused frame switches to heavy lines and a bold title, so focus stays
/// visible without colour. Areas smaller than 2×2 get no border and no inner area.
public struct Frame: Widget, Sendable {
    public var title: String?
    /// Shown at the right end of the top border, e.g. the current metric.
    public var trailingTitle: String?
    public var isFocused: Bool
    public var borders: BorderSet
    public var focusedBorders: BorderSet
    public var style: Style
    public var focusedStyle: Style
    public var titleStyle: Style

    public init(
        title: String? = nil, trailingTitle: String? = nil, isFocused: Bool = false,
        borders: BorderSet = .rounded, focusedBorders: BorderSet = .thick,
        style: Style = .plain, focusedStyle: Style = Style(foreground: .cyan, modifiers: [.bold]),
        titleStyle: Style = Style(modifiers: [.bold])
    ) {
        self.title = title
        self.trailingTitle = trailingTitle
        self.isFocused = isFocused
        self.borders = borders
        self.focusedBorders = focusedBorders
        self.style = style
        self.focusedStyle = focusedStyle
        self.titleStyle = titleStyle
    }

    /// The area left for content inside the border.
    public func inner(_ area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        return area.inset(by: 1)
    }

    /// Draws the frame and returns the inner area, for "draw a block, then fill it".
    @discardableResult
    public func draw(into buffer: inout Buffer, area: Rect) -> Rect {
        render(into: &buffer, area: area)
        return inner(area)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 2, area.height >= 2 else { return }
        let lines = isFocused ? focusedBorders : borders
        let lineStyle = isFocused ? focusedStyle : style
        let (left, top, right, bottom) = (area.x, area.y, area.right - 1, area.bottom - 1)
        for x in (left + 1)..<right {
            buffer.set(x, top, lines.horizontal, style: lineStyle)
            buffer.set(x, bottom, lines.horizontal, style: lineStyle)
        }
        for y in (top + 1)..<bottom {
            buffer.set(left, y, lines.vertical, style: lineStyle)
            buffer.set(right, y, lines.vertical, style: lineStyle)
        }
        buffer.set(left, top, lines.topLeft, style: lineStyle)
        buffer.set(right, top, lines.topRight, style: lineStyle)
        buffer.set(left, bottom, lines.bottomLeft, style: lineStyle)
        buffer.set(right, bottom, lines.bottomRight, style: lineStyle)

        // Titles sit between the corners with a space either side; the leading title wins the room.
        let room = Rect(x: left + 1, y: top, width: area.width - 2, height: 1)
        let headingStyle = isFocused ? lineStyle.patched(with: titleStyle) : titleStyle
        var used = 0
        if let title, !title.isEmpty, room.width >= 3 {
            let shown = DisplayWidth.truncate(title, to: room.width - 2)
            used = buffer.write(" " + shown + " ", x: room.x, y: top, style: headingStyle, clip: room)
        }
        if let trailingTitle, !trailingTitle.isEmpty {
            // One line segment before the corner, as before the leading title.
            // Whole or not at all: a cut hint ("Enter w…") says nothing.
            let available = room.width - used - (used > 0 ? 1 : 0) - 3
            if DisplayWidth.of(trailingTitle) <= available {
                let text = " " + trailingTitle + " "
                buffer.write(text, x: room.right - 1 - DisplayWidth.of(text), y: top, style: headingStyle, clip: room)
            }
        }
    }
}
