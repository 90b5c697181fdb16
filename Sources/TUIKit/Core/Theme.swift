// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal's background, and how colours are drawn on it.
///
/// Widgets pick their colours for a dark background (the default). On a light
/// one, colours meant to stand out against black (yellow, light greens, white)
/// vanish against white: `.light` maps every foreground drawn on the terminal's
/// own background to a darker colour of the same hue that reads on white.
/// Cells with a background of their own (heatmap cells, legend swatches) keep
/// it; only a default foreground on them gets a readable colour.
public enum Theme: String, Sendable, CaseIterable {
    case dark
    case light

    /// `ATTN_TUI_THEME`, `--theme`: "light" or "dark" (any case, surrounding blanks ignored); nil otherwise.
    public init?(name: String) {
        self.init(rawValue: name.trimmingBlanks.lowercased())
    }

    /// `style` as it is drawn on this theme's background in `colorMode`.
    public func mapped(_ style: Style, colorMode: ColorMode) -> Style {
        guard self == .light, colorMode.hasColor else { return style }
        var mapped = style
        if style.background != .default {
            // A filled cell carries its own contrast; the terminal's default text colour (dark here) may not.
            if style.foreground == .default {
                mapped.foreground = ColorScale.textColor(on: colorMode.displayable(style.background), mode: colorMode)
            }
            return mapped
        }
        mapped.foreground = foreground(style.foreground, colorMode: colorMode)
        return mapped
    }

    /// A foreground colour that reads on this theme's background (`color` itself on `.dark`).
    public func foreground(_ color: Color, colorMode: ColorMode) -> Color {
        guard self == .light, case .indexed = color else { return color }
        let shown = colorMode.displayable(color)
        guard case .indexed(let index) = shown else { return shown }
        switch colorMode {
        case .palette256: return Self.lightPalette[Int(index)]
        // Only the terminal's own colours exist here: white becomes black, the bright ones their darker twins.
        case .ansi16: return .indexed(Self.lightANSI[Int(index)])
        case .ansi8: return .indexed(Self.lightANSI[Int(index) % 8])
        case .monochrome: return .default
        }
    }

    /// The contrast ratio that text on white must reach (WCAG 2's AA level for body text).
    public static let minimumContrast = 4.5

    /// WCAG 2's contrast ratio of two colours given as sRGB 0–255, from 1 (same) to 21 (black on white).
    public static func contrast(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Double {
        let la = relativeLuminance(a)
        let lb = relativeLuminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// WCAG 2's relative luminance of an sRGB colour (0 black … 1 white).
    public static func relativeLuminance(_ rgb: (Int, Int, Int)) -> Double {
        func linear(_ component: Int) -> Double {
            let c = Double(min(max(component, 0), 255)) / 255
            return c <= 0.040_45 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(rgb.0) + 0.7152 * linear(rgb.1) + 0.0722 * linear(rgb.2)
    }

    private static let white = (255, 255, 255)

    private static let lightANSI: [UInt8] = [0, 1, 2, 3, 4, 5, 6, 0, 8, 1, 2, 3, 4, 5, 6, 0]

    /// For each of the 256 palette colours, the one drawn on a light background: itself when it
    /// already reads on white, else the palette colour (cube or grey, never the terminal-defined
    /// 0–15) that reads on white and looks the most like it in OKLab.
    static let lightPalette: [Color] = (0..<256).map { index in
        let color = Color.indexed(UInt8(index))
        if index >= 16 && contrast(color.rgb, white) >= minimumContrast { return color }
        let original = OKLab(color.rgb)
        var best = Color.indexed(16)
        var bestDistance = Double.infinity
        for candidate in 16..<256 {
            let candidateRGB = Color.indexed(UInt8(candidate)).rgb
            guard contrast(candidateRGB, white) >= minimumContrast else { continue }
            let distance = original.distance(to: OKLab(candidateRGB))
            if distance < bestDistance - 1e-12 {
                best = .indexed(UInt8(candidate))
                bestDistance = distance
            }
        }
        return best
    }
}

/// A colour in Björn Ottosson's OKLab space (L lightness 0–1, a green–red, b blue–yellow).
private struct OKLab {
    var lightness: Double
    var a: Double
    var b: Double

    init(_ rgb: (Int, Int, Int)) {
        func linear(_ component: Int) -> Double {
            let c = Double(component) / 255
            return c <= 0.040_45 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = (linear(rgb.0), linear(rgb.1), linear(rgb.2))
        let l = cbrt(0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b)
        let m = cbrt(0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b)
        let s = cbrt(0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b)
        lightness = 0.210_454_255_3 * l + 0.793_617_785_0 * m - 0.004_072_046_8 * s
        a = 1.977_998_495_1 * l - 2.428_592_205_0 * m + 0.450_593_709_9 * s
        self.b = 0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766_0 * s
    }

    /// A colour difference that counts hue and chroma (a, b) fully and lightness by a fifth:
    /// every candidate on white is darker, and a grey is no stand-in for a pale colour.
    func distance(to other: OKLab) -> Double {
        let deltaLightness = lightness - other.lightness
        return (a - other.a) * (a - other.a) + (b - other.b) * (b - other.b) + 0.04 * deltaLightness * deltaLightness
    }
}

extension String {
    fileprivate var trimmingBlanks: Substring {
        let characters = self[...]
        let start = characters.firstIndex { !$0.isWhitespace } ?? characters.endIndex
        let end = characters.lastIndex { !$0.isWhitespace }.map { characters.index(after: $0) } ?? start
        return characters[start..<end]
    }
}
