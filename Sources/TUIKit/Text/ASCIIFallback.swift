// SPDX-License-Identifier: Apache-2.0

/// ASCII stand-ins for the glyphs the widgets draw, for a terminal whose locale
/// has no UTF-8 (one the user chose, `LC_ALL=C`, or none set where no UTF-8 locale
/// is installed; see `LocaleChoice`): there, a box corner, a braille dot or a
/// shade would come out as garbage or nothing.
///
/// Shapes keep their meaning where ASCII has one: borders become `+ - |`, bars
/// `#`, shades `. : # @`, map dots `.` and `:`, arrows `< > ^ v`, markers
/// `o * #`. Anything else that is not ASCII becomes `?`.
public enum ASCIIFallback {
    /// The ASCII character drawn instead of `symbol` (a cluster of one cell).
    public static func glyph(for symbol: String) -> Character {
        guard let scalar = symbol.unicodeScalars.first else { return " " }
        if scalar.isASCII {
            return scalar.value >= 0x20 && scalar.value < 0x7F ? Character(scalar) : "?"
        }
        let v = scalar.value
        switch v {
        case 0x2500...0x257F: return boxDrawing(v)
        case 0x2580...0x259F: return blockElement(v)
        case 0x2800...0x28FF:
            // Braille: how many of the eight dots are set decides how dark.
            let dots = (v - 0x2800).nonzeroBitCount
            return dots == 0 ? " " : dots < 4 ? "." : ":"
        default: return others[v] ?? "?"
        }
    }

    private static func boxDrawing(_ v: UInt32) -> Character {
        let horizontal: Set<UInt32> = [
            0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550, 0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E,
        ]
        let vertical: Set<UInt32> = [
            0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x2575, 0x2577, 0x2579, 0x257B, 0x257D, 0x257F,
        ]
        if horizontal.contains(v) { return "-" }
        if vertical.contains(v) { return "|" }
        return "+"
    }

    private static func blockElement(_ v: UInt32) -> Character {
        switch v {
        case 0x2591: "."  // light shade
        case 0x2592: ":"  // medium shade
        case 0x2593: "@"  // dark shade
        case 0x2580, 0x2594: "\""  // upper half, upper eighth
        case 0x2581...0x2583: "_"  // low blocks
        case 0x2584: ","  // lower half
        case 0x258D...0x258F, 0x2595: "|"  // thin left or right blocks: the end of a bar
        default: "#"  // full and most-of-a-cell blocks
        }
    }

    private static let others: [UInt32: Character] = [
        0x2190: "<", 0x2192: ">", 0x2191: "^", 0x2193: "v", 0x2194: "-", 0x2195: "|",
        0x25C0: "<", 0x25B6: ">", 0x25B2: "^", 0x25BC: "v", 0x25C2: "<", 0x25B8: ">", 0x25B4: "^", 0x25BE: "v",
        0x25CF: "o", 0x25CB: "o", 0x25E6: "o", 0x2022: "*", 0x25C6: "*", 0x25C7: "*", 0x2605: "*", 0x2606: "*",
        0x25A0: "#", 0x25A1: "#", 0x25AA: "#", 0x25AB: "#", 0x00B7: ".", 0x2026: "~", 0x2014: "-", 0x2013: "-",
        0x2212: "-", 0x00D7: "x", 0x00B1: "+", 0x2248: "~", 0x2264: "<", 0x2265: ">", 0x2260: "#", 0x221A: "V",
        0x03A3: "S", 0x2211: "S", 0x00B0: "o", 0x2018: "'", 0x2019: "'", 0x201C: "\"", 0x201D: "\"", 0x00A0: " ",
        0x2713: "v", 0x2717: "x", 0x2502: "|",
    ]
}
