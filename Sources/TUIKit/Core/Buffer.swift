// SPDX-License-Identifier: Apache-2.0

/// One terminal cell: a grapheme cluster and its style.
///
/// A wide character occupies its own cell and the one to its right; that
/// second cell is a *continuation* (`symbol == ""`) and is never drawn.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var style: Style

    public init(_ symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { symbol.isEmpty }
}

/// A grid of cells that widgets draw into; the terminal shows it, tests read it as text.
///
/// Drawing outside the buffer is silently clipped, so widgets never need to
/// check bounds and a 1×1 terminal cannot crash anything.
public struct Buffer: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: .blank, count: self.size.width * self.size.height)
    }

    public var area: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
        return cells[y * size.width + x]
    }

    /// Puts one grapheme at (x, y). A wide grapheme that would not fit before
    /// the right edge (or `clip`'s right edge) is replaced by a space; any wide
    /// character it overlaps is cleared, so no half glyph is ever left behind.
    ///
    /// A control character (`DisplayWidth.isEscaped`) is written as its escape,
    /// one cell per character of it from (x, y) on, cut at the edge.
    public mutating func set(_ x: Int, _ y: Int, _ character: Character, style: Style, clip: Rect? = nil) {
        let bounds = clip.map { $0.intersection(area) } ?? area
        let (width, isEscaped) = DisplayWidth.measure(character)
        if isEscaped {
            putEscape(of: character, x: x, y: y, limit: bounds.right, style: style, bounds: bounds)
        } else {
            put(character, width: width, x: x, y: y, style: style, bounds: bounds)
        }
    }

    /// `set` for a character that is not escaped, its width measured.
    private mutating func put(_ character: Character, width measured: Int, x: Int, y: Int, style: Style, bounds: Rect) {
        guard bounds.contains(x: x, y: y) else { return }
        var width = measured
        var symbol = String(character)
        if width == 0 {
            // A lone combining mark: show a visible placeholder rather than nothing.
            symbol = " "
            width = 1
        }
        if width == 2 && x + 1 >= bounds.right {
            symbol = " "
            width = 1
        }
        clearWide(at: x, y: y)
        cells[y * size.width + x] = Cell(symbol, style: style)
        if width == 2 {
            clearWide(at: x + 1, y: y)
            cells[y * size.width + x + 1] = Cell("", style: style)
        }
    }

    /// Writes the escape of a control character from (x, y), one ASCII cell per byte, up to
    /// column `limit`.
    private mutating func putEscape(of character: Character, x: Int, y: Int, limit: Int, style: Style, bounds: Rect) {
        let escape = DisplayWidth.escaped(character)
        guard y >= bounds.y, y < bounds.bottom else { return }
        var column = x
        for byte in escape.utf8 {
            if column >= limit { break }
            if column >= bounds.x {
                clearWide(at: column, y: y)
                cells[y * size.width + column] = Cell(String(UnicodeScalar(byte)), style: style)
            }
            column += 1
        }
    }

    /// If (x, y) is part of a wide character, blank both of its halves.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < size.width, y >= 0, y < size.height else { return }
        let index = y * size.width + x
        // A wide character is always followed by its continuation cell, so that cell tells
        // whether (x, y) starts one, without measuring the symbol.
        if cells[index].isContinuation {
            if x > 0 { cells[index - 1] = Cell(" ", style: cells[index - 1].style) }
            cells[index] = Cell(" ", style: cells[index].style)
        } else if x + 1 < size.width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
    }

    /// Writes `text` from (x, y) to the right, clipped at `maxWidth` columns and at
    /// the buffer or `clip` edge. Returns the number of columns written.
    ///
    /// Zero-width characters (a combining mark with no base) are skipped, and a
    /// control character is written as its escape (`\u{202e}`; cut at the edge
    /// rather than left out), so the columns written always equal
    /// `DisplayWidth.of(text)` when there is room — the same count wrapping and
    /// alignment use.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int = .max, clip: Rect? = nil) -> Int {
        var column = x
        let bounds = clip.map { $0.intersection(area) } ?? area
        // Stop at the visible edge so the count is what is on screen.
        let limit = min(bounds.right, maxWidth >= Int.max - max(0, x) ? Int.max : x + max(0, maxWidth))
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Printable ASCII, most of every frame: one column per byte, no grapheme or width lookups.
            guard y >= bounds.y, y < bounds.bottom else { return 0 }
            for byte in text.utf8 {
                if column + 1 > limit { break }
                if column >= bounds.x {
                    clearWide(at: column, y: y)
                    cells[y * size.width + column] = Cell(String(UnicodeScalar(byte)), style: style)
                }
                column += 1
            }
            return column - x
        }
        for character in text {
            let (width, isEscaped) = DisplayWidth.measure(character)
            if isEscaped {
                putEscape(of: character, x: column, y: y, limit: limit, style: style, bounds: bounds)
                // Cut at the edge: the columns up to it are written.
                if column + width > limit { return max(column, limit) - x }
                column += width
                continue
            }
            if width == 0 { continue }
            if column + width > limit { break }
            put(character, width: width, x: column, y: y, style: style, bounds: bounds)
            column += width
        }
        return column - x
    }

    /// Changes the style of the cells in `rect`, keeping their symbols.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        for y in r.y..<r.bottom { for x in r.x..<r.right { cells[y * size.width + x].style = style } }
    }

    /// Applies `change` to the style of every cell in `rect`.
    public mutating func restyle(_ rect: Rect, _ change: (Style) -> Style) {
        let r = rect.intersection(area)
        for y in r.y..<r.bottom { for x in r.x..<r.right { cells[y * size.width + x].style = change(cells[y * size.width + x].style) } }
    }

    /// Fills `rect` with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let r = rect.intersection(area)
        for y in r.y..<r.bottom { for x in r.x..<r.right { set(x, y, character, style: style) } }
    }

    /// The buffer as plain text, one line per row, trailing spaces kept.
    public var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !cells[y * size.width + x].isContinuation {
                line += cells[y * size.width + x].symbol
            }
            return line
        }
    }

    /// The buffer as plain text with trailing spaces trimmed, lines joined by "\n".
    public var text: String {
        // Trailing blanks cut on the scalars: walking Characters backwards cost more than drawing the frame.
        lines.map { line in
            guard let last = line.unicodeScalars.lastIndex(where: { $0 != " " }) else { return "" }
            return String(line.unicodeScalars[...last])
        }.joined(separator: "\n")
    }
}
