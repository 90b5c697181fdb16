// SPDX-License-Identifier: Apache-2.0

/// A terminal colour: the terminal's default, or an index of the 256-colour
/// palette (0–15 are the classic ANSI colours, 16–231 a 6×6×6 cube, 232–255 greys).
public enum Color: Hashable, Sendable {
    case `default`
    case indexed(UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)
    public static let brightBlack = Color.indexed(8)
    public static let brightWhite = Color.indexed(15)

    /// A colour of the 6×6×6 cube, each component 0…5.
    public static func cube(_ r: Int, _ g: Int, _ b: Int) -> Color {
        let red: Int = min(max(r, 0), 5)
        let green: Int = min(max(g, 0), 5)
        let blue: Int = min(max(b, 0), 5)
        return .indexed(UInt8(16 + 36 * red + 6 * green + blue))
    }

    /// A grey of the 24-step ramp, 0 (near black) … 23 (near white).
    public static func grey(_ level: Int) -> Color {
        .indexed(UInt8(232 + min(max(level, 0), 23)))
    }

    /// The nearest of the first `count` (8 or 16) ANSI colours, for terminals without 256.
    public func reduced(to count: Int) -> Color {
        guard case .indexed(let index) = self, Int(index) >= count else { return self }
        let (r, g, b) = rgb
        var best = 0
        var bestDistance = Int.max
        for candidate in 0..<count {
            let (cr, cg, cb) = Color.indexed(UInt8(candidate)).rgb
            let dr: Int = r - cr
            let dg: Int = g - cg
            let db: Int = b - cb
            let distance: Int = dr * dr + dg * dg + db * db
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return .indexed(UInt8(best))
    }

    /// Approximate sRGB of a palette colour (xterm's defaults).
    public var rgb: (Int, Int, Int) {
        guard case .indexed(let index) = self else { return (192, 192, 192) }
        let i = Int(index)
        switch i {
        case 0..<16:
            return Self.ansiTable[i]
        case 16..<232:
            let c = i - 16
            return (Self.cubeLevels[c / 36], Self.cubeLevels[(c / 6) % 6], Self.cubeLevels[c % 6])
        default:
            let v = 8 + 10 * (i - 232)
            return (v, v, v)
        }
    }

    private static let ansiTable: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]
}

/// Text attributes that every terminal understands.
public struct Modifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Modifiers(rawValue: 1 << 0)
    public static let dim = Modifiers(rawValue: 1 << 1)
    public static let underline = Modifiers(rawValue: 1 << 2)
    public static let reverse = Modifiers(rawValue: 1 << 3)
    public static let italic = Modifiers(rawValue: 1 << 4)
}

/// How a cell is drawn.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var modifiers: Modifiers

    public init(foreground: Color = .default, background: Color = .default, modifiers: Modifiers = []) {
        self.foreground = foreground
        self.background = background
        self.modifiers = modifiers
    }

    public static let plain = Style()

    public func foreground(_ color: Color) -> Style {
        var copy = self
        copy.foreground = color
        return copy
    }

    public func background(_ color: Color) -> Style {
        var copy = self
        copy.background = color
        return copy
    }

    public func adding(_ modifiers: Modifiers) -> Style {
        var copy = self
        copy.modifiers.formUnion(modifiers)
        return copy
    }

    public func removing(_ modifiers: Modifiers) -> Style {
        var copy = self
        copy.modifiers.subtract(modifiers)
        return copy
    }

    /// `other` laid over this style: its colours where they are not `.default`, and both sets of modifiers.
    public func patched(with other: Style) -> Style {
        Style(
            foreground: other.foreground == .default ? foreground : other.foreground,
            background: other.background == .default ? background : other.background,
            modifiers: modifiers.union(other.modifiers))
    }
}

/// What the terminal can show; the view picks palettes from it.
public enum ColorMode: Sendable, Equatable {
    case palette256
    case ansi16
    case ansi8
    /// No colour at all (`NO_COLOR`, `--no-color`): meaning must come from
    /// shade characters, numbers and bold/reverse.
    case monochrome

    public var hasColor: Bool { self != .monochrome }

    /// Whether the `NO_COLOR` environment variable, with this value (nil when
    /// unset), asks for no colour: set to anything but the empty string
    /// (https://no-color.org). The one rule for the screen and `render` alike.
    public static func noColorRequested(byVariable value: String?) -> Bool {
        !(value ?? "").isEmpty
    }

    /// The colour this mode can actually show for `color`.
    public func displayable(_ color: Color) -> Color {
        switch self {
        case .palette256: color
        case .ansi16: color.reduced(to: 16)
        case .ansi8: color.reduced(to: 8)
        case .monochrome: .default
        }
    }
}
