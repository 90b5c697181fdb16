// SPDX-License-Identifier: Apache-2.0

/// A run of cells on one row that share a style, for readable golden tests.
public struct StyleRun: Hashable, Sendable, CustomStringConvertible {
    public var y: Int
    /// First and last column of the run, both included.
    public var x: Int
    public var lastX: Int
    public var style: Style

    public init(y: Int, x: Int, lastX: Int, style: Style) {
        self.y = y
        self.x = x
        self.lastX = lastX
        self.style = style
    }

    /// `x,y..lastX: fg=…, bg=…, mods=…`, leaving out what is default.
    public var description: String {
        var parts: [String] = []
        if style.foreground != .default { parts.append("fg=\(Self.name(style.foreground))") }
        if style.background != .default { parts.append("bg=\(Self.name(style.background))") }
        if !style.modifiers.isEmpty { parts.append("mods=\(Self.names(style.modifiers))") }
        return "\(x),\(y)..\(lastX): " + parts.joined(separator: ", ")
    }

    private static let colorNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "brightBlack", "brightRed", "brightGreen", "brightYellow", "brightBlue", "brightMagenta", "brightCyan", "brightWhite",
    ]

    static func name(_ color: Color) -> String {
        guard case .indexed(let index) = color else { return "default" }
        return index < 16 ? colorNames[Int(index)] : String(index)
    }

    static func names(_ modifiers: Modifiers) -> String {
        let all: [(Modifiers, String)] = [
            (.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"), (.reverse, "reverse"),
        ]
        return all.filter { modifiers.contains($0.0) }.map(\.1).joined(separator: "|")
    }
}

extension Buffer {
    /// Every run of equally styled cells that is not plain, row by row.
    public var styleRuns: [StyleRun] {
        var runs: [StyleRun] = []
        for y in 0..<size.height {
            var x = 0
            while x < size.width {
                let style = self[x, y].style
                var last = x
                while last + 1 < size.width && self[last + 1, y].style == style { last += 1 }
                if style != .plain { runs.append(StyleRun(y: y, x: x, lastX: last, style: style)) }
                x = last + 1
            }
        }
        return runs
    }

    /// ratatui-style dump for golden tests: the lines in quotes, then the style runs.
    public var debugDump: String {
        var text = lines.map { "\"\($0)\"" }.joined(separator: "\n")
        let runs = styleRuns
        if !runs.isEmpty { text += "\nstyles:\n" + runs.map(\.description).joined(separator: "\n") }
        return text
    }

    /// The screen as text with SGR escape sequences for `colorMode` on a `theme`
    /// background, one line per row.
    ///
    /// Styles are reset at the end of every styled line, so any line can be printed
    /// alone; trailing unstyled blanks are dropped, as in `text`.
    public func ansiText(colorMode: ColorMode, theme: Theme = .dark) -> String {
        var output = ""
        output.reserveCapacity(cells.count * 2)
        var codes: [Style: String] = [:]
        for y in 0..<size.height {
            if y > 0 { output += "\n" }
            let start = y * size.width
            var end = start + size.width
            while end > start, cells[end - 1].style == .plain, cells[end - 1].symbol == " " { end -= 1 }
            var current = Style.plain
            for index in start..<end {
                let cell = cells[index]
                if cell.isContinuation { continue }
                if cell.style != current {
                    if let code = codes[cell.style] {
                        output += code
                    } else {
                        let code = Self.sgr(theme.mapped(cell.style, colorMode: colorMode), colorMode: colorMode)
                        codes[cell.style] = code
                        output += code
                    }
                    current = cell.style
                }
                output += cell.symbol
            }
            if current != .plain { output += "\u{1B}[0m" }
        }
        return output
    }

    /// One SGR sequence that resets and then sets the whole `style`.
    static func sgr(_ style: Style, colorMode: ColorMode) -> String {
        var codes = ["0"]
        if style.modifiers.contains(.bold) { codes.append("1") }
        if style.modifiers.contains(.dim) { codes.append("2") }
        if style.modifiers.contains(.italic) { codes.append("3") }
        if style.modifiers.contains(.underline) { codes.append("4") }
        if style.modifiers.contains(.reverse) { codes.append("7") }
        if let code = colorCode(style.foreground, background: false, colorMode: colorMode) { codes.append(code) }
        if let code = colorCode(style.background, background: true, colorMode: colorMode) { codes.append(code) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func colorCode(_ color: Color, background: Bool, colorMode: ColorMode) -> String? {
        guard case .indexed(let index) = colorMode.displayable(color) else { return nil }
        let n = Int(index)
        switch colorMode {
        case .palette256: return (background ? "48;5;" : "38;5;") + String(n)
        case .ansi16, .ansi8: return String((n < 8 ? 30 : 90) + (background ? 10 : 0) + n % 8)
        case .monochrome: return nil
        }
    }
}
