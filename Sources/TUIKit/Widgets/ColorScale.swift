// SPDX-License-Identifier: Apache-2.0

/// Maps a number to a colour (or, without colour, a shade character).
///
/// Sequential scales run from white at `lower` to deep red at `upper`.
/// Diverging scales are for data with negative values: white at zero, blue
/// below, red above, with equal steps for equal magnitudes. Each colour mode
/// gets its own ramp — 7 steps a side in 256 colours, 4 in 16, 3 in 8 — and
/// `.monochrome` has none: use `shade(for:)`.
public struct ColorScale: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case sequential, diverging }

    public var lower: Double
    public var upper: Double
    public var kind: Kind

    public init(lower: Double, upper: Double, kind: Kind) {
        self.lower = lower
        self.upper = upper
        self.kind = kind
    }

    /// Diverging and symmetric around zero when any value is negative; otherwise
    /// sequential from zero to the largest value. Nil and non-finite values are ignored;
    /// no values at all give 0…1.
    public static func fitting(_ values: [Double]) -> ColorScale {
        let finite = values.filter(\.isFinite)
        guard let smallest = finite.min(), let largest = finite.max() else { return ColorScale(lower: 0, upper: 1, kind: .sequential) }
        if smallest < 0 {
            let magnitude = max(-smallest, abs(largest))
            return ColorScale(lower: -magnitude, upper: magnitude, kind: .diverging)
        }
        return ColorScale(lower: 0, upper: largest, kind: .sequential)
    }

    public static func fitting(_ values: [[Double?]]) -> ColorScale { fitting(values.flatMap { $0.compactMap { $0 } }) }

    /// Where `value` sits: 0…1 for sequential, −1…1 for diverging (0 at zero), clamped.
    public func position(of value: Double) -> Double {
        guard value.isFinite else { return 0 }
        switch kind {
        case .sequential:
            let span = upper - lower
            guard span > 0 else { return value > lower ? 1 : 0 }
            return min(max((value - lower) / span, 0), 1)
        case .diverging:
            if value < 0 { return lower < 0 ? -min(value / lower, 1) : -1 }
            return upper > 0 ? min(value / upper, 1) : (value > 0 ? 1 : 0)
        }
    }

    // From white to the deepest colour; index 0 is the colour of zero.
    private static let warm256: [Color] = [
        .cube(5, 5, 5), .cube(5, 4, 4), .cube(5, 3, 3), .cube(5, 2, 2), .cube(5, 1, 1), .cube(4, 0, 0), .cube(3, 0, 0),
    ]
    private static let cool256: [Color] = [
        .cube(5, 5, 5), .cube(4, 4, 5), .cube(3, 3, 5), .cube(2, 2, 5), .cube(1, 1, 5), .cube(0, 0, 4), .cube(0, 0, 3),
    ]
    private static let warm16: [Color] = [.brightWhite, .indexed(11), .indexed(9), .red]
    private static let cool16: [Color] = [.brightWhite, .indexed(14), .indexed(12), .blue]
    private static let warm8: [Color] = [.white, .yellow, .red]
    private static let cool8: [Color] = [.white, .cyan, .blue]

    /// The background colour for `value` in `mode`; `.default` in monochrome.
    public func color(for value: Double, mode: ColorMode) -> Color {
        let position = position(of: value)
        let warm: [Color]
        let cool: [Color]
        switch mode {
        case .monochrome: return .default
        case .palette256: (warm, cool) = (Self.warm256, Self.cool256)
        case .ansi16: (warm, cool) = (Self.warm16, Self.cool16)
        case .ansi8: (warm, cool) = (Self.warm8, Self.cool8)
        }
        let ramp = position < 0 ? cool : warm
        let step = Int((abs(position) * Double(ramp.count - 1)).rounded())
        return ramp[min(step, ramp.count - 1)]
    }

    public static let shades: [Character] = [" ", "░", "▒", "▓", "█"]
    /// The negative side of a diverging scale: dots instead of blocks, so that without colour
    /// (and without room for numbers) −0.9 and +0.9 still look different.
    public static let negativeShades: [Character] = [" ", "⠂", "⠅", "⠭", "⣿"]

    /// A shade from " " (zero or `lower`) to "█" by magnitude; on a diverging scale negative
    /// values take the dotted ramp.
    public func shade(for value: Double) -> Character {
        let position = position(of: value)
        let step = min(Int((abs(position) * 4).rounded()), 4)
        return kind == .diverging && position < 0 ? Self.negativeShades[step] : Self.shades[step]
    }

    /// Black or white, whichever reads better on `background`.
    public static func textColor(on background: Color, mode: ColorMode) -> Color {
        guard mode.hasColor, background != .default else { return .default }
        let (r, g, b) = background.rgb
        let luminance = 299 * r + 587 * g + 114 * b
        if luminance > 140_000 { return .black }
        return mode == .ansi8 ? .white : .brightWhite
    }
}
